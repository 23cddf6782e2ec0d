package org.cimlang.simulator.crossbar;

/**
 * Activity of matrix-vector products, the input of the activity-based energy model. Mutable and not
 * thread-safe: give each thread (or image) its own and {@link #add} them.
 *
 * <ul>
 * <li>input ones: 1-bits of the applied inputs (spikes), counted once per input row and product;</li>
 * <li>cell activations: cells on a row driven with a nonzero digit in a read, over every array the row
 * crosses (reference columns included, compensation rows not);</li>
 * <li>ADC conversions: one per physical column (reference columns included) per read;</li>
 * <li>array reads: one per array per read cycle;</li>
 * <li>clipped conversions: conversions whose value reached the converter's clip level
 * ({@link org.cimlang.simulator.circuits.adc.Adc#clipLsb()}), so the code stopped following the sum.</li>
 * </ul>
 */
public final class ActivityCounter {
    private long mvms;
    private long inputOnes;
    private long cellActivations;
    private long adcConversions;
    private long arrayReads;
    private long clippedConversions;

    public long mvms() {
        return mvms;
    }

    public long inputOnes() {
        return inputOnes;
    }

    public long cellActivations() {
        return cellActivations;
    }

    public long adcConversions() {
        return adcConversions;
    }

    public long arrayReads() {
        return arrayReads;
    }

    public long clippedConversions() {
        return clippedConversions;
    }

    void record(long products, long ones, long cells, long conversions, long reads) {
        record(products, ones, cells, conversions, reads, 0);
    }

    void record(long products, long ones, long cells, long conversions, long reads, long clipped) {
        clippedConversions += clipped;
        mvms += products;
        inputOnes += ones;
        cellActivations += cells;
        adcConversions += conversions;
        arrayReads += reads;
    }

    /** Adds another counter's counts to this one. */
    public void add(ActivityCounter o) {
        record(o.mvms, o.inputOnes, o.cellActivations, o.adcConversions, o.arrayReads, o.clippedConversions);
    }

    @Override
    public String toString() {
        return "ActivityCounter[mvms=" + mvms + ", inputOnes=" + inputOnes + ", cellActivations=" + cellActivations
                + ", adcConversions=" + adcConversions + ", arrayReads=" + arrayReads + ", clippedConversions=" + clippedConversions + "]";
    }
}
