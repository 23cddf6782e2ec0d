package org.cimlang.compiler.mapping;

/**
 * The time of one matrix-vector product of a layer on one copy.
 *
 * @param inputCycles     the plan's input cycles ({@link CrossbarPlanning#cycles}: {@code ceil(b_a / b_dac)},
 *                        plus the sign plane for signed inputs)
 * @param rowRounds       {@code ceil(rows used / rows per read)}: reads to cover the rows of the fullest block
 * @param adcsPerArray    {@code ceil(C / columns per ADC)}, or {@code ceil(ceil(C / 2) / columns per ADC)} with
 *                        signed conversion (one converter input per pair)
 * @param adcRounds       {@code ceil(converted columns / ADCs per array)}: conversions per ADC per read (a pair
 *                        is one conversion when the layer's pairs are subtracted)
 * @param stepLatencyS    {@code max(read latency, adcRounds * ADC latency)}: a read overlaps the previous
 *                        read's conversions (as in ISAAC's pipeline)
 * @param stepsPerMvm     {@code inputCycles * rowRounds}
 * @param accumulateLatencyS after each input cycle, the shift-add and the adder tree over the row blocks:
 *                        {@code inputCycles * (1 + ceil(log2 rowBlocks)) / clock} (not overlapped with the next
 *                        read, as NeuroSim counts it); the shift-add's cycle is left out when one input
 *                        cycle of one weight slice leaves nothing to shift
 * @param mvmLatencyS     {@code stepsPerMvm * stepLatencyS + accumulateLatencyS}; row and column blocks run in
 *                        parallel
 */
public record LayerTiming(long inputCycles, long rowRounds, long adcsPerArray, long adcRounds, double stepLatencyS,
        long stepsPerMvm, double accumulateLatencyS, double mvmLatencyS) {
}
