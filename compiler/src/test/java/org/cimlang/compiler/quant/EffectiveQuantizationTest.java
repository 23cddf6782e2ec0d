package org.cimlang.compiler.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

class EffectiveQuantizationTest {
    private static final AnalyzedNetwork LENET = NetworkAnalysis.analyze(TestNetworks.lenet5());

    private static QuantSpec type(NumberType t, Object origin) {
        return new QuantSpec(t, null, null, null, null, origin);
    }

    private static Quantization block(QuantSpec w, QuantSpec a, QuantOverride... overrides) {
        return new Quantization("Q", "LeNet5", w, a, List.of(overrides), null, 0, "@Q");
    }

    @Test
    void withoutABlockEveryLayerGetsTheDocumentedDefaults() {
        QuantPlan p = EffectiveQuantization.resolve(LENET, null);
        LayerQuant q = p.of("c1");
        assertEquals(NumberType.signed(8), q.weights().type());
        assertEquals(Boolean.TRUE, q.weights().symmetric());
        assertEquals(Granularity.PER_CHANNEL, q.weights().granularity());
        assertEquals(NumberType.unsigned(8), q.activations().type());
        assertEquals(Boolean.FALSE, q.activations().symmetric());
        assertEquals(Granularity.PER_TENSOR, q.activations().granularity());
        assertEquals(CalibrationMethod.MINMAX, q.activations().calibration());
        assertEquals(100.0, q.activations().percentile());
        assertEquals(9, p.perLayer().size()); // every layer of LeNet5, digital ones included
        assertTrue(p.diagnostics().isEmpty());
    }

    @Test
    void fieldsNeverGivenFallBackToDefaultsOneByOne() {
        QuantSpec w = new QuantSpec(NumberType.signed(4), null, null, null, null, null);
        QuantSpec a = new QuantSpec(null, null, null, CalibrationMethod.PERCENTILE, null, null);
        LayerQuant q = EffectiveQuantization.resolve(LENET, block(w, a)).of("fc1");
        assertEquals(NumberType.signed(4), q.weights().type());
        assertEquals(Granularity.PER_CHANNEL, q.weights().granularity()); // default kept
        assertEquals(NumberType.unsigned(8), q.activations().type());
        assertEquals(CalibrationMethod.PERCENTILE, q.activations().calibration());
        assertEquals(EffectiveQuantization.DEFAULT_PERCENTILE, q.activations().percentile());
    }

    @Test
    void laterOverridesWinAndGlobsMatchByPattern() {
        Quantization q = block(type(NumberType.signed(4), null), null,
                new QuantOverride("c1", type(NumberType.signed(8), null), null, "@o1"),
                new QuantOverride("fc*", null, type(NumberType.unsigned(4), null), "@o2"),
                new QuantOverride("fc?", type(NumberType.signed(2), null), null, "@o3"),
                new QuantOverride("*", null, null, "@o4"));
        QuantPlan p = EffectiveQuantization.resolve(LENET, q);
        assertEquals(NumberType.signed(8), p.of("c1").weights().type());
        assertEquals(NumberType.signed(4), p.of("c2").weights().type());
        assertEquals(NumberType.unsigned(4), p.of("fc1").activations().type());
        assertEquals(NumberType.signed(2), p.of("fc1").weights().type()); // fc? matches fc1 and fc2
        assertEquals(NumberType.signed(4), p.of("out").weights().type());
        assertEquals(NumberType.unsigned(8), p.of("out").activations().type());
        assertTrue(p.diagnostics().isEmpty(), p.diagnostics()::toString);
    }

    @Test
    void overrideMatchingNoLayerWarnsOnTheOverride() {
        QuantPlan p = EffectiveQuantization.resolve(LENET,
                block(null, null, new QuantOverride("conv*", type(NumberType.signed(4), null), null, "@o")));
        Diagnostic d = p.diagnostics().get(0);
        assertEquals(Severity.WARNING, d.severity());
        assertEquals(DiagnosticCodes.QUANT_OVERRIDE_UNMATCHED, d.code());
        assertEquals("@o", d.origin());
        assertEquals("pattern", d.feature());
        assertEquals("pattern 'conv*' matches no layer of LeNet5: the override has no effect", d.message());
        assertFalse(p.hasErrors());
    }

