package org.cimlang.sweep;

import java.io.Serializable;

/**
 * Evaluates one sweep point: compiles (and, when an objective needs it, simulates) the design with the point's
 * parameter values. Runs inside Spark tasks, so it is serialised to every executor: keep heavy state (a parsed
 * model, a compiler) in transient fields initialised lazily, once per executor JVM.
 *
 * <p>It must be deterministic for a given point (randomness from {@link SweepPoint#seed()} only), so that a sweep
 * gives the same results on one executor or many, and after a resume. A design that does not fit is an outcome
 * ({@link PointOutcome#doesNotFit}), not an exception; an exception thrown here becomes a FAILED outcome carrying
 * its message, and the sweep goes on.
 */
@FunctionalInterface
public interface PointEvaluator extends Serializable {
    PointOutcome evaluate(SweepPoint point);
}
