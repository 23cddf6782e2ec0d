package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.BUFFER_TOO_SMALL;
import static org.cimlang.compiler.ir.DiagnosticCodes.SCHEDULE_SEQUENTIAL_ROUNDS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimlang.compiler.cost.ActivityCounts;
import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.ScheduleKind;

/**
 * Stage 7: timing per MVM, the schedule of the whole network, the activity each layer causes per
 * image (priced by the cost model) and the buffer check.
 */
public final class Scheduling {
    private Scheduling() {
    }

    /** The time of one MVM of a layer on one copy (see {@link LayerTiming} for the formulas). */
    public static LayerTiming timing(CrossbarPlan plan, long columnsPerArray, CostParameters p) {
        return timing(plan, columnsPerArray, false, p);
    }

    /**
     * @param adcSigned the chip converts pairs ({@code adc ... signed}): its arrays have one converter input per
     *                  two columns, which a layer without pairs works through column by column
     */
    public static LayerTiming timing(CrossbarPlan plan, long columnsPerArray, boolean adcSigned, CostParameters p) {
        long inputs = adcSigned ? ArrayPartitioning.ceilDiv(columnsPerArray, 2) : columnsPerArray;
        long adcs = ArrayPartitioning.ceilDiv(inputs, p.adcSharedColumns());
        long adcRounds = ArrayPartitioning.ceilDiv(plan.convertedColumnsPerArray(), adcs);
        double step = Math.max(p.readLatencyS(), adcRounds * p.adcLatencyS());
        long steps = plan.inputCycles() * plan.rowRounds();
        // a single input cycle of a single slice needs no shift-add: the converter's code is the product
        boolean shiftAdd = plan.inputCycles() > 1 || plan.slicing().slices() > 1;
        double accumulate = plan.inputCycles() * ((shiftAdd ? p.accumulateCycles() : 0)
                + org.cimlang.compiler.cost.AdderTree.stages(plan.partition().rowBlocks())) / p.clockHz();
        return new LayerTiming(plan.inputCycles(), plan.rowRounds(), adcs, adcRounds, step, steps, accumulate,
                steps * step + accumulate);
    }

    /**
     * What a crossbar layer does per image, counted from its plan. Every column of every read is digitised
     * and shift-added once ({@link CrossbarPlan#adcConversionsPerMvm}); every row of every column block is
     * driven once per input cycle; row blocks' partial sums are added digitally
     * ({@code (rowBlocks - 1) * N} per group and MVM); inputs are read from and outputs written to the
     * buffer once per MVM (no reuse across MVMs is modelled), and the outputs travel to the next layer's
     * tile; the digital units add the bias (also the
     * folded batchnorm's shift) and apply the activation. Doubles: counts of absurd sizes must not overflow.
     */
    public static ActivityCounts activity(LoweredLayer m, CrossbarPlan plan) {
        ArrayPartition part = plan.partition();
        double perGroupMvm = (double) m.mvms() * m.groups();
        double reads = perGroupMvm * plan.rowReads() * plan.inputCycles();
        double columnReads = reads * part.columns();
        double conversions = reads * plan.convertedColumns();
        double dac = perGroupMvm * plan.inputCycles() * m.k() * part.colBlocks();
        double accumulate = perGroupMvm * (part.rowBlocks() - 1) * m.n();
        double buffer = perGroupMvm * (m.k() * (double) m.inputBits() + m.n() * (double) m.outputBits()) / 8;
        int postOps = (m.bias() || m.foldedBatchnorm() != null ? 1 : 0) + (m.activation() != Activation.NONE ? 1 : 0);
        double digital = perGroupMvm * m.n() * postOps + m.stepOps();
        double outputs = perGroupMvm * m.n() * (double) m.outputBits() / 8;
        // as in timing(): one input cycle of one slice leaves the converter's code nothing to shift into
        double shiftAdds = plan.inputCycles() > 1 || plan.slicing().slices() > 1 ? conversions : 0;
        return new ActivityCounts(columnReads, conversions, dac, shiftAdds, accumulate, buffer, outputs, digital, 0);
    }

    /** What a digital layer does per image. */
    public static ActivityCounts activity(DigitalLayer d) {
        return new ActivityCounts(0, 0, 0, 0, 0, d.bufferBytes(), 0, d.ops(), 0);
    }

    /**
     * The schedule of the network.
     *
     * @param replicates copies per crossbar layer
     * @param rounds     reprogramming rounds per inference
     * @param rows       rows of an array (written one at a time when reprogramming)
     */
    public static Schedule schedule(ScheduleKind kind, LoweredNetwork net, Map<String, LayerTiming> timings,
            Map<String, Long> replicates, CostParameters p, long rounds, long rows) {
        return schedule(kind, net, timings, replicates, p, rounds, rows, Map.of());
    }

