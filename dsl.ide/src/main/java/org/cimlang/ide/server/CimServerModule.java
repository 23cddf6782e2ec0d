package org.cimlang.ide.server;

import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.util.Modules2;

import com.google.inject.AbstractModule;
import com.google.inject.Module;

/**
 * Puts cimlang's server in place of Xtext's {@link LanguageServerImpl}: the standard LSP methods
 * Xtext lacks (inlay hints) can only be added by a subclass, since an {@code ILanguageServerExtension}
 * may not claim a method the LSP standard defines. Meant to override {@link ServerModule}; use
 * {@link #withXtextServer()}.
 */
public class CimServerModule extends AbstractModule {

    /** Xtext's server bindings with these on top: the module a launcher creates its injector from. */
    public static Module withXtextServer() {
        return Modules2.mixin(new ServerModule(), new CimServerModule());
    }

    @Override
    protected void configure() {
        bind(LanguageServerImpl.class).to(CimLanguageServer.class);
        bind(LanguageServer.class).to(CimLanguageServer.class);
    }
}
