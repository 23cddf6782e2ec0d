package org.cimlang.simulator.qmodel;

import org.cimlang.simulator.crossbar.ActivityCounter;

/**
 * The crossbar activity of one batch of images, per node of the network: the kernel's counters plus the
 * sum of the row values applied (for unsigned inputs, the spikes a rate code would send). Mutable, one per
 * batch; batches are merged with {@link #add} in a fixed order.
 */
public final class ChunkActivity {
    private final ActivityCounter[] counters;
    private final long[] inputValueSum;

    public ChunkActivity(int nodes) {
        counters = new ActivityCounter[nodes];
        for (int i = 0; i < nodes; i++) {
            counters[i] = new ActivityCounter();
        }
        inputValueSum = new long[nodes];
    }

    /** The counter of node {@code i}. */
    public ActivityCounter counter(int i) {
        return counters[i];
    }

    /** Sum of the row values applied to node {@code i}. */
    public long inputValueSum(int i) {
        return inputValueSum[i];
    }

    void addInputValues(int i, long sum) {
        inputValueSum[i] += sum;
    }

    public void add(ChunkActivity o) {
        for (int i = 0; i < counters.length; i++) {
            counters[i].add(o.counters[i]);
            inputValueSum[i] += o.inputValueSum[i];
        }
    }
}
