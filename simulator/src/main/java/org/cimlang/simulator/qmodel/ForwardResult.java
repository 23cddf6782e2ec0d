package org.cimlang.simulator.qmodel;

/**
 * One batch of images through a quantised network. Arrays are batch-major ({@code [image][element]}
 * flattened) and belong to the caller.
 *
 * @param codes        every node's output codes, {@code count * size}
 * @param accumulators per conv2d/dense node (null elsewhere): the accumulators with bias in output order
 *                     ({@code [image][channel][pixel]}), what the requantiser read
 * @param exact        when asked for: the exact integer accumulators of the same node inputs (possibly the
 *                     reference run's own array where the inputs were the same), to measure a
 *                     layer's own error apart from what earlier layers passed on; else null
 * @param predictions  arg-max class of each image (the first on ties)
 */
public record ForwardResult(int[][] codes, long[][] accumulators, long[][] exact, int[] predictions) {
}
