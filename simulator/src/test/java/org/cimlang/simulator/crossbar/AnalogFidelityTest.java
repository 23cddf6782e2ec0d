package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.simulator.circuits.adc.IdealAdc;
import org.cimlang.simulator.circuits.adc.TransferErrorAdc;
import org.cimlang.simulator.circuits.adc.UniformAdc;
import org.junit.jupiter.api.Test;

/** Converter transfer errors, IR drop and drift compensation, each against the arithmetic it documents. */
class AnalogFidelityTest {
    private static final int K = 256;
    private static final int N = 32;
    private static final int PRODUCTS = 30;
    private static final WeightFormat W8 = WeightFormat.signed(8);
    private static final InputFormat X8 = InputFormat.unsigned(8);

    private static NonIdeality effects(double drift, boolean pcm, boolean compensate, double inl, double dnl,
            double wire) {
        return new NonIdeality(0, false, 0, 0, 0, 0, drift, null, false, 0, false, pcm, compensate, inl, dnl, wire);
    }

    /** The layer on {@code g}'s arrays with {@code adc ideal}: the analog sums pass unquantised. */
    private static ProgrammedLayer ideal(int[] w, ArrayGeometry g, NonIdealityDraw d) {
        return CrossbarLayer.program(w, K, N, W8, X8, CrossbarPlans.of(K, N, W8, X8, g),
                ArrayComponents.DEFAULT.withAdc(IdealAdc.DESIGN), d);
    }

