package org.cimlang.sweep.cim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.simulator.sweep.PointResult;
import org.cimlang.simulator.sweep.SweepPointRunner;
import org.cimlang.sweep.PointEvaluator;
import org.cimlang.sweep.PointOutcome;
import org.cimlang.sweep.SweepPoint;

/**
 * A point of a .cim sweep, evaluated where Spark runs it: the executor loads the file once (the heavy
 * state is transient and made under a lock: Spark broadcasts one evaluator to all of an executor's task
 * threads) and compiles, and when the sweep simulates, simulates the point's design with the one engine. What travels to executors is the file's path, the sweep's name and
 * the seed, so every executor must see the same file (a shared folder on a cluster).
 */
final class CimPointEvaluator implements PointEvaluator {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String sweep;
    private final Long seed;
    /** Made once per executor JVM (the evaluator is a Spark broadcast) and then only read, by every task thread. */
    private transient volatile Prepared prepared;

    /** The loaded sweep an executor evaluates points of: immutable after construction. */
    private record Prepared(SweepPointRunner runner, List<Map<SweepParameter, SweepValue>> grid) {
    }

    CimPointEvaluator(String file, String sweep, Long seed) {
        this.file = file;
        this.sweep = sweep;
        this.seed = seed;
    }

    /** A point's values as the results table shows them, under the parameters' words. */
    static Map<String, String> texts(Map<SweepParameter, SweepValue> point) {
        Map<String, String> t = new LinkedHashMap<>();
        point.forEach((p, v) -> t.put(p.path(), v.text()));
        return t;
    }

    private Prepared prepare() {
        Prepared p = prepared;
        if (p == null) {
            synchronized (this) {
                p = prepared;
                if (p == null) {
                    // parsing and linking the file happen here, once; points then read only the immutable IR
                    LoadedSweep loaded = LoadedSweep.of(Path.of(file), sweep, seed, false);
                    // one thread per point: Spark already runs a task per core
                    p = new Prepared(loaded.runner(1), SweepGrid.points(loaded.design().spec().varies()));
                    prepared = p;
                }
            }
        }
        return p;
    }

    @Override
    public PointOutcome evaluate(SweepPoint point) {
        Prepared p = prepare();
        List<Map<SweepParameter, SweepValue>> grid = p.grid();
        if (point.index() >= grid.size() || !texts(grid.get(point.index())).equals(point.parameters())) {
            return PointOutcome.failed(point, file + " changed while the sweep ran: point " + point.index()
                    + " is no longer " + point.parameters() + "; start the sweep again in a new output folder");
        }
        PointResult r = p.runner().evaluate(grid.get(point.index()));
        return switch (r.status()) {
            case OK -> PointOutcome.ok(point, r.figures());
            case DOES_NOT_FIT -> PointOutcome.doesNotFit(point, r.reason(), r.figures());
            case FAILED -> PointOutcome.failed(point, r.reason());
        };
    }
}
