package org.cimlang.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in for compiling and simulating a design, for tests and the benchmark: figures are a deterministic
 * function of the parameters and the point's seed, shaped like a real chip's (area grows with arrays and ADC bits,
 * latency falls with arrays, accuracy rises with ADC bits with seeded noise). Too few arrays for the network does
 * not fit; {@code adc_bits=3} makes the evaluator throw, as a compiler bug would. Each point burns
 * {@code costMicros} of CPU, as compiling a real design would.
 */
public final class SyntheticEvaluator implements PointEvaluator {
    private static final long serialVersionUID = 1L;
    /** Arrays of 128x128 cells the network needs at 1 bit per cell. */
    private static final long NETWORK_ARRAYS = 48;

    private final long costMicros;

    public SyntheticEvaluator(long costMicros) {
        this.costMicros = costMicros;
    }

    @Override
    public PointOutcome evaluate(SweepPoint point) {
        burn(point.seed());
        long tiles = Long.parseLong(point.parameters().get("tiles"));
        long arraysPerTile = Long.parseLong(point.parameters().get("arrays_per_tile"));
        int adcBits = Integer.parseInt(point.parameters().get("adc_bits"));
        int cellBits = Integer.parseInt(point.parameters().get("cell_bits"));
        if (adcBits == 3) {
            throw new IllegalStateException("no ADC model for " + adcBits + " bits");
        }
        long arrays = Math.multiplyExact(tiles, arraysPerTile);
        double area = arrays * (0.012 + 0.0009 * (1L << adcBits)) + 0.4 * tiles;
        long needed = (NETWORK_ARRAYS * 8 + cellBits - 1) / cellBits;
        if (arrays < needed) {
            Map<String, Double> known = new LinkedHashMap<>();
            known.put("area_mm2", area);
            return PointOutcome.doesNotFit(point, "the network needs " + needed + " arrays, the chip has " + arrays,
                    known);
        }
        SplittableRandom random = new SplittableRandom(point.seed());
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("area_mm2", area);
        figures.put("latency_us", 900.0 / Math.sqrt(arrays) * (1 + 0.15 * adcBits));
        figures.put("energy_uj", 3.0 + 0.02 * arrays + 0.6 * adcBits * adcBits / cellBits);
        figures.put("accuracy", Math.min(0.99, 0.55 + 0.05 * adcBits - 0.01 * cellBits + 0.01 * random.nextGaussian()));
        return PointOutcome.ok(point, figures);
    }

    /** CPU work whose result is used, so the JIT cannot drop it. */
    private void burn(long seed) {
        if (costMicros == 0) {
            return;
        }
        long end = System.nanoTime() + costMicros * 1000;
        long x = seed;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            throw new IllegalStateException("unlucky seed");
        }
    }
}
