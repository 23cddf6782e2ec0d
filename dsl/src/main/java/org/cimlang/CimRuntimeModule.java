package org.cimlang;

import org.cimlang.linking.CimLinkingDiagnosticMessageProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;

/** Guice bindings of the language's runtime services. */
public class CimRuntimeModule extends AbstractCimRuntimeModule {

    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return CimLinkingDiagnosticMessageProvider.class;
    }
}
