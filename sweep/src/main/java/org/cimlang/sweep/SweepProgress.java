package org.cimlang.sweep;

/** Told by the runner how a sweep is getting on; called on the driver's main thread only. */
public interface SweepProgress {
    /** {@code total} points in the sweep, of which {@code alreadyDone} were recorded by an earlier run. */
    void started(int total, int alreadyDone);

    /** One more point recorded; {@code done} counts the resumed ones too. */
    void pointDone(PointOutcome outcome, int done, int total);

    /** Every point has its outcome (or the sweep stopped). */
    void finished();

    /** Reports nothing. */
    SweepProgress NONE = new SweepProgress() {
        @Override
        public void started(int total, int alreadyDone) {
        }

        @Override
        public void pointDone(PointOutcome outcome, int done, int total) {
        }

        @Override
        public void finished() {
        }
    };
}