    /**
     * As above; {@code operandWriteS} holds, per matmul placed 'on arrays', the time to write its second operand
     * into the arrays each inference, before its products (part of that layer's latency).
     */
    public static Schedule schedule(ScheduleKind kind, LoweredNetwork net, Map<String, LayerTiming> timings,
            Map<String, Long> replicates, CostParameters p, long rounds, long rows, Map<String, Double> operandWriteS) {
        List<LayerSchedule> layers = new ArrayList<>(net.order().size());
        int c = 0;
        int d = 0;
        double sum = 0;
        double slowest = 0;
        String bottleneck = null;
        for (String name : net.order()) {
            LayerSchedule s;
            if (c < net.crossbar().size() && net.crossbar().get(c).layer().equals(name)) {
                LoweredLayer m = net.crossbar().get(c++);
                LayerTiming t = timings.get(name);
                if (t == null) {
                    continue; // could not be partitioned (reported)
                }
                long rep = Math.max(1, replicates.getOrDefault(name, 1L));
                // a recurrent layer's steps wait for each other: copies do not share them
                long perReplica = m.kind().recurrent() ? m.mvms() : ArrayPartitioning.ceilDiv(m.mvms(), rep);
                Double write = operandWriteS.get(name); // most layers have none: no 0.0 boxed per layer
                double latency = perReplica * t.mvmLatencyS() + recurrentCellLatency(m, p)
                        + (write == null ? 0 : write);
                s = new LayerSchedule(name, m.kind(), true, t.inputCycles(), t.rowRounds(), t.adcRounds(),
                        t.stepsPerMvm(), m.mvms(), rep, perReplica, multiplySaturating(perReplica, t.stepsPerMvm()),
                        t.stepLatencyS(), latency, 0, null);
            } else {
                DigitalLayer g = net.digital().get(d++);
                double latency = Math.ceil(g.ops() / p.digitalOpsPerCycle()) / p.clockHz();
                s = new LayerSchedule(name, g.kind(), false, 0, 0, 0, 0, 0, 0, 0, 0, 0, latency, g.ops(),
                        g.foldedInto());
            }
            layers.add(s);
            sum += s.latencyS();
            if (s.latencyS() > slowest) {
                slowest = s.latencyS();
                bottleneck = name;
            }
        }
        double write = rounds > 1 ? rounds * (double) rows * p.writeLatencyS() : 0;
        double latency = sum + write;
        double throughput;
        if (rounds > 1 || kind == ScheduleKind.SEQUENTIAL) {
            throughput = latency > 0 ? 1 / latency : 0;
        } else {
            throughput = slowest > 0 ? 1 / slowest : 0;
        }
        return new Schedule(rounds > 1 ? ScheduleKind.SEQUENTIAL : kind, layers, sum, write, latency, throughput,
                bottleneck, rounds);
    }

    /**
     * The gates and state update of each step of a recurrent layer, which the next step's product waits for:
     * {@code steps * ceil(opsPerStep / opsPerCycle)} cycles (0 for conv2d and dense, whose bias and activation
     * overlap the next product).
     */
    static double recurrentCellLatency(LoweredLayer m, CostParameters p) {
        if (m.stepOps() <= 0 || m.mvms() <= 0) {
            return 0;
        }
        double cyclesPerStep = Math.ceil(m.stepOps() / m.mvms() / p.digitalOpsPerCycle());
        return m.mvms() * cyclesPerStep / p.clockHz();
    }

    /**
     * Says why the schedule is not the one the mapping asks for: the only cause is reprogramming, whose
     * rounds rewrite the arrays one after another, so no two rounds' layers can work on different images.
     */
    public static List<Diagnostic> scheduleDiagnostics(MappingSpec spec, Schedule schedule, String networkName) {
        if (schedule.kind() == spec.schedule()) {
            return List.of();
        }
        return List.of(Diagnostic.warning(SCHEDULE_SEQUENTIAL_ROUNDS, "the mapping asks for a "
                + spec.schedule().name().toLowerCase(Locale.ROOT) + " schedule, but " + networkName + " is rewritten in "
                + Quantities.count(schedule.rounds()) + " reprogramming rounds per inference and the rounds run one "
                + "after another: the schedule is " + schedule.kind().name().toLowerCase(Locale.ROOT)
                + " (throughput = 1 / latency)", spec.originOf("schedule"), "schedule",
                "rounds=" + schedule.rounds()));
    }

    private static long multiplySaturating(long a, long b) {
        long r = a * b;
        return (a != 0 && (r / a != b || (a == -1 && b == Long.MIN_VALUE))) ? Long.MAX_VALUE : r;
    }

    /**
     * Warns when the buffers of the tiles holding a crossbar layer cannot hold its working set: for
     * conv2d a line buffer of {@code kh} padded input rows plus one output row (all channels), for dense
     * its input and output vectors.
     */
    public static List<Diagnostic> bufferDiagnostics(Chip chip, CostParameters p, List<LoweredLayer> layers,
            Map<String, LayerPlacement> placements) {
        List<Diagnostic> out = new ArrayList<>();
        for (LoweredLayer m : layers) {
            LayerPlacement pl = placements.get(m.layer());
            if (pl == null || !pl.isPlaced()) {
                continue;
            }
            Set<Long> tiles = new HashSet<>();
            for (Allocation a : pl.allocations()) {
                tiles.add(a.tile());
            }
            double need = Math.ceil(m.kernelH() * m.inputRowBytes() + m.outputRowBytes());
            double have = (double) tiles.size() * p.bufferBytesPerTile();
            if (need > have) {
                String what = m.kind() == LayerKind.CONV2D
                        ? m.kernelH() + " padded input row" + (m.kernelH() == 1 ? "" : "s") + " and 1 output row"
                        : "its input and output vectors";
                out.add(Diagnostic.warning(BUFFER_TOO_SMALL, m.layer() + " needs "
                        + Quantities.count((long) Math.min(need, Long.MAX_VALUE)) + " B of activation buffer (" + what
                        + ") but its " + tiles.size() + (tiles.size() == 1 ? " tile holds " : " tiles hold ")
                        + Quantities.count((long) Math.min(have, Long.MAX_VALUE))
                        + " B: activations spill out of the tiles", chip.originOf("buffer"), "buffer", m.layer()));
            }
        }
        return out;
    }
}
