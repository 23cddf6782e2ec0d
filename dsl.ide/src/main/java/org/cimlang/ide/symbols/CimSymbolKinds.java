package org.cimlang.ide.symbols;

import java.util.Map;

import org.cimlang.cim.CimPackage;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolKindProvider;

/**
 * The outline's and workspace symbols' kind of each declaration, so that editors show each with an icon
 * of its own (Xtext's default gives every one {@code Property}). The kind goes by the declaration's
 * class, which is all the index records, so the outline and the workspace symbols agree.
 */
public class CimSymbolKinds extends DocumentSymbolKindProvider {

    /**
     * Chip: a record of hardware parameters; layer: a step that computes its output from its inputs;
     * quantization: number types for the layers; mapping: the unit the compiler builds; simulation: a run.
     */
    private static final Map<EClass, SymbolKind> KINDS = Map.of(
            CimPackage.Literals.MODEL, SymbolKind.Package,
            CimPackage.Literals.CHIP, SymbolKind.Struct,
            CimPackage.Literals.NETWORK, SymbolKind.Class,
            CimPackage.Literals.LAYER, SymbolKind.Function,
            CimPackage.Literals.QUANTIZATION, SymbolKind.TypeParameter,
            CimPackage.Literals.MAPPING, SymbolKind.Module,
            CimPackage.Literals.SIMULATION, SymbolKind.Event);

    @Override
    protected SymbolKind getSymbolKind(EClass clazz) {
        SymbolKind kind = KINDS.get(clazz);
        return kind != null ? kind : super.getSymbolKind(clazz);
    }
}
