package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    private static PointOutcome ok(int index, double area, double accuracy) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("area", area);
        f.put("accuracy", accuracy);
        return new PointOutcome(index, Map.of("p", Integer.toString(index)), PointStatus.OK, null, f);
    }

    private static final List<Objective> AREA_ACCURACY = List.of(Objective.minimise("area"), Objective.maximise("accuracy"));

    private static List<Integer> indices(List<PointOutcome> front) {
        return front.stream().map(PointOutcome::index).toList();
    }

    @Test
    void minimisingOneFigureAndMaximisingAnotherKeepsTheTradeOffs() {
        List<PointOutcome> outcomes = List.of(ok(0, 1.0, 0.80), ok(1, 2.0, 0.90), ok(2, 2.5, 0.85), ok(3, 3.0, 0.95),
                ok(4, 1.5, 0.70));
        // 2 is beaten by 1 (smaller and more accurate), 4 by 0
        assertEquals(List.of(0, 1, 3), indices(ParetoFront.of(outcomes, AREA_ACCURACY)));
    }

    @Test
    void pointsEqualOnEveryObjectiveAreAllKept() {
        List<PointOutcome> outcomes = List.of(ok(5, 1.0, 0.9), ok(2, 1.0, 0.9), ok(7, 2.0, 0.8));
        assertEquals(List.of(2, 5), indices(ParetoFront.of(outcomes, AREA_ACCURACY)));
    }

    @Test
    void aTieOnOneObjectiveIsBrokenByTheOther() {
        List<PointOutcome> outcomes = List.of(ok(0, 1.0, 0.8), ok(1, 1.0, 0.9));
        assertEquals(List.of(1), indices(ParetoFront.of(outcomes, AREA_ACCURACY)));
    }

    @Test
    void aSingleObjectiveGivesTheBestPointsOnly() {
        List<PointOutcome> outcomes = List.of(ok(0, 3.0, 0.1), ok(1, 1.0, 0.2), ok(2, 1.0, 0.3), ok(3, 2.0, 0.9));
        assertEquals(List.of(1, 2), indices(ParetoFront.of(outcomes, List.of(Objective.minimise("area")))));
        assertEquals(List.of(3), indices(ParetoFront.of(outcomes, List.of(Objective.maximise("accuracy")))));
    }

    @Test
    void pointsThatDoNotFitOrFailedAreNeverOnTheFront() {
        SweepPoint p = new SweepPoint(1, Map.of("p", "1"), 7);
        PointOutcome small = PointOutcome.doesNotFit(p, "too few arrays", Map.of("area", 0.1, "accuracy", 1.0));
        PointOutcome failed = PointOutcome.failed(new SweepPoint(2, Map.of("p", "2"), 7), "boom");
        List<PointOutcome> outcomes = List.of(ok(0, 5.0, 0.5), small, failed);
        assertEquals(List.of(0), indices(ParetoFront.of(outcomes, AREA_ACCURACY)));
    }

    @Test
    void pointsMissingAnObjectiveFigureOrWithNaNAreLeftOut() {
        PointOutcome noAccuracy = new PointOutcome(1, Map.of(), PointStatus.OK, null, Map.of("area", 0.1));
        PointOutcome nan = ok(2, Double.NaN, 0.99);
        assertEquals(List.of(0), indices(ParetoFront.of(List.of(ok(0, 5.0, 0.5), noAccuracy, nan), AREA_ACCURACY)));
    }

    @Test
    void withoutObjectivesEveryOkPointIsOnTheFront() {
        assertEquals(List.of(0, 1), indices(ParetoFront.of(List.of(ok(1, 2, 2), ok(0, 1, 1)), List.of())));
    }

    @Test
    void dominanceNeedsOneStrictlyBetterFigure() {
        assertFalse(ParetoFront.dominates(ok(0, 1, 0.5), ok(1, 1, 0.5), AREA_ACCURACY));
        assertTrue(ParetoFront.dominates(ok(0, 1, 0.6), ok(1, 1, 0.5), AREA_ACCURACY));
        assertFalse(ParetoFront.dominates(ok(0, 0.5, 0.4), ok(1, 1, 0.5), AREA_ACCURACY));
    }
}
