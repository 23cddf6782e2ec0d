package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.ir.effects.AdcOffset;
import org.cimlang.compiler.ir.effects.ConductanceDrift;
import org.cimlang.compiler.ir.effects.ProgrammingVariation;
import org.cimlang.compiler.ir.effects.ReadNoise;
import org.cimlang.compiler.ir.effects.StuckAtFaults;
import org.cimlang.compiler.mapping.CrossbarPlan;
import org.cimlang.simulator.circuits.adc.Adc;
import org.cimlang.simulator.circuits.adc.UniformAdc;
import org.cimlang.simulator.devices.DeviceModel;
import org.cimlang.simulator.devices.LevelDevice;
import org.junit.jupiter.api.Test;

/** Converters and devices are components: another ADC or cell model is one class, chosen per chip. */
class SwappableComponentsTest {
    /** Four rows of weight 1 (uint1 on 1-bit cells), inputs all 1: every column sums to 4. */
    private static final int K = 4;
    private static final WeightFormat W = WeightFormat.unsigned(1);
    private static final InputFormat X = InputFormat.unsigned(1);

    private static CrossbarPlan plan() {
        return CrossbarPlans.of(K, 1, W, X, Fixtures.geometry(8, 8, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL));
    }

    private static long product(ArrayComponents components, NonIdealityDraw draw) {
        ProgrammedLayer p = CrossbarLayer.program(new int[] {1, 1, 1, 1}, K, 1, W, X, plan(), components, draw);
        long[] y = new long[1];
        p.mvm(new int[] {1, 1, 1, 1}, y, null);
        return y[0];
    }

    /** A converter that saturates at code 2 whatever its bits. */
    private record SaturatingAdc(int bits) implements Adc {
        public double fullScale() {
            return 2;
        }

        public double lsb() {
            return 1;
        }

        public int maxCode() {
            return 2;
        }

        public int convert(double v) {
            return (int) Math.max(0, Math.min(2, Math.floor(v + 0.5)));
        }
    }

    /** Cells that never conduct: a device model of an erased array. */
    private record ErasedCells() implements DeviceModel {
        public float program(int level, int levelMax, SplittableRandom rng) {
            return 0f;
        }

        public boolean isIdeal() {
            return false;
        }
    }

    @Test
    void theDefaultComponentsConvertTheColumnSumExactly() {
        assertEquals(4, product(ArrayComponents.DEFAULT, null));
        Adc adc = ArrayComponents.DEFAULT.adc().forLayer(plan());
        assertEquals(UniformAdc.of(3, 4), adc); // Smax = 4 rows x 1 x 1 needs 3 bits
    }

    @Test
    void anotherAdcIsOneClassChosenByItsDesign() {
        ArrayComponents saturating = ArrayComponents.DEFAULT.withAdc(plan -> new SaturatingAdc(
                plan.precision().bitsAvailable()));
        assertEquals(2, product(saturating, null));
    }

    @Test
    void anotherDeviceModelIsOneClassChosenByItsDesign() {
        ArrayComponents erased = ArrayComponents.DEFAULT.withDevice((effects, time) -> new ErasedCells());
        // no non-ideality is declared, yet the device model is not ideal: the cells are drawn from it
        assertEquals(0, product(erased, NonIdealityDraw.ideal()));
    }

    @Test
    void aChipsNonIdealitiesAreTypedEffectsInTheOrderACellSeesThem() {
        NonIdeality n = new NonIdeality(0.05, true, 0.01, 0.001, 0.002, 0.3, 0.02, null);
        assertEquals(List.of(new StuckAtFaults(0.001, 0.002), new ProgrammingVariation(0.05, true),
                new ConductanceDrift(0.02), new ReadNoise(0.01), new AdcOffset(0.3)), n.effects());
        assertEquals(List.of(), NonIdeality.NONE.effects());
        LevelDevice device = LevelDevice.of(n.effects(), 1000);
        assertEquals(1 - 0.02 * 3, device.driftFactor(), 1e-12); // three decades after 1 s
        assertTrue(!device.isIdeal());
    }

