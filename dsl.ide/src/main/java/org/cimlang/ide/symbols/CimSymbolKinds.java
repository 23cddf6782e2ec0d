package org.cimlang.ide.symbols;

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

    @Override
    protected SymbolKind getSymbolKind(EClass clazz) {
        if (clazz == CimPackage.Literals.MODEL) {
            return SymbolKind.Package;
        }
        if (clazz == CimPackage.Literals.CHIP) {
            // a record of hardware parameters
            return SymbolKind.Struct;
        }
        if (clazz == CimPackage.Literals.NETWORK) {
            return SymbolKind.Class;
        }
        if (clazz == CimPackage.Literals.LAYER) {
            // a step of the network that computes its output from its inputs
            return SymbolKind.Function;
        }
        if (clazz == CimPackage.Literals.QUANTIZATION) {
            // assigns number types to the layers
            return SymbolKind.TypeParameter;
        }
        if (clazz == CimPackage.Literals.MAPPING) {
            // the unit the compiler builds: a network on a chip
            return SymbolKind.Module;
        }
        if (clazz == CimPackage.Literals.SIMULATION) {
            // a run of an experiment
            return SymbolKind.Event;
        }
        return super.getSymbolKind(clazz);
    }
}