    @Test
    void anLstmWithUnsignedActivationsWarnsThatItsNegativeStatesClipUntilItsActivationsAreSigned() {
        AnalyzedNetwork kws = NetworkAnalysis.analyze(new org.cimlang.compiler.shape.TestNetworks.Builder("Kws")
                .input("mfcc", 49, 10)
                .add(org.cimlang.compiler.ir.Layer.builder("rnn", org.cimlang.compiler.ir.LayerKind.LSTM)
                        .inputs("mfcc").units(8).last(true).origin("@rnn"))
                .dense("fc", "rnn", 4, null).build());
        Quantization unsigned = new Quantization("Q", "Kws", null, type(NumberType.unsigned(8), "@a"), List.of(),
                null, 0, "@Q");
        QuantPlan p = EffectiveQuantization.resolve(kws, unsigned);
        assertEquals(1, p.diagnostics().size(), p.diagnostics()::toString);
        Diagnostic d = p.diagnostics().get(0);
        assertEquals(Severity.WARNING, d.severity());
        assertEquals(DiagnosticCodes.QUANT_UNSIGNED_STATE, d.code());
        assertEquals("@a", d.origin());
        assertEquals("lstm rnn's state is in (-1, 1) but its activations are uint8: its negative states would clip "
                + "to 0; give it signed activations ('layer rnn activations int8')", d.message());
        Quantization fixed = new Quantization("Q", "Kws", null, type(NumberType.unsigned(8), "@a"),
                List.of(new QuantOverride("rnn", null, type(NumberType.signed(8), null), "@o")), null, 0, "@Q");
        assertTrue(EffectiveQuantization.resolve(kws, fixed).diagnostics().isEmpty());
    }

    @Test
    void perChannelActivationsAreAnError() {
        QuantSpec a = new QuantSpec(null, null, Granularity.PER_CHANNEL, null, null, "@acts");
        Diagnostic d = EffectiveQuantization.resolve(LENET, block(null, a)).diagnostics().get(0);
        assertEquals(Severity.ERROR, d.severity());
        assertEquals(DiagnosticCodes.QUANT_PER_CHANNEL_ACTIVATIONS, d.code());
        assertEquals("@acts", d.origin());
        assertEquals("granularity", d.feature());
        assertEquals("activations cannot be quantised per-channel: the crossbar sums a whole input vector with one"
                + " scale; use per-tensor", d.message());
    }

    @Test
    void bitsOutside1To16AreAnError() {
        Quantization q = block(type(NumberType.signed(17), "@w"), null,
                new QuantOverride("c1", null, type(NumberType.unsigned(0), null), "@o"));
        List<Diagnostic> d = EffectiveQuantization.resolve(LENET, q).diagnostics();
        assertEquals(2, d.size());
        assertEquals(DiagnosticCodes.QUANT_BITS, d.get(0).code());
        assertEquals("@w", d.get(0).origin());
        assertEquals("type", d.get(0).feature());
        assertEquals("weights type int17 has 17 bits: use 1..16 bits", d.get(0).message());
        assertEquals("@o", d.get(1).origin()); // a spec without its own origin lands on the override
        assertEquals("activations type uint0 has 0 bits: use 1..16 bits", d.get(1).message());
    }

    @Test
    void percentileOutsideZeroToHundredIsAnError() {
        QuantSpec a = new QuantSpec(null, null, null, CalibrationMethod.PERCENTILE, 120.0, "@a");
        Diagnostic d = EffectiveQuantization.resolve(LENET, block(null, a)).diagnostics().get(0);
        assertEquals(DiagnosticCodes.QUANT_PERCENTILE, d.code());
        assertEquals("percentile 120.0 is outside 0..100: use e.g. 99.9", d.message());
    }

    @Test
    void binaryTypeIsOneBitAndValid() {
        QuantPlan p = EffectiveQuantization.resolve(LENET, block(type(NumberType.BINARY, null), null));
        assertEquals(1, p.of("fc1").weightBits());
        assertTrue(p.diagnostics().isEmpty());
    }

    @Test
    void globMatchesStarsAndQuestionMarks() {
        assertTrue(LayerPattern.matches("fc*", "fc"));
        assertTrue(LayerPattern.matches("fc*", "fc12"));
        assertTrue(LayerPattern.matches("*b?c*", "s1b2c3"));
        assertFalse(LayerPattern.matches("fc?", "fc"));
        assertFalse(LayerPattern.matches("c1", "c10"));
        assertTrue(LayerPattern.matches("*", ""));
    }
}
