package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class CompilerTest {
    private static final Quantization INT4 = new Quantization("Int4", "LeNet5",
            new QuantSpec(NumberType.signed(4), null, null, null, null, null), null, List.of(), null, 0, "@Int4");

    private static Design design(MappingSpec... mappings) {
        return new Design(List.of(TestChips.isaac()), List.of(TestNetworks.lenet5(), TestNetworks.mlp()),
                List.of(INT4), List.of(mappings), List.of());
    }

    @Test
    void compilesTheNamedMappingWithItsQuantization() {
        Compilation c = Compiler.compile(design(TestChips.mapping("LeNet5", "Isaac").quantization("Int4").build()), "M");
        assertFalse(c.hasErrors(), c.diagnostics()::toString);
        assertEquals("LeNet5", c.network().name());
        assertEquals("Int4", c.quant().quantizationName());
        // int4 differential on 2-bit cells: s = ceil(3 / 2) = 2 -> 4 columns per output
        assertEquals(2, c.result().layer("c1").slices());
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().equals(DiagnosticCodes.CAPACITY_FITS)));
    }

    @Test
    void theOnlyMappingIsCompiledWithoutAName() {
        Compilation c = Compiler.compile(design(TestChips.mapping("MLP", "Isaac").build()), null);
        assertEquals("MLP", c.network().name());
        assertEquals(2, c.result().layers().size());
    }

    @Test
    void unknownMappingNameIsAnErrorListingTheMappings() {
        Compilation c = Compiler.compile(design(TestChips.mapping("MLP", "Isaac").build()), "Nope");
        Diagnostic d = c.diagnostics().get(0);
        assertEquals(DiagnosticCodes.MAPPING_UNRESOLVED, d.code());
        assertEquals("no mapping named 'Nope'; the design declares: M", d.message());
        assertNull(c.result());
    }

    @Test
    void missingChipIsAnErrorOnTheMappingsChipReference() {
        Compilation c = Compiler.compile(design(TestChips.mapping("MLP", "Ghost").build()), "M");
        Diagnostic d = c.diagnostics().get(0);
        assertEquals(DiagnosticCodes.MAPPING_UNRESOLVED, d.code());
        assertEquals("@map.chip", d.origin());
        assertEquals("mapping M names chip 'Ghost', which the design does not declare", d.message());
        assertNull(c.result());
        assertTrue(c.analysis() != null); // the network is still analysed
    }

    @Test
    void mappingThatNamesNoChipIsAnErrorNotAnException() {
        Compilation c = Compiler.compile(design(TestChips.mapping("MLP", null).build()), "M");
        Diagnostic d = c.diagnostics().get(0);
        assertEquals(DiagnosticCodes.MAPPING_UNRESOLVED, d.code());
        assertEquals("mapping M names no chip: write 'on CHIP' after the mapping's name", d.message());
        assertEquals(List.of(), d.data());
        assertNull(c.result());
    }

    @Test
    void mappingThatNamesNoNetworkIsAnErrorNotAnException() {
        Compilation c = Compiler.compile(design(TestChips.mapping(null, "Isaac").build()), "M");
        Diagnostic d = c.diagnostics().get(0);
        assertEquals("mapping M names no network: write 'for NETWORK' after the mapping's name", d.message());
        assertNull(c.analysis());
    }

    @Test
    void quantizationOfAnotherNetworkIsAnError() {
        Compilation c = Compiler.compile(design(TestChips.mapping("MLP", "Isaac").quantization("Int4").build()), "M");
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals(DiagnosticCodes.QUANT_NETWORK_MISMATCH))
                .findFirst().orElseThrow();
        assertEquals("quantization Int4 is for LeNet5, not for MLP: use a quantization of MLP", d.message());
        assertEquals("@map.quantization", d.origin());
    }

    @Test
    void diagnosticsComeInStageOrder() {
        Compilation c = Compiler.compile(TestChips.isaac(), TestNetworks.lenet5(), null, null);
        List<String> codes = c.diagnostics().stream().map(Diagnostic::code).toList();
        // 8-bit ADC: c2 and fc1 sum 128 rows x 1 x 3 = 384 (9 bits), fc2 120 x 3 = 360 (9 bits);
        // out 84 x 3 = 252 (8 bits) and c1 25 x 3 = 75 (7 bits) fit
        assertEquals(List.of(DiagnosticCodes.CAPACITY_FITS, DiagnosticCodes.ADC_CLIPPING, DiagnosticCodes.ADC_CLIPPING,
                DiagnosticCodes.CELL_LEVELS_UNUSED), codes);
        assertEquals(List.of(List.of("needs=9", "c2", "fc1"), List.of("needs=9", "fc2")), c.diagnostics().stream()
                .filter(d -> d.code().equals(DiagnosticCodes.ADC_CLIPPING)).map(Diagnostic::data).toList());
    }
}
