package org.cimlang.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A grid of chip parameters for the synthetic evaluator, seeded per point from the sweep's seed. */
public final class SyntheticSweep {
    private SyntheticSweep() {
    }

    public static final List<Objective> OBJECTIVES = List.of(Objective.minimise("area_mm2"), Objective.minimise("latency_us"),
            Objective.maximise("accuracy"));

    /** The first {@code count} points of the grid tiles x arrays_per_tile x adc_bits x cell_bits, cycling. */
    public static List<SweepPoint> points(int count, long sweepSeed) {
        int[] tiles = {1, 2, 4, 8, 16, 32};
        int[] arrays = {4, 8, 16, 32};
        int[] adc = {4, 5, 6, 7, 8, 3};
        int[] cell = {1, 2, 4};
        List<SweepPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = i;
            Map<String, String> p = new LinkedHashMap<>();
            p.put("tiles", Integer.toString(tiles[k % tiles.length]));
            k /= tiles.length;
            p.put("arrays_per_tile", Integer.toString(arrays[k % arrays.length]));
            k /= arrays.length;
            p.put("adc_bits", Integer.toString(adc[k % adc.length]));
            k /= adc.length;
            p.put("cell_bits", Integer.toString(cell[k % cell.length]));
            k /= cell.length;
            p.put("replica", Integer.toString(k));
            points.add(new SweepPoint(i, p, seedOf(sweepSeed, i)));
        }
        return points;
    }

    /** SplitMix64 of the sweep seed and the index: neighbouring points get unrelated seeds. */
    static long seedOf(long sweepSeed, int index) {
        long z = sweepSeed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
