package org.cimlang.simulator.run;

/**
 * Told what a run is doing, for a progress display. Called from the thread that started the run.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** A step begins, e.g. "training SpiritMnist (30 epochs)". */
    default void phase(String message) {
    }

    /** A counted task begins: {@code total} units (e.g. images x trials). */
    default void start(String task, long total) {
    }

    /** {@code done} of the current task's units are finished. */
    default void progress(long done) {
    }

    /** The counted task is over. */
    default void finish() {
    }
}
