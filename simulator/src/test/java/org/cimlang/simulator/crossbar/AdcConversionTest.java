package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.ColumnSumHistogram;
import org.cimlang.simulator.circuits.adc.LloydMaxAdc;
import org.cimlang.simulator.circuits.adc.UniformAdc;
import org.junit.jupiter.api.Test;

/**
 * Hand examples: 4 rows, one output, int3 differential weights (|w| <= 3 in one 2-bit cell), 1-bit inputs all 1,
 * so one read sums 4 cells; Smax = 4 x 1 x 3 = 12 needs 4 ADC bits.
 */
class AdcConversionTest {

    private static long run(int weight, int adcBits, AdcRange range) {
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, adcBits, WeightEncoding.DIFFERENTIAL).withAdcRange(range);
        ProgrammedLayer l = CrossbarLayer.program(new int[] {weight, weight, weight, weight}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(1), g, NonIdealityDraw.ideal());
        long[] y = new long[1];
        l.mvm(new int[] {1, 1, 1, 1}, y, null);
        return y[0];
    }

    @Test
    void unitLsbAdcWithTooFewBitsClipsLargeSums() {
        // 3 bits: codes 0..7 of one unit each. Weights 3: sum 12 -> clipped to 7. Weights 1: sum 4 -> exact.
        assertEquals(7, run(3, 3, AdcRange.UNIT_LSB));
        assertEquals(4, run(1, 3, AdcRange.UNIT_LSB));
        // negative weights sum on the negative column, clipped the same way: -7
        assertEquals(-7, run(-3, 3, AdcRange.UNIT_LSB));
        // 4 bits suffice: exact 12
        assertEquals(12, run(3, 4, AdcRange.UNIT_LSB));
    }

    @Test
    void maxSumAdcWithTooFewBitsCoarsensInsteadOfClipping() {
        // 3 bits over full scale 12: lsb = 12 / 7 = 1.714.
        // sum 12 -> 12 / 1.714 = 7.0 -> code 7 (= 12 in real units, not clipped)
        // sum 4 -> 2.33 -> code 2 (3.43 real); sum 8 (weights 2) -> 4.67 -> code 5 (8.57 real)
        assertEquals(7, run(3, 3, AdcRange.MAX_SUM));
        assertEquals(2, run(1, 3, AdcRange.MAX_SUM));
        assertEquals(5, run(2, 3, AdcRange.MAX_SUM));
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, 3, WeightEncoding.DIFFERENTIAL);
        ProgrammedLayer l = CrossbarLayer.program(new int[4], 4, 1, WeightFormat.signed(3), InputFormat.unsigned(1), g,
                NonIdealityDraw.ideal());
        assertEquals(12.0 / 7, l.outputLsb(), 1e-12);
        assertFalse(l.isExact());
    }

    @Test
    void calibratedFullScaleClipsAboveTheObservedMaximum() {
        // observed max over inputs [1,1,0,0] with weights 3: 2 rows x 3 = 6. Full scale 6 with 3 bits:
        // lsb 1, codes 0..6. Inputs [1,1,1,1] sum 12 -> clipped to 6.
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, 3, WeightEncoding.DIFFERENTIAL);
        ProgrammedLayer l = CrossbarLayer.program(new int[] {3, 3, 3, 3}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(1), g, NonIdealityDraw.ideal());
        double max = l.maxColumnSum(new int[] {1, 1, 0, 0}, 1);
        assertEquals(6.0, max);
        ProgrammedLayer c = l.withAdcFullScale(max);
        assertEquals(1.0, c.outputLsb());
        long[] y = new long[1];
        c.mvm(new int[] {1, 1, 1, 1}, y, null);
        assertEquals(6, y[0]);
        c.mvm(new int[] {0, 1, 0, 1}, y, null);
        assertEquals(6, y[0]);
        c.mvm(new int[] {0, 1, 0, 0}, y, null);
        assertEquals(3, y[0]);
    }

    @Test
    void columnSumPercentileIsTheSumBelowWhichThatShareOfConversionsLies() {
        // weights 1, 2, 3, 3 on one output, 1-bit inputs: the positive column sums the active rows' weights,
        // the negative column is 0 in every read. Four products: rows {0}, {0,1}, {0,1,2}, {0,1,2,3} give
        // positive sums 1, 3, 6, 9; with the four zero sums of the negative column the 8 conversions are
        // 0,0,0,0,1,3,6,9.
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, 3, WeightEncoding.DIFFERENTIAL);
        ProgrammedLayer l = CrossbarLayer.program(new int[] {1, 2, 3, 3}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(1), g, NonIdealityDraw.ideal());
        ColumnSumHistogram h = l.columnSums(new int[] {1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1}, 4);
        assertEquals(8, h.total());
        assertEquals(9.0, h.max());
        assertEquals(9.0, h.percentile(100));
        assertEquals(6.0, h.percentile(87.5)); // 7 of 8 at or below 6
        assertEquals(3.0, h.percentile(75)); // 6 of 8 at or below 3
        assertEquals(0.0, h.percentile(50)); // the four zero sums
        assertEquals(1.0 / 8, h.fractionAbove(6));
        assertEquals(0.0, h.fractionAbove(9));
    }

    @Test
    void aNonlinearAdcWithALevelPerObservedSumIsExactOnThem() {
        // the same layer and inputs: observed sums 0, 1, 3, 6, 9 (5 distinct) fit the 8 levels of 3 bits, so each
        // becomes a level; thresholds halfway: 4 -> 3 (below 4.5), 5 -> 6, 8 -> 9 (at 7.5 and above)
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, 3, WeightEncoding.DIFFERENTIAL);
        ProgrammedLayer l = CrossbarLayer.program(new int[] {1, 2, 3, 3}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(1), g, NonIdealityDraw.ideal());
        int[] calibration = {1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1};
        LloydMaxAdc adc = LloydMaxAdc.fit(3, l.columnSums(calibration, 4));
        assertArrayEquals(new int[] {0, 1, 3, 6, 9}, adc.levels());
        assertEquals(3, adc.convert(4));
        assertEquals(6, adc.convert(5));
        assertEquals(9, adc.convert(8));
        ProgrammedLayer c = l.withAdc(adc);
        long[] y = new long[1];
        for (int[] x : new int[][] {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 1, 1}}) {
            c.mvm(x, y, null);
            assertEquals(Fixtures.exact(new int[] {1, 2, 3, 3}, 4, 1, x, 0)[0], y[0]);
        }
        c.mvm(new int[] {0, 0, 1, 1}, y, null); // sum 6 was observed: exact
        assertEquals(6, y[0]);
        c.mvm(new int[] {0, 1, 0, 1}, y, null); // sum 5 was not: the nearest level, 6
        assertEquals(6, y[0]);
        assertFalse(c.adcResolvesUnits());
    }

    @Test
    void lloydMaxLevelsBeatAUniformAdcOfTheSameBitsOnSkewedSums() {
        // 2 bits, sums 0 x100, 1 x50, 2 x30, 3 x20, 10 x5, 20 x1 (6 distinct values for 4 levels).
        // A uniform ADC over the max (20) has levels 0, 6.67, 13.33, 20 (round half up on v / 6.67): 1, 2, 3 -> 0,
        // 10 -> 13.33, 20 -> 20; squared error 50 x 1 + 30 x 4 + 20 x 9 + 5 x 3.33^2 = 50 + 120 + 180 + 55.6 = 405.6.
        long[][] data = {{0, 100}, {1, 50}, {2, 30}, {3, 20}, {10, 5}, {20, 1}};
        ColumnSumHistogram h = new ColumnSumHistogram(20);
        for (long[] d : data) {
            for (int i = 0; i < d[1]; i++) {
                h.add(d[0]);
            }
        }
        LloydMaxAdc adc = LloydMaxAdc.fit(2, h);
        UniformAdc uniform = UniformAdc.of(2, 20);
        double lloyd = 0;
        double flat = 0;
        for (long[] d : data) {
            lloyd += d[1] * Math.pow(adc.convert(d[0]) - d[0], 2);
            flat += d[1] * Math.pow(uniform.convert(d[0] / uniform.lsb()) * uniform.lsb() - d[0], 2);
        }
        assertEquals(405.6, flat, 0.1);
        assertTrue(adc.levels().length <= 4);
        assertTrue(lloyd < flat / 2, "Lloyd-Max " + lloyd + " vs uniform " + flat + ", levels "
                + java.util.Arrays.toString(adc.levels()));
    }

    @Test
    void signedConversionSubtractsThePairBeforeOneConversion() {
        // weights 3, 3, 3, -1, inputs all 1: S+ = 9, S- = 1, exact 8. Smax = 12.
        // apart, 3-bit max range (lsb 12 / 7): 9 -> 5.25 -> 5, 1 -> 0.58 -> 1: 5 - 1 = 4 codes (6.86)
        // signed, 4 bits = sign + 3 magnitude bits over the same full scale: 8 -> 4.67 -> 5 codes (8.57)
        int[] w = {3, 3, 3, -1};
        int[] x = {1, 1, 1, 1};
        ArrayGeometry g = Fixtures.geometry(4, 8, 2, 0, 1, 3, WeightEncoding.DIFFERENTIAL);
        ProgrammedLayer apart = CrossbarLayer.program(w, 4, 1, WeightFormat.signed(3), InputFormat.unsigned(1), g,
                NonIdealityDraw.ideal());
        ArrayGeometry g4 = g.withAdcBits(4);
        CrossbarPlan signed = CrossbarPlans.of(4, 1, WeightFormat.signed(3), InputFormat.unsigned(1), g4, true);
        assertEquals(5, signed.precision().bitsNeeded()); // 12 needs 4 bits, and the sign
        assertEquals(1, signed.convertedColumns()); // one pair, one conversion
        ProgrammedLayer paired = CrossbarLayer.program(w, 4, 1, WeightFormat.signed(3), InputFormat.unsigned(1), signed,
                ArrayComponents.DEFAULT, NonIdealityDraw.ideal());
        long[] y = new long[1];
        apart.mvm(x, y, null);
        assertEquals(4, y[0]);
        ActivityCounter counter = new ActivityCounter();
        paired.mvm(x, y, counter);
        assertEquals(5, y[0]);
        assertEquals(12.0 / 7, paired.outputLsb(), 1e-12);
        assertEquals(4, paired.adcBits());
        assertEquals(signed.adcConversionsPerMvm(), counter.adcConversions());
        // negative differences keep their sign: weights -3, -3, -3, 1 give -5 codes
        ProgrammedLayer negative = CrossbarLayer.program(new int[] {-3, -3, -3, 1}, 4, 1, WeightFormat.signed(3),
                InputFormat.unsigned(1), signed, ArrayComponents.DEFAULT, NonIdealityDraw.ideal());
        negative.mvm(x, y, null);
        assertEquals(-5, y[0]);
    }

    @Test
    void signedConversionWithEnoughBitsIsExactOnRandomLayers() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int[] w = Fixtures.weights(rnd, 128, 8, -127, 127);
        CrossbarPlan plan = CrossbarPlans.of(128, 8, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.DIFFERENTIAL), true);
        assertEquals(10, plan.precision().bitsNeeded()); // Smax 384: 9 bits and the sign
        ProgrammedLayer l = CrossbarLayer.program(w, 128, 8, WeightFormat.signed(8), InputFormat.unsigned(8), plan,
                ArrayComponents.DEFAULT, NonIdealityDraw.ideal());
        assertTrue(l.isExact());
        int[] x = Fixtures.inputs(rnd, 128, InputFormat.unsigned(8));
        long[] y = new long[8];
        l.mvm(x, y, null);
        assertArrayEquals(Fixtures.exact(w, 128, 8, x, 0), y);
    }

    @Test
    void adcBitsDefaultToExactlyEnoughForTheLargestSum() {
        // 128 rows, 1-bit DAC, 2-bit cells: Smax = 384 -> 9 bits (ISAAC's figure, DOMAIN.md 3)
        ProgrammedLayer l = CrossbarLayer.program(new int[128], 128, 1, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(128, 128, 2, 0, 1, 0, WeightEncoding.OFFSET), NonIdealityDraw.ideal());
        assertEquals(9, l.adcBits());
        assertEquals(384.0, l.adcFullScale());
        assertTrue(l.isExact());
    }

    @Test
    void eightBitAdcOn128RowsOf2BitCellsIsNotExact() {
        // the benchmark's configuration: 384 > 255 -> lsb 384 / 255
        ProgrammedLayer l = CrossbarLayer.program(new int[128], 128, 1, WeightFormat.signed(8), InputFormat.unsigned(8),
                Fixtures.geometry(128, 128, 2, 0, 1, 8, WeightEncoding.OFFSET), NonIdealityDraw.ideal());
        assertFalse(l.isExact());
        assertEquals(384.0 / 255, l.outputLsb(), 1e-12);
    }
}
