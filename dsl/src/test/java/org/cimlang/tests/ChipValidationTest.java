package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The chip's required attributes, their ranges and duplicates. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class ChipValidationTest {
    @Inject
    CimTestSupport support;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    /** The valid design's chip, replaced by {@code chip}. */
    private static Src withChip(String chip) {
        return Src.valid().replace("""
                chip C {
                    tiles 4
                    arrays per tile 8
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }
                """, chip);
    }

    @Test
    void aChipWithEveryAttributeHasNoErrors() throws Exception {
        Src src = withChip("""
                chip C {
                    technology rram
                    node 32 nm
                    clock 1.2 GHz
                    tiles 168
                    arrays per tile 96
                    array 128 x 128 {
                        cell bits 2
                        read latency 100 ns
                        read energy 0.3 pJ
                        write latency 50 ns
                        write energy 1 pJ
                        rows active 64
                    }
                    adc bits 8 shared by 128 columns { latency 0.78 ns  energy 2 pJ }
                    dac bits 1 { latency 1 ns energy 0.1 pJ }
                    signed weights differential
                    slicing binary
                    buffer 64 KB per tile
                    endurance 1e8 writes
                    offset compensation rows 2
                    nonideal {
                        variation 2 % lognormal
                        read noise 1 %
                        stuck at zero 0.1 %
                        stuck at one 0.05 %
                        adc offset 0.5 lsb
                        drift 0.05 per decade
                    }
                }
                """);
        assertEquals("", Src.errors(support.issues(src.text())));
    }

    @Test
    void anAttributeGivenTwiceIsAnErrorOnTheSecond() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    tiles 8\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "tiles 8", "'tiles' is given twice in chip C: keep one"),
                frontEndIssues(src));
    }

    @Test
    void aDuplicateOfAMultiWordAttributeIsNamedInFull() throws Exception {
        Src src = Src.valid().replace("    arrays per tile 8\n", "    arrays per tile 8\n    arrays per tile 16\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "arrays per tile 16",
                "'arrays per tile' is given twice in chip C: keep one"), frontEndIssues(src));
    }

    @Test
    void aChipWithoutTilesIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "C", 1, "chip C needs 'tiles N'"), frontEndIssues(src));
    }

    @Test
    void aChipWithoutArraysPerTileIsAnError() throws Exception {
        Src src = Src.valid().replace("    arrays per tile 8\n", "");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "C", 1, "chip C needs 'arrays per tile N'"),
                frontEndIssues(src));
    }

    @Test
    void aChipWithoutArrayIsAnError() throws Exception {
        Src src = Src.valid().replace("    array 128 x 128 { cell bits 2 }\n", "");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "C", 1,
                "chip C needs 'array ROWS x COLS { cell bits B }'"), frontEndIssues(src));
    }

    @Test
    void aChipWithoutAdcIsAnError() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n", "");
        assertEquals(src.error(CimIssueCodes.PARAM_MISSING, "C", 1, "chip C needs 'adc bits B'"),
                frontEndIssues(src));
    }

    @Test
    void zeroTilesIsAnError() throws Exception {
        Src src = Src.valid().replace("tiles 4", "tiles 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "tiles 0 is out of range: write a value in 1..16777216"),
                frontEndIssues(src));
    }

    @Test
    void zeroArraysPerTileIsAnError() throws Exception {
        Src src = Src.valid().replace("arrays per tile 8", "arrays per tile 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "arrays per tile 0 is out of range: write a value in 1..16777216"), frontEndIssues(src));
    }

    @Test
    void anArrayWithZeroColumnsIsAnError() throws Exception {
        Src src = Src.valid().replace("array 128 x 128", "array 128 x 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "array columns 0 is out of range: write a value in 1..65536"), frontEndIssues(src));
    }

    @Test
    void cellBitsAbove8AreAnErrorBecauseTheSimulatorStoresLevelsIn16Bits() throws Exception {
        Src src = Src.valid().replace("cell bits 2", "cell bits 12");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "12", "cell bits 12 is out of range: write a value in 1..8"),
                frontEndIssues(src));
    }

    @Test
    void aStateIndependentVariationIsWrittenOfMax() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { variation 5 % of max }");
        assertEquals("", frontEndIssues(src));
        Src both = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { variation 5 % lognormal of max }");
        assertTrue(frontEndIssues(both).contains("ERROR"), "lognormal and 'of max' exclude each other");
    }

    @Test
    void aStateIndependentReadNoiseIsWrittenOfMaxAndReachesTheChip() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 8 range calibrated percentile 99.5\n"
                + "    nonideal { read noise 1 % of max }");
        assertEquals("", frontEndIssues(src));
        org.cimlang.compiler.ir.Chip chip = builtChip(src);
        assertEquals(0.01, chip.nonideal().readNoise(), 1e-12);
        assertTrue(chip.nonideal().readNoiseOfMax());
        assertEquals(99.5, chip.adcPercentile());
        assertEquals(org.cimlang.compiler.ir.AdcRangeMode.CALIBRATED, chip.adcRange());
    }

    @Test
    void theCostModelsHierarchyConverterAndInterconnectReachTheChip() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "arrays per pe 2\n    adc bits 8 sar shared by 8 columns\n"
                + "    interconnect mesh width 256 bits");
        assertEquals("", frontEndIssues(src));
        org.cimlang.compiler.ir.Chip chip = builtChip(src);
        assertEquals(new org.cimlang.compiler.ir.Periphery(2, org.cimlang.compiler.ir.AdcArchitecture.SAR,
                org.cimlang.compiler.ir.Interconnect.MESH, 256), chip.periphery());
        assertEquals(8, chip.adcSharedColumns());
    }

    @Test
    void aMacrosSupplyChargeDomainCellsPulsedInputsAndMacroOnlyReachTheChip() throws Exception {
        Src src = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 compute charge capacitor 1.5 fF }")
                .replace("adc bits 8", "adc bits 8\n    supply 800 mV\n    dac bits 4 pulses\n    macro only");
        assertEquals("", frontEndIssues(src));
        org.cimlang.compiler.ir.Periphery p = builtChip(src).periphery();
        assertEquals(0.8, p.supplyV(), 1e-12);
        assertEquals(org.cimlang.compiler.ir.ComputeMode.CHARGE, p.computeMode());
        assertEquals(1.5e-15, p.capacitorF(), 1e-27);
        assertTrue(p.pulseInputs() && p.macroOnly());
        org.cimlang.compiler.ir.Periphery plain = builtChip(Src.valid()).periphery();
        assertEquals(org.cimlang.compiler.ir.ComputeMode.CURRENT,
                plain.computeModeFor(org.cimlang.compiler.ir.Technology.RRAM));
        assertTrue(!plain.pulseInputs() && !plain.macroOnly() && plain.supplyV() == 0);
    }

    @Test
    void aMacrosWordsAreCheckedWhereTheyAreWrittenWithTheFix() throws Exception {
        String supply = frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8\n    supply 12 V"));
        assertTrue(supply.contains("supply 12 V is outside 0.3 to 5 V") && supply.contains("'supply 0.8 V'"), supply);
        String unit = frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8\n    supply 0.8 GHz"));
        assertTrue(unit.contains("supply") && unit.contains("V"), unit);
        String current = frontEndIssues(withChip("""
                chip C {
                    technology sram
                    tiles 4
                    arrays per tile 8
                    array 128 x 128 { cell bits 1 compute current }
                    adc bits 8
                }
                """));
        assertTrue(current.contains("'compute current' needs a resistive cell, and sram cells")
                && current.contains("'compute charge'"), current);
        String capacitor = frontEndIssues(Src.valid().replace("{ cell bits 2 }",
                "{ cell bits 2 compute discharge capacitor 2 fF }"));
        assertTrue(capacitor.contains("only 'compute charge' has a capacitor per cell")
                && capacitor.contains("'compute charge capacitor 2 fF'"), capacitor);
        String zero = frontEndIssues(Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 compute charge capacitor 0 fF }"));
        assertTrue(zero.contains("capacitor must be above 0 fF"), zero);
        String pulses = frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8\n    dac bits 1 pulses"));
        assertTrue(pulses.contains("a 1-bit input is one pulse either way"), pulses);
        String macro = frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8\n    macro only\n    buffer 64 KB per tile"));
        assertTrue(macro.contains("'buffer' is not part of a lone macro"), macro);
        assertTrue(!supply.contains("null") && !current.contains("null") && !macro.contains("null"));
    }

    @Test
    void theCostModelsSizesAreCheckedWhereTheyAreWritten() throws Exception {
        Src pe = Src.valid().replace("adc bits 8", "arrays per pe 0\n    adc bits 8");
        assertTrue(frontEndIssues(pe).contains("arrays per pe 0"), frontEndIssues(pe));
        Src width = Src.valid().replace("adc bits 8", "adc bits 8\n    interconnect bus width 0 bits");
        assertTrue(frontEndIssues(width).contains("interconnect width 0"), frontEndIssues(width));
        Src cell = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 cell area 0 F2 }");
        assertTrue(frontEndIssues(cell).contains("cell area must be above 0 F2"), frontEndIssues(cell));
        Src fine = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 cell area 4 F2 write drivers 0 um2 per cell }")
                .replace("adc bits 8", "adc bits 8 flash { area 1200 um2 }");
        assertEquals("", frontEndIssues(fine));
    }

    @Test
    void aNetworksActivityReachesItAndADensityAboveOneIsAnError() throws Exception {
        Src src = Src.valid().replace("network N {", "network N {\n    activity inputs 0.3 weights 0.6");
        assertEquals("", frontEndIssues(src));
        org.cimlang.cim.Network n = (org.cimlang.cim.Network) CimTestSupport.model(support.load(src.text()).get(0))
                .getElements().stream().filter(d -> d instanceof org.cimlang.cim.Network).findFirst().orElseThrow();
        assertEquals(new org.cimlang.compiler.ir.Activity(0.3, 0.6), org.cimlang.semantic.DesignBuilder.network(n).activity());
        Src bad = Src.valid().replace("network N {", "network N {\n    activity inputs 1.5");
        assertEquals(bad.error(CimIssueCodes.RANGE_DENSITY, "1.5", "activity inputs 1.5 is not a share: write a density"
                + " above 0 and at most 1 (e.g. 0.25)"), frontEndIssues(bad));
    }

    @Test
    void anOnOffRatioAboveOnePassesAndOneOrLessIsAnError() throws Exception {
        assertEquals("", frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { on off ratio 100 }")));
        Src one = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { on off ratio 1 }");
        assertEquals(one.error(CimIssueCodes.RANGE_POSITIVE, "1", "on off ratio 1 is out of range: Gmax / Gmin is above 1,"
                + " e.g. 'on off ratio 100'"), frontEndIssues(one));
    }

    @Test
    void anIdealAdcNeedsNoBits() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc ideal");
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void aCalibratedRangeTakesAPercentileAboveZeroAndAtMost100() throws Exception {
        assertEquals("", frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8 range calibrated percentile 99.9")));
        Src high = Src.valid().replace("adc bits 8", "adc bits 8 range calibrated percentile 101");
        assertEquals(high.error(CimIssueCodes.RANGE_PERCENT, "101",
                "percentile 101 is out of range: write a value above 0 and at most 100, e.g. 99.9"), frontEndIssues(high));
        Src other = Src.valid().replace("adc bits 8", "adc bits 8 range granular percentile 99");
        assertEquals(other.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "99", "only 'range calibrated' takes a percentile;"
                + " 'range granular' does not: remove 'percentile 99' or write 'range calibrated percentile 99'"),
                frontEndIssues(other));
    }

    @Test
    void signedConversionWithOffsetWeightsWarnsThatThereAreNoPairs() throws Exception {
        assertEquals("", frontEndIssues(Src.valid().replace("adc bits 8", "adc bits 8 signed")));
        Src offset = Src.valid().replace("adc bits 8", "adc bits 8 signed\n    signed weights offset");
        assertTrue(frontEndIssues(offset).contains("WARNING"), frontEndIssues(offset));
        assertTrue(frontEndIssues(offset).contains("'signed weights offset' makes no pairs"), frontEndIssues(offset));
    }

    @Test
    void zeroAdcBitsAreAnError() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 0");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "0", "adc bits 0 is out of range: write a value in 1..24"),
                frontEndIssues(src));
    }

    @Test
    void theLimitsClassBoundsPass() throws Exception {
        Src src = Src.valid().replace("cell bits 2", "cell bits 8").replace("adc bits 8", "adc bits 24");
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void anAdcSharedByZeroColumnsIsAnError() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 8 shared by 0 columns");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "columns per ADC 0 is out of range: write a value in 1..65536"), frontEndIssues(src));
    }

    @Test
    void dacBitsAbove8AreAnError() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n", "    adc bits 8\n    dac bits 32\n");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "32", "dac bits 32 is out of range: write a value in 1..8"),
                frontEndIssues(src));
    }

    @Test
    void zeroOffsetCompensationRowsAreAnError() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n", "    adc bits 8\n    offset compensation rows 0\n");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "offset compensation rows 0 is out of range: write a value in 1..65536"), frontEndIssues(src));
    }

    @Test
    void anArrayParameterGivenTwiceIsAnError() throws Exception {
        Src src = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 cell bits 1 }");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "cell bits 1",
                "'cell bits' is given twice in the array: keep one"), frontEndIssues(src));
    }

    @Test
    void zeroRowsActiveIsAnError() throws Exception {
        Src src = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 rows active 0 }");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "rows active 0 is out of range: write a value in 1..65536"), frontEndIssues(src));
    }

    @Test
    void moreRowsActiveThanTheArrayHasIsAWarning() throws Exception {
        Src src = Src.valid().replace("{ cell bits 2 }", "{ cell bits 2 rows active 256 }");
        assertEquals(src.warning(CimIssueCodes.RANGE_POSITIVE, "rows active 256",
                "rows active 256 exceeds the array's 128 rows: at most 128 rows can be read at once; write "
                        + "'rows active 128' or remove the line"), frontEndIssues(src));
    }

    private org.cimlang.compiler.ir.Chip builtChip(Src src) throws Exception {
        org.cimlang.cim.Chip c = (org.cimlang.cim.Chip) CimTestSupport.model(support.load(src.text()).get(0))
                .getElements().stream().filter(d -> d instanceof org.cimlang.cim.Chip).findFirst().orElseThrow();
        return org.cimlang.semantic.DesignBuilder.chip(c);
    }

    @Test
    void theAnalogFidelityEffectsParseAndReachTheChip() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { adc inl 0.5 lsb adc dnl 0.25 lsb"
                + " pcm noise drift compensation wire resistance 1e-5 of on }");
        assertEquals("", frontEndIssues(src));
        org.cimlang.compiler.ir.NonIdeality n = builtChip(src).nonideal();
        assertEquals(0.5, n.adcInlLsb(), 1e-12);
        assertEquals(0.25, n.adcDnlLsb(), 1e-12);
        assertTrue(n.pcmNoise());
        assertTrue(n.driftCompensation());
        assertEquals(1e-5, n.wireOverOn(), 1e-18);
        assertEquals(4, n.effects().size(), n.effects().toString()); // INL and DNL are one converter effect
    }

    @Test
    void inlAndDnlAreDifferentParametersButEachIsGivenOnce() throws Exception {
        Src twice = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { adc inl 0.5 lsb adc inl 1 lsb }");
        assertEquals(twice.error(CimIssueCodes.PARAM_DUPLICATE, "adc inl 1 lsb",
                "'adc inl' is given twice in nonideal: keep one"), frontEndIssues(twice));
    }

    @Test
    void transferErrorsOnAnIdealAdcWarnThatNothingIsQuantised() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc ideal\n    nonideal { adc dnl 0.3 lsb }");
        assertEquals(src.warning(CimIssueCodes.PARAM_NOT_APPLICABLE, "adc dnl 0.3 lsb", "'adc dnl' has no effect on"
                + " 'adc ideal', which does not quantise: write 'adc bits B' or remove the line"), frontEndIssues(src));
    }

    @Test
    void transferErrorsOnAConverterWiderThan16BitsAreAnError() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 18\n    nonideal { adc inl 1 lsb }");
        assertTrue(frontEndIssues(src).contains("ERROR " + CimIssueCodes.RANGE_POSITIVE), frontEndIssues(src));
        assertTrue(frontEndIssues(src).contains("'adc inl' is modelled for converters of at most 16 bits"),
                frontEndIssues(src));
    }

    @Test
    void pcmNoiseWarnsThatItReplacesVariationAndDrift() throws Exception {
        Src src = Src.valid().replace("adc bits 8", "adc bits 8\n    nonideal { pcm noise variation 2 % }");
        assertEquals(src.warning(CimIssueCodes.PARAM_NOT_APPLICABLE, "variation 2 %", "'variation' has no effect with"
                + " 'pcm noise', whose fitted programming noise and drift replace it: remove one of the two"),
                frontEndIssues(src));
    }

    @Test
    void aNonidealParameterGivenTwiceIsAnError() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n", "    adc bits 8\n    nonideal { variation 2 % variation 3 % }\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "variation 3 %",
                "'variation' is given twice in nonideal: keep one"), frontEndIssues(src));
    }

    @Test
    void stuckAtZeroAndStuckAtOneAreDifferentParameters() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n",
                "    adc bits 8\n    nonideal { stuck at zero 1 % stuck at one 1 % }\n");
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void stuckAtZeroGivenTwiceIsNamedInFull() throws Exception {
        Src src = Src.valid().replace("    adc bits 8\n",
                "    adc bits 8\n    nonideal { stuck at zero 1 % stuck at zero 2 % }\n");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "stuck at zero 2 %",
                "'stuck at zero' is given twice in nonideal: keep one"), frontEndIssues(src));
    }
}
