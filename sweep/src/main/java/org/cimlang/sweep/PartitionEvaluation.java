package org.cimlang.sweep;

import java.io.Serializable;
import java.util.ArrayList;

import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The work of one Spark task, run on an executor: evaluates the points of its partition, each guarded so that an
 * evaluator's exception becomes that point's FAILED outcome, and sends the outcomes back to the driver together.
 */
final class PartitionEvaluation extends AbstractFunction1<Iterator<SweepPoint>, ArrayList<PointOutcome>>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PointEvaluator evaluator;

    PartitionEvaluation(PointEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public ArrayList<PointOutcome> apply(Iterator<SweepPoint> points) {
        ArrayList<PointOutcome> outcomes = new ArrayList<>();
        while (points.hasNext()) {
            outcomes.add(GuardedEvaluator.evaluate(evaluator, points.next()));
        }
        return outcomes;
    }
}
