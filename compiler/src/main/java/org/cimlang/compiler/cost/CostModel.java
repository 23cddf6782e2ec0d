package org.cimlang.compiler.cost;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.Chip;

/** Prices a schedule's activity: the last stage of the mapping engine. */
public final class CostModel {
    private CostModel() {
    }

    /**
     * @param layers         every layer's activity per image
     * @param reprogramming  cell writes per image when the network is time-multiplexed (else NONE)
     * @param latencyS       one image, input to output, as scheduled
     * @param throughputPerS images per second, as scheduled
     * @param macs           multiply-accumulates per image
     * @param residentArrays arrays holding weights at one time (a reprogrammed network reuses the same
     *                       arrays in every round, so the layers' arrays summed over rounds would count
     *                       the chip several times over)
     */
    public static CostReport estimate(Chip chip, CostParameters p, List<LayerActivity> layers,
            ActivityCounts reprogramming, double latencyS, double throughputPerS, long macs, long residentArrays) {
        List<LayerCost> costs = new ArrayList<>(layers.size());
        EnergyBreakdown total = EnergyBreakdown.of(reprogramming, p);
        double perArray = p.floorplan().array().total();
        for (LayerActivity a : layers) {
            EnergyBreakdown e = EnergyBreakdown.of(a.counts(), p);
            costs.add(new LayerCost(a.layer(), a.latencyS(), e, a.arrays() * perArray));
            total = total.plus(e);
        }
        // the chip leaks for as long as it takes per image (1 / throughput in a pipeline)
        double perImage = throughputPerS > 0 ? 1 / throughputPerS : latencyS;
        total = total.withLeakage(p.floorplan().leakageW() * perImage);
        double energy = total.total();
        double ops = 2.0 * macs;
        double tops = ops * throughputPerS / 1e12;
        double topsPerWatt = energy > 0 ? ops / energy / 1e12 : 0;
        // a reprogrammed network reuses the chip's arrays: never more than the chip has
        double resident = Math.min((double) residentArrays, (double) chip.tiles() * chip.arraysPerTile());
        return new CostReport(costs, total, p.floorplan().chip(), resident * perArray, latencyS,
                throughputPerS, energy, energy * throughputPerS, tops, topsPerWatt, p);
    }
}
