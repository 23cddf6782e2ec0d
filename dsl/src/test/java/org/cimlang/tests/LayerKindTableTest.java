package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerParam;
import org.junit.jupiter.api.Test;

/** The grammar's layer and parameter keywords are the table of layer kinds' (compiler ir.LayerKinds). */
class LayerKindTableTest {

    @Test
    void theGrammarsLayerKeywordsAreTheTablesKinds() {
        Set<String> grammar = Arrays.stream(org.cimlang.cim.LayerKind.values()).map(k -> k.getLiteral())
                .collect(Collectors.toSet());
        Set<String> table = Arrays.stream(LayerKind.values()).map(LayerKind::keyword).collect(Collectors.toSet());
        assertEquals(table, grammar);
    }

    @Test
    void theGrammarsParameterClassesAreTheTablesParameters() {
        Set<String> grammar = org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam().getEPackage().getEClassifiers()
                .stream().filter(c -> c instanceof org.eclipse.emf.ecore.EClass e
                        && org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam().isSuperTypeOf(e)
                        && e != org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam())
                .map(c -> c.getName().replace("Param", "").toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> table = Arrays.stream(LayerParam.values()).map(LayerParam::keyword).collect(Collectors.toSet());
        assertEquals(table, grammar);
    }
}