    @Test
    void aNegativeEffectIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NonIdeality(0, false, -0.01, 0, 0, 0, 0, null).effects());
        assertEquals("read noise must be finite and non-negative, found -0.01", e.getMessage());
    }

    @Test
    void aStateIndependentVariationSpreadsEveryLevelBySigmaTimesTheHighestLevel() {
        // 'variation 10 % of max' on 2-bit cells: sigma 0.1 x 3 levels for a level-0 cell as for a level-3 one
        LevelDevice d = LevelDevice.of(new NonIdeality(0.1, false, 0, 0, 0, 0, 0, null, true).effects(), 0);
        SplittableRandom a = new SplittableRandom(11);
        SplittableRandom b = new SplittableRandom(11);
        assertEquals((float) Math.max(0, 1 + 0.1 * 3 * b.nextGaussian()), d.program(1, 3, a));
        double sum = 0;
        double sq = 0;
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            double g = d.program(3, 3, r) - 3;
            sum += g;
            sq += g * g;
        }
        assertEquals(0.3, Math.sqrt(sq / 20_000 - (sum / 20_000) * (sum / 20_000)), 0.01); // proportional: 0.3 too
        assertThrows(IllegalArgumentException.class, () -> new ProgrammingVariation(0.1, true, true));
    }

    @Test
    void aFiniteOnOffRatioLeaksTheOffStateAndDifferentialPairsCancelIt() {
        // 2-bit cells, on/off ratio 10: level L conducts 3/10 + L (1 - 1/10); inputs are single bits
        NonIdeality leak = new NonIdeality(0, false, 0, 0, 0, 0, 0, null, false, 10);
        int k = 6;
        int[] x = {1, 0, 1, 1, 0, 1};
        ArrayComponents ideal = ArrayComponents.DEFAULT.withAdc(org.cimlang.simulator.circuits.adc.IdealAdc.DESIGN);
        // unsigned uint2 weights, one column per output: y = sum_r x_r (0.3 + 0.9 w_r)
        int[] u = {0, 3, 1, 2, 0, 3};
        WeightFormat uw = WeightFormat.unsigned(2);
        ProgrammedLayer p = CrossbarLayer.program(u, k, 1, uw, InputFormat.unsigned(1),
                CrossbarPlans.of(k, 1, uw, InputFormat.unsigned(1), Fixtures.geometry(8, 8, 2, 0, 1, 0,
                        WeightEncoding.DIFFERENTIAL)), ideal, new NonIdealityDraw(leak, 1, 0, 0, 0));
        long[] y = new long[1];
        p.mvm(x, y, null);
        double expected = 0;
        for (int r = 0; r < k; r++) {
            expected += x[r] * (0.3 + 0.9 * u[r]);
        }
        assertEquals(expected, y[0] * p.outputLsb(), 1e-3); // 4 * 0.3 + 0.9 * 6 = 6.6 instead of 6
        // int3 weights on a differential pair: both columns leak alike, so y = 0.9 * sum x w
        int[] w = {-3, 2, 1, -1, 3, 0};
        WeightFormat dw = WeightFormat.signed(3);
        ProgrammedLayer d = CrossbarLayer.program(w, k, 1, dw, InputFormat.unsigned(1),
                CrossbarPlans.of(k, 1, dw, InputFormat.unsigned(1), Fixtures.geometry(8, 8, 2, 0, 1, 0,
                        WeightEncoding.DIFFERENTIAL)), ideal, new NonIdealityDraw(leak, 1, 0, 0, 0));
        d.mvm(x, y, null);
        assertEquals(0.9 * (-3 + 1 - 1 + 0), y[0] * d.outputLsb(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> new NonIdeality(0, false, 0, 0, 0, 0, 0, null, false, 1)
                .effects());
    }

    @Test
    void theLevelDeviceProgramsWorkingCellsWithVariationAndStuckCellsAtTheirLevel() {
        // a working cell draws the variation's normal value from the caller's stream
        LevelDevice d = new LevelDevice(0, 0, 0.1, false, 1);
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        float got = d.program(3, 3, a);
        assertEquals((float) Math.max(0, 3 * (1 + 0.1 * b.nextGaussian())), got);
        // stuck cells (drawn by the caller) neither vary nor drift; stuck-off leaks with a finite on/off ratio
        LevelDevice leaky = new LevelDevice(0.5, 0.5, 0.1, false, false, 0.5, 10);
        assertArrayEquals(new float[] {3f, 0.3f}, new float[] {leaky.stuck(org.cimlang.simulator.devices.CellFault.MAX, 3),
                leaky.stuck(org.cimlang.simulator.devices.CellFault.OFF, 3)});
        assertEquals(0.5, leaky.stuckAtZero());
        assertEquals(0.5, leaky.stuckAtMax());
    }
}
