package org.cimlang.ide.server;

import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.util.Modules2;

import com.google.inject.AbstractModule;
import com.google.inject.Module;

/**
 * Puts cimlang's server in place of Xtext's {@link LanguageServerImpl}: the standard LSP methods
 * Xtext lacks (inlay hints) can only be added by a subclass, since an {@code ILanguageServerExtension}
 * may not claim a method the LSP standard defines; and {@link InPlaceEditBuilder} in place of Xtext's builder,
 * so that an edit re-parses what changed, not the whole file. Meant to override {@link ServerModule}; use
 * {@link #withXtextServer()}.
 */
public class CimServerModule extends AbstractModule {
    /**
     * {@code -Dcim.lsp.wholeParse=true} parses an edited file whole on every edit, as Xtext does: the way back
     * should the in-place path ever be suspected of a wrong diagnostic, and the other side of its benchmark.
     */
    public static final String WHOLE_PARSE_PROPERTY = "cim.lsp.wholeParse";

    /** Xtext's server bindings with these on top: the module a launcher creates its injector from. */
    public static Module withXtextServer() {
        return Modules2.mixin(new ServerModule(), new CimServerModule());
    }

    @Override
    protected void configure() {
        bind(LanguageServerImpl.class).to(CimLanguageServer.class);
        bind(LanguageServer.class).to(CimLanguageServer.class);
        if (!Boolean.getBoolean(WHOLE_PARSE_PROPERTY)) {
            bind(IncrementalBuilder.InternalStatefulIncrementalBuilder.class).to(InPlaceEditBuilder.class);
            bind(org.eclipse.xtext.build.Indexer.class).to(CimIndexer.class);
        }
    }
}
