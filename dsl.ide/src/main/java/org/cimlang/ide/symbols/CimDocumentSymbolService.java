package org.cimlang.ide.symbols;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;

import com.google.inject.Inject;

/**
 * Workspace symbols and the flat outline (clients without hierarchical symbols) with the kinds of
 * {@link CimSymbolKinds}: Xtext's {@code DocumentSymbolService} answers both with a kind of its own
 * ({@code Property} for every declaration) instead of asking the kind provider the hierarchical outline uses.
 */
public class CimDocumentSymbolService extends DocumentSymbolService {

    @Inject
    private CimSymbolKinds kinds;

    @Override
    protected SymbolKind getSymbolKind(EClass clazz) {
        return kinds.getSymbolKind(clazz);
    }
}