    /** RMS(chip - exact) / RMS(exact) over PRODUCTS random inputs. */
    private static double relativeError(ProgrammedLayer l, int[] w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] xs = Fixtures.inputs(rnd, PRODUCTS * l.inputs(), l.inputFormat());
        long[] ys = new long[PRODUCTS * l.outputs()];
        l.mvmBatch(xs, PRODUCTS, ys, null, 0);
        double err = 0;
        double ref = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            long[] want = Fixtures.exact(w, l.inputs(), l.outputs(), xs, p * l.inputs());
            for (int n = 0; n < l.outputs(); n++) {
                double d = ys[p * l.outputs() + n] * l.outputLsb() - want[n];
                err += d * d;
                ref += (double) want[n] * want[n];
            }
        }
        return Math.sqrt(err / ref);
    }

    @Test
    void aConverterWithoutTransferErrorsRoundsHalfUpLikeTheUniformOne() {
        UniformAdc base = UniformAdc.of(6, 63);
        TransferErrorAdc adc = TransferErrorAdc.draw(base, 0, 0, new SplittableRandom(1));
        for (double v = -2; v <= 70; v += 0.125) {
            assertEquals(base.convert(v), adc.convert(v), "v = " + v);
        }
    }

    @Test
    void dnlSpreadsTheCodeWidthsByItsSigma() {
        // widths T_(k+1) - T_k of independent N(0, dnl^2 / 2) shifts: mean 1 LSB, standard deviation dnl
        TransferErrorAdc adc = TransferErrorAdc.draw(UniformAdc.of(12, 4095), 0, 0.3, new SplittableRandom(2));
        int n = adc.maxCode() - 1;
        double sum = 0;
        double sum2 = 0;
        for (int k = 1; k <= n; k++) {
            double width = adc.transition(k + 1) - adc.transition(k);
            sum += width;
            sum2 += width * width;
        }
        double mean = sum / n;
        assertEquals(1.0, mean, 1e-3);
        assertEquals(0.3, Math.sqrt(sum2 / n - mean * mean), 0.3 * 0.05);
    }

    @Test
    void inlBowsTheTransitionsByItsValueAtMidScaleAndNotAtTheEnds() {
        TransferErrorAdc adc = TransferErrorAdc.draw(UniformAdc.of(10, 1023), 1.5, 0, new SplittableRandom(3));
        double x = 512.0 / 1023;
        assertEquals(511.5 + 1.5 * 4 * x * (1 - x), adc.transition(512), 1e-9); // 1.5 LSB bow, less 1.4e-6
        assertEquals(0.5 + 1.5 * 4 * (1 / 1023.0) * (1022 / 1023.0), adc.transition(1), 1e-9);
        assertEquals(1022.5, adc.transition(1023), 1e-9);
        // near mid-scale the bow moves every transition up by ~1.5 LSB: 512 reads as 511, 511.9 as 510
        assertEquals(511, adc.convert(512));
        assertEquals(510, adc.convert(511.9));
    }

    @Test
    void irDropErrorGrowsWithTheArraySide() {
        // the same int8 layer on 64 x 64 and 256 x 256 arrays with an ideal converter: wire units grow with the
        // square of the side (W + B ~ side^2), so the error grows ~16x; zero wire resistance is exact
        int[] w = Fixtures.weights(new SplittableRandom(5), K, N, -127, 127);
        ArrayGeometry small = Fixtures.geometry(64, 64, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL);
        ArrayGeometry large = Fixtures.geometry(256, 256, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL);
        NonIdealityDraw wire = new NonIdealityDraw(effects(0, false, false, 0, 0, 2e-6), 1, 0, 0, 0);
        NonIdealityDraw none = new NonIdealityDraw(effects(0, false, false, 0, 0, 0), 1, 0, 0, 0);
        double eSmall = relativeError(ideal(w, small, wire), w, 6);
        double eLarge = relativeError(ideal(w, large, wire), w, 6);
        assertEquals(0, relativeError(ideal(w, large, none), w, 6), 1e-6);
        assertTrue(eSmall > 0, "IR drop must change outputs");
        assertTrue(eLarge > 6 * eSmall, "large arrays must lose more: " + eSmall + " -> " + eLarge);
    }

    @Test
    void globalDriftCompensationUndoesAUniformDrift() {
        // 10 % per decade after 10^4 s leaves 0.6 of every conductance: a 40 % error, which one gain of 1 / 0.6
        // on the column sums removes (exactly, with an ideal converter)
        int[] w = Fixtures.weights(new SplittableRandom(7), K, N, -127, 127);
        ArrayGeometry g = Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL);
        double drifted = relativeError(ideal(w, g,
                new NonIdealityDraw(effects(0.1, false, false, 0, 0, 0), 1, 0, 0, 1e4)), w, 8);
        double compensated = relativeError(ideal(w, g,
                new NonIdealityDraw(effects(0.1, false, true, 0, 0, 0), 1, 0, 0, 1e4)), w, 8);
        assertEquals(0.4, drifted, 0.01);
        assertTrue(compensated < 1e-4, "compensated error " + compensated);
    }

    @Test
    void driftCompensationWinsBackMostOfAPcmDaysError() {
        int[] w = Fixtures.weights(new SplittableRandom(9), K, N, -127, 127);
        ArrayGeometry g = Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL);
        double day = 86_400;
        double fresh = relativeError(ideal(w, g,
                new NonIdealityDraw(effects(0, true, false, 0, 0, 0), 1, 0, 0, 0)), w, 10);
        double drifted = relativeError(ideal(w, g,
                new NonIdealityDraw(effects(0, true, false, 0, 0, 0), 1, 0, 0, day)), w, 10);
        double compensated = relativeError(ideal(w, g,
                new NonIdealityDraw(effects(0, true, true, 0, 0, 0), 1, 0, 0, day)), w, 10);
        assertTrue(fresh > 0.01, "PCM programming and read noise at the first read: " + fresh);
        assertTrue(drifted > 0.25, "a day of drift loses about a third of the conductance: " + drifted);
        assertTrue(compensated < drifted / 3, drifted + " -> " + compensated);
        assertTrue(compensated > fresh, "compensation cannot undo the drift's spread: " + fresh + " vs " + compensated);
    }

    @Test
    void converterTransferErrorsAddErrorOnlyWhereTheyAreSet() {
        // 9 bits convert every sum of 128 rows of 2-bit cells (at most 384) exactly; INL 1 LSB and DNL 0.5 LSB
        // must add error, and the same chip seed must give the same converters
        int[] w = Fixtures.weights(new SplittableRandom(11), K, N, -127, 127);
        ArrayGeometry g = Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.DIFFERENTIAL);
        double clean = relativeError(CrossbarLayer.program(w, K, N, W8, X8, g,
                new NonIdealityDraw(effects(0, false, false, 0, 0, 0), 1, 0, 0, 0)), w, 12);
        NonIdealityDraw bowed = new NonIdealityDraw(effects(0, false, false, 1.0, 0.5, 0), 1, 0, 0, 0);
        double withErrors = relativeError(CrossbarLayer.program(w, K, N, W8, X8, g, bowed), w, 12);
        double again = relativeError(CrossbarLayer.program(w, K, N, W8, X8, g, bowed), w, 12);
        assertEquals(0, clean, "9 bits convert 128 rows of 2-bit cells exactly");
        assertTrue(withErrors > 1e-3, "INL/DNL must add error: " + withErrors);
        assertEquals(withErrors, again, "one chip seed, one converter");
    }
}
