package org.cimlang.sweep;

import java.io.Serializable;
import java.util.ArrayList;

import org.apache.spark.broadcast.Broadcast;

import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The work of one Spark task, run on an executor: evaluates the points of its partition, each guarded so that an
 * evaluator's exception becomes that point's FAILED outcome, and sends the outcomes back to the driver together.
 *
 * <p>The evaluator comes through a broadcast rather than inside the task: Spark deserialises a task's own fields
 * afresh for every task, but a broadcast once per executor, so what an evaluator caches in its transient fields
 * (a parsed model, an injector) is made once per executor JVM and not once per task.
 */
final class PartitionEvaluation extends AbstractFunction1<Iterator<SweepPoint>, ArrayList<PointOutcome>>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Broadcast<PointEvaluator> evaluator;

    PartitionEvaluation(Broadcast<PointEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public ArrayList<PointOutcome> apply(Iterator<SweepPoint> points) {
        PointEvaluator shared = evaluator.value();
        ArrayList<PointOutcome> outcomes = new ArrayList<>();
        while (points.hasNext()) {
            outcomes.add(GuardedEvaluator.evaluate(shared, points.next()));
        }
        return outcomes;
    }
}
