package org.cimlang.sweep;

/**
 * Runs the sweep's evaluator on a point so that whatever it does, the point gets an outcome: an exception becomes a
 * FAILED outcome with its message (the sweep goes on with the other points), and an outcome for the wrong point is
 * turned into a FAILED one rather than recorded under the wrong parameters.
 */
final class GuardedEvaluator {
    private GuardedEvaluator() {
    }

    static PointOutcome evaluate(PointEvaluator evaluator, SweepPoint point) {
        PointOutcome outcome;
        try {
            outcome = evaluator.evaluate(point);
        } catch (Exception | StackOverflowError e) {
            return PointOutcome.failed(point, describe(e));
        }
        if (outcome == null) {
            return PointOutcome.failed(point, "the evaluator returned no outcome");
        }
        if (outcome.index() != point.index() || !outcome.parameters().equals(point.parameters())) {
            return PointOutcome.failed(point, "the evaluator returned the outcome of point " + outcome.index() + " "
                    + outcome.parameters() + " for point " + point.index() + " " + point.parameters());
        }
        return outcome;
    }

    /** The exception's class and message, and where it came from, since an executor's log may be out of reach. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length > 0) {
            message += " (at " + trace[0] + ")";
        }
        if (e.getCause() != null && e.getCause() != e) {
            message += "; caused by " + describe(e.getCause());
        }
        return message;
    }
}
