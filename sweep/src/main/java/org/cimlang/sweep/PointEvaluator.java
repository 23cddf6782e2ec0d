package org.cimlang.sweep;

import java.io.Serializable;

/**
 * Evaluates one sweep point: compiles (and, when an objective needs it, simulates) the design with the point's
 * parameter values. Runs inside Spark tasks, so it is serialised to every executor, once: keep heavy state (a parsed
 * model, an injector) in transient fields initialised lazily, and it is made once per executor JVM.
 *
 * <p>One instance serves all the tasks of an executor, and an executor runs one task per core at once: so
 * {@code evaluate} is called from several threads together, and lazily made state must be made safely (a
 * synchronized getter) and either be safe to share or be kept per thread (a {@code ThreadLocal}, for an Xtext
 * resource set, say). In {@code local[*]} the instance is the driver's own.
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
