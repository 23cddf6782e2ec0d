package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.SIZE_OVERFLOW;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cimlang.compiler.cost.ActivityCounts;
import org.cimlang.compiler.cost.AreaBreakdown;
import org.cimlang.compiler.cost.CostModel;
import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.cost.EnergyBreakdown;
import org.cimlang.compiler.cost.LayerActivity;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * The mapping engine: one source of truth for capacity, precision, endurance, schedule and cost. The
 * editor's validator, {@code cim compile} and the simulator all call it.
 *
 * <p>Stages, each a function of immutable inputs: {@link WeightLowering} -> {@link BitSlicing} ->
 * {@link ArrayPartitioning} -> {@link CrossbarPlanning} (input cycles, reads, {@link PrecisionCheck}) ->
 * {@link Scheduling#timing} ->
 * {@link ArrayPlacement} -> {@link Scheduling#schedule} -> {@link EnduranceCheck} ->
 * {@link CostModel}. Nothing is sized per cell: allocations are ranges, so a ResNet-50 maps in well
 * under a millisecond once warm.
 */
public final class MappingEngine {
    private MappingEngine() {
    }

    /**
     * Maps an analysed network with its quantisation onto a chip.
     *
     * @param spec the mapping directives; null maps automatically with a pipeline schedule and no
     *             reprogramming
     */
    public static MappingResult map(Chip chip, AnalyzedNetwork net, QuantPlan quant, MappingSpec spec) {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(quant, "quant");
        String netName = net.network().name();
        if (spec == null) {
            spec = new MappingSpec("auto", netName, chip.name(), quant.quantizationName(), List.of(),
                    ScheduleKind.PIPELINE, false, false, null, null, null);
        }
        List<Diagnostic> chipErrors = ChipCheck.check(chip);
        if (!chipErrors.isEmpty()) {
            return unmappable(chip, netName, spec, chipErrors);
        }
        int cellBits = Limits.cellBits(chip);
        int dacBits = Limits.dacBits(chip);
        long rowsForWeights = chip.rows() - chip.offsetCompensationRows();
        long rowsActive = chip.effectiveRowsActive();

        LoweredNetwork lowered = WeightLowering.lower(net, quant, spec::operandsOnArrays);
        List<Diagnostic> overflow = new ArrayList<>();
        Map<String, SlicePlan> slices = new LinkedHashMap<>();
        Map<String, CrossbarPlan> plans = new HashMap<>();
        Map<String, LayerPrecision> precision = new LinkedHashMap<>();
        int maxBitsNeeded = 1;
        // layers of one shape and types have one plan: a network repeats its blocks (and a generated one its
        // layers), and every plan is kept with the result
        Map<PlanShape, CrossbarPlan> byShape = new HashMap<>();
        for (LoweredLayer m : lowered.crossbar()) {
            NumberType inputType = quant.of(m.input()).activations().type();
            PlanShape shape = new PlanShape(m.weightType(), inputType, m.k(), m.n(), m.groups());
            CrossbarPlan plan = byShape.get(shape);
            try {
                if (plan == null) {
                    SlicePlan s = BitSlicing.plan(m.weightType(), cellBits, chip.encoding(), chip.slicing());
                    ArrayPartition part = ArrayPartitioning.partition(m, s, rowsForWeights, chip.cols(), spec.pack());
                    plan = CrossbarPlanning.plan(RowInput.of(inputType), s, part, rowsActive, dacBits,
                            chip.adcBits(), chip.adcSigned());
                    byShape.put(shape, plan);
                }
            } catch (ArithmeticException e) {
                overflow.add(Diagnostic.error(SIZE_OVERFLOW, "the weight columns or arrays of " + m.layer()
                        + " overflow a 64-bit count: check its sizes and the weight bits", m.origin(), "units",
                        m.layer()));
                continue;
            }
            slices.put(m.layer(), plan.slicing());
            plans.put(m.layer(), plan);
            LayerPrecision p = plan.precision();
            precision.put(m.layer(), p);
            maxBitsNeeded = Math.max(maxBitsNeeded, p.bitsNeeded());
        }
        CostParameters params = CostParameters.resolve(chip, maxBitsNeeded, net.network().activity());

        Map<String, LayerTiming> timings = new HashMap<>();
        Map<CrossbarPlan, LayerTiming> timingOfPlan = new IdentityHashMap<>();
        List<PlacementRequest> requests = new ArrayList<>();
        for (LoweredLayer m : lowered.crossbar()) {
            CrossbarPlan plan = plans.get(m.layer());
            if (plan == null) {
                continue;
            }
            LayerTiming t = timingOfPlan.computeIfAbsent(plan,
                    p -> Scheduling.timing(p, chip.cols(), chip.adcSigned(), params));
            timings.put(m.layer(), t);
            // a recurrent layer is one product per image to placement: its steps cannot share copies
            boolean steps = m.kind().recurrent();
            requests.add(new PlacementRequest(m.layer(), plan.partition().arraysPerCopy(), steps ? 1 : m.mvms(),
                    steps ? m.mvms() * t.mvmLatencyS() + Scheduling.recurrentCellLatency(m, params) : t.mvmLatencyS(),
                    explain(m, plan.partition())));
        }
        List<String> digitalNames = new ArrayList<>();
        for (DigitalLayer d : lowered.digital()) {
            digitalNames.add(d.layer());
        }
        LayerPacking.Packing packing = spec.pack()
                ? LayerPacking.pack(lowered.crossbar(), plans, spec.placements(), rowsForWeights, chip.cols())
                : LayerPacking.Packing.NONE;
        PlacementPlan plan = LayerPacking.expand(ArrayPlacement.place(chip, netName, spec,
                LayerPacking.requests(requests, packing), digitalNames), packing);
        Map<String, Long> replicates = new HashMap<>();
        for (LayerPlacement p : plan.layers().values()) {
            replicates.put(p.layer(), p.replicate());
        }
        List<OperandWrite> operandWrites = new ArrayList<>();
        Map<String, Double> operandWriteS = new HashMap<>();
        for (LoweredLayer m : lowered.crossbar()) {
            CrossbarPlan crossbar = plans.get(m.layer());
            LayerPlacement pl = plan.layers().get(m.layer());
            if (m.writesOperandEachInference() && crossbar != null && pl != null) {
                Placement line = spec.operandPlacement(m.layer());
                OperandWrite w = OperandWrites.of(m, crossbar.partition(), Math.max(1, pl.replicate()), params,
                        line == null ? m.origin() : line.origin());
                operandWrites.add(w);
                operandWriteS.put(m.layer(), w.latencyS());
            }
        }
        Schedule schedule = LayerPacking.contended(Scheduling.schedule(spec.schedule(), lowered, timings, replicates,
                params, plan.rounds(), chip.rows(), operandWriteS), packing);
        long allocated = plan.arraysAllocated();
        EnduranceReport endurance = EnduranceCheck.check(plan, allocated, spec.reprogramAllowed(), schedule, params);

        List<LayerMapping> layers = new ArrayList<>();
        List<LayerActivity> activities = new ArrayList<>();
        double cellsWritten = 0;
        long totalCells = 0;
        double totalArrayCells = 0;
        int crossbarIndex = 0;
        int digitalIndex = 0;
        Map<String, LayerSchedule> scheduled = new HashMap<>();
        for (LayerSchedule s : schedule.layers()) {
            scheduled.put(s.layer(), s);
        }
        for (String name : lowered.order()) {
            LayerSchedule ls = scheduled.get(name);
            if (crossbarIndex < lowered.crossbar().size() && lowered.crossbar().get(crossbarIndex).layer().equals(name)) {
                LoweredLayer m = lowered.crossbar().get(crossbarIndex++);
                CrossbarPlan crossbar = plans.get(name);
                if (crossbar == null) {
                    continue;
                }
                ArrayPartition part = crossbar.partition();
                LayerPlacement pl = plan.layers().get(name);
                long rep = pl.replicate();
                long arrays = saturatingMultiply(part.arraysPerCopy(), rep);
                long cells = saturatingMultiply(part.weightCellsPerCopy(), rep);
                double arrayCells = (double) arrays * chip.rows() * chip.cols();
                layers.add(new LayerMapping(name, m.kind(), m.k(), m.n(), m.groups(), m.mvms(), m.macs(), m.inputBits(),
                        m.outputBits(), m.foldedBatchnorm(), crossbar, rep, arrays, cells, cells / arrayCells,
                        pl.allocations(), m.origin(), packing.byLayer().get(name)));
                OperandWrite written = m.writesOperandEachInference() ? operandWriteOf(operandWrites, name) : null;
                ActivityCounts counts = Scheduling.activity(m, crossbar);
                if (written != null) {
                    counts = counts.plus(ActivityCounts.writes(written.cells()));
                }
                // a shared array is counted once, with the first of its layers
                boolean guest = packing.isGuest(name);
                activities.add(new LayerActivity(name, counts, ls.latencyS(), pl.isPlaced() && !guest ? arrays : 0));
                cellsWritten += cells;
                totalCells = totalCells > Long.MAX_VALUE - cells ? Long.MAX_VALUE : totalCells + cells;
                totalArrayCells += guest ? 0 : arrayCells;
            } else {
                DigitalLayer d = lowered.digital().get(digitalIndex++);
                activities.add(new LayerActivity(name, Scheduling.activity(d), ls.latencyS(), 0));
            }
        }
        ActivityCounts reprogramming = endurance.reprogrammed()
                ? ActivityCounts.writes(cellsWritten) : ActivityCounts.NONE;
        long totalMacs = net.totalMacs();
        CostReport cost = CostModel.estimate(chip, params, activities, reprogramming, schedule.latencyS(),
                schedule.throughputPerS(), totalMacs, allocated);
        var floorplan = params.floorplan();
        UtilisationByLevel byLevel = UtilisationByLevel.of(layers, floorplan.arraysPerPe(), floorplan.arraysPerTile(),
                chip.rows(), chip.cols());
        MappingTotals totals = new MappingTotals(layers.size(), plan.arraysNeeded(), allocated, plan.arraysAvailable(),
                totalCells, totalArrayCells > 0 ? totalCells / totalArrayCells : 0,
                (double) allocated / plan.arraysAvailable(), plan.fits(), plan.rounds(), totalMacs, byLevel.pe(),
                byLevel.tile());

        List<Diagnostic> diagnostics = new ArrayList<>(overflow);
        diagnostics.addAll(plan.diagnostics());
        diagnostics.addAll(FaultAwareCheck.diagnostics(chip, spec.placements()));
        diagnostics.addAll(EnduranceCheck.diagnostics(endurance, chip, netName, spec, schedule.throughputPerS(),
                layers));
        diagnostics.addAll(Scheduling.scheduleDiagnostics(spec, schedule, netName));
        diagnostics.addAll(PrecisionCheck.diagnostics(chip, spec, precision, slices));
        diagnostics.addAll(Scheduling.bufferDiagnostics(chip, params, lowered.crossbar(), plan.layers()));
        diagnostics.addAll(PackCheck.diagnostics(spec, lowered.crossbar(), plans, slices, rowsForWeights, chip.cols()));
        diagnostics.addAll(OperandWrites.diagnostics(chip, net, spec, operandWrites, schedule.throughputPerS()));
        return new MappingResult(netName, chip, spec, layers, lowered.digital(), schedule, endurance, cost, totals,
                diagnostics, operandWrites);
    }

    /**
     * What a layer's plan depends on besides the chip and the mapping's directives, which one compile shares
     * among all its layers: BitSlicing, ArrayPartitioning and CrossbarPlanning read nothing else of a layer.
     */
    private record PlanShape(NumberType weightType, NumberType inputType, long k, long n, long groups) {
    }

    private static OperandWrite operandWriteOf(List<OperandWrite> writes, String layer) {
        for (OperandWrite w : writes) {
            if (w.layer().equals(layer)) {
                return w;
            }
        }
        return null;
    }

    /** How the arrays of one copy come about, for messages. */
    static String explain(LoweredLayer m, ArrayPartition p) {
        return (m.groups() > 1 ? m.groups() + " groups of " : "") + m.k() + " rows -> " + p.rowBlocks() + " row block"
                + (p.rowBlocks() == 1 ? "" : "s") + " x " + p.columns() + " columns -> " + p.colBlocks()
                + " column block" + (p.colBlocks() == 1 ? "" : "s");
    }

    private static long saturatingMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static MappingResult unmappable(Chip chip, String netName, MappingSpec spec, List<Diagnostic> errors) {
        CostParameters p = CostParameters.resolve(chip, 1);
        Schedule schedule = new Schedule(spec.schedule(), List.of(), 0, 0, 0, 0, null, 0);
        EnduranceReport endurance = new EnduranceReport(false, false, 0, 0, 0, 0, 0, p.enduranceWrites(),
                p.isDefaulted("endurance"), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        CostReport cost = new CostReport(List.of(), EnergyBreakdown.ZERO, AreaBreakdown.ZERO, 0, 0, 0,
                0, 0, 0, 0, p);
        MappingTotals totals = new MappingTotals(0, 0, 0, 0, 0, 0, 0, false, 0, 0);
        return new MappingResult(netName, chip, spec, List.of(), List.of(), schedule, endurance, cost, totals, errors);
    }
}
