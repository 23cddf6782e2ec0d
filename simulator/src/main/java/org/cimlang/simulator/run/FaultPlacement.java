package org.cimlang.simulator.run;

import java.util.List;

/**
 * What {@code place ... fault aware} bought: the same chips (the same stuck cells) simulated again with every
 * layer written blind (weight row i to array row i).
 *
 * @param blindAccuracy one accuracy per simulated chip with the blind placement, in the order of
 *                      {@link SimulationResult#cimAccuracy()}
 */
public record FaultPlacement(List<Double> blindAccuracy, List<LayerFaults> layers) {

    public FaultPlacement {
        blindAccuracy = List.copyOf(blindAccuracy);
        layers = List.copyOf(layers);
    }

    public double blindMean() {
        return TrialStatistics.mean(blindAccuracy);
    }

    /** Sample standard deviation over chips (0 for one chip). */
    public double blindStd() {
        return TrialStatistics.std(blindAccuracy);
    }

    /**
     * One conv2d/dense layer.
     *
     * @param faultAware       its placement line says {@code fault aware}
     * @param stuckCells       stuck cells under its weights per chip (all groups and drawn copies)
     * @param harmlessAware    the share of them holding the digit they are stuck at, as placed
     * @param harmlessBlind    the same with the blind placement
     * @param mvmErrorAware    the layer's MVM error as placed (see {@link SimulationResult.LayerResult#mvmError})
     * @param mvmErrorBlind    the same with the blind placement
     */
    public record LayerFaults(String layer, boolean faultAware, double stuckCells, double harmlessAware,
            double harmlessBlind, double mvmErrorAware, double mvmErrorBlind) {
    }
}
