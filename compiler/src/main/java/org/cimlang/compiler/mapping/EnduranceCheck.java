package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.CAPACITY_FITS;
import static org.cimlang.compiler.ir.DiagnosticCodes.CAPACITY_OVERFLOW;
import static org.cimlang.compiler.ir.DiagnosticCodes.CAPACITY_REPROGRAM;
import static org.cimlang.compiler.ir.DiagnosticCodes.LIFETIME_NOT_MET;
import static org.cimlang.compiler.ir.DiagnosticCodes.LIFETIME_THROUGHPUT;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.cost.CostParameters;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.LifetimeRequirement;
import org.cimlang.compiler.ir.MappingSpec;

/**
 * Stage 6: capacity and endurance. A network that fits is written once (info with the share of the
 * chip it uses). One that does not fit is an error unless the mapping allows reprogramming; then each
 * inference rewrites the arrays once per round, so the most-written cell takes {@code rounds} writes per
 * inference and the chip lasts {@code endurance / rounds} inferences.
 */
public final class EnduranceCheck {
    private EnduranceCheck() {
    }

    private static final double SECONDS_PER_YEAR = 365.25 * 86400;

    public static EnduranceReport check(PlacementPlan plan, long arraysAllocated, boolean reprogramAllowed,
            Schedule schedule, CostParameters p) {
        boolean reprogrammed = !plan.fits() && reprogramAllowed;
        double rewrites = reprogrammed ? plan.rounds() : 0;
        double lifetime = rewrites > 0 ? p.enduranceWrites() / rewrites : Double.POSITIVE_INFINITY;
        double seconds = schedule.throughputPerS() > 0 ? lifetime / schedule.throughputPerS()
                : Double.POSITIVE_INFINITY;
        return new EnduranceReport(plan.fits(), reprogrammed, plan.arraysNeeded(), arraysAllocated,
                plan.arraysAvailable(), plan.rounds(), rewrites, p.enduranceWrites(), p.isDefaulted("endurance"),
                lifetime, seconds);
    }

    /**
     * @param layers the crossbar layers, to name those larger than the whole chip: they cannot be placed
     *               even one at a time, and with reprogramming they are split over rounds of their own
     */
    public static List<Diagnostic> diagnostics(EnduranceReport e, Chip chip, String networkName, MappingSpec spec,
            double throughputPerS, List<LayerMapping> layers) {
        List<Diagnostic> out = new ArrayList<>();
        String needs = networkName + " needs " + (e.arraysNeeded() == Long.MAX_VALUE ? "more than 2^63 arrays"
                : Quantities.count(e.arraysNeeded(), "array"));
        String has = chip.name() + " has " + Quantities.count(e.arraysAvailable());
        if (e.fits()) {
            String extra = e.arraysAllocated() > e.arraysNeeded()
                    ? " (" + Quantities.count(e.arraysAllocated()) + " with replicate auto)" : "";
            out.add(Diagnostic.info(CAPACITY_FITS, needs + extra + "; " + has + " ("
                    + Quantities.percent((double) Math.max(e.arraysAllocated(), e.arraysNeeded()) / e.arraysAvailable())
                    + " used)", spec.origin(), "chip", "need=" + e.arraysNeeded(), "have=" + e.arraysAvailable()));
        } else if (!e.reprogrammed()) {
            String over = e.arraysNeeded() == Long.MAX_VALUE ? "far too many"
                    : Quantities.count(e.arraysNeeded() - e.arraysAvailable()) + " too many";
            out.add(Diagnostic.error(CAPACITY_OVERFLOW, needs + "; " + has + " (" + over
                    + ")" + oversize(layers, e.arraysAvailable(), false)
                    + ": use a larger chip, fewer weight bits, or allow rewriting weights with 'reprogram allowed'",
                    spec.origin(), "chip", "need=" + e.arraysNeeded(), "have=" + e.arraysAvailable()));
        } else {
            out.add(Diagnostic.info(CAPACITY_REPROGRAM, needs + "; " + has + ": weights are rewritten in "
                    + Quantities.count(e.rounds()) + " rounds per inference, so a cell takes up to "
                    + Quantities.count(e.rounds()) + " writes per inference" + oversize(layers, e.arraysAvailable(), true)
                    + "; " + lifetimeText(e, chip, throughputPerS),
                    spec.originOf("reprogram"), "reprogram", "rounds=" + e.rounds()));
        }
        LifetimeRequirement req = spec.lifetime();
        if (req != null) {
            double required = req.years() * SECONDS_PER_YEAR;
            double reached = req.fps() > 0 ? e.lifetimeInferences() / req.fps() : Double.POSITIVE_INFINITY;
            if (reached < required) {
                double writesNeeded = Math.ceil(required * req.fps() * e.rewritesPerCellPerInference());
                out.add(Diagnostic.error(LIFETIME_NOT_MET, "lifetime " + Quantities.duration(reached) + " at "
                        + Quantities.number(req.fps()) + " fps is below the required " + Quantities.number(req.years())
                        + " years: each inference writes a cell up to " + Quantities.count(e.rounds()) + " times and "
                        + chip.technology().keyword() + " cells survive " + Quantities.number(e.enduranceWrites())
                        + " writes" + (e.enduranceDefaulted() ? " (default)" : "") + "; it would take "
                        + Quantities.number(writesNeeded) + " writes per cell", req.origin(), "lifetime",
                        "years=" + (reached / SECONDS_PER_YEAR)));
            }
            if (req.fps() > 0 && throughputPerS < req.fps()) {
                out.add(Diagnostic.error(LIFETIME_THROUGHPUT, networkName + " runs at "
                        + Quantities.number(throughputPerS) + " inferences/s on " + chip.name() + ", below the "
                        + Quantities.number(req.fps()) + " fps the lifetime requirement names", req.origin(), "lifetime",
                        "throughput=" + throughputPerS));
            }
        }
        return out;
    }

    /** The layers that alone exceed the chip, as a clause of the capacity message ("" when none does). */
    static String oversize(List<LayerMapping> layers, long arraysAvailable, boolean reprogrammed) {
        List<String> names = new ArrayList<>();
        for (LayerMapping m : layers) {
            if (m.arrays() > arraysAvailable) {
                names.add(m.layer() + " (" + Quantities.count(m.arrays(), "array") + (reprogrammed ? ", "
                        + Quantities.count(m.roundsAlone(arraysAvailable), "round") : "")
                        + ")");
            }
        }
        if (names.isEmpty()) {
            return "";
        }
        String which = String.join(", ", names);
        boolean one = names.size() == 1;
        return reprogrammed
                ? "; " + which + (one ? " is" : " are") + " larger than the chip and split over rounds of "
                        + (one ? "its" : "their") + " own"
                : "; " + which + (one ? " is" : " are") + " larger than the whole chip and cannot be placed even alone";
    }

    private static String lifetimeText(EnduranceReport e, Chip chip, double throughputPerS) {
        if (Double.isInfinite(e.enduranceWrites())) {
            return "lifetime unlimited (" + chip.technology().keyword() + " cells do not wear out)";
        }
        return "endurance " + Quantities.number(e.enduranceWrites()) + " writes" + (e.enduranceDefaulted()
                ? " (" + chip.technology().keyword() + " default)" : "") + " -> lifetime "
                + Quantities.number(e.lifetimeInferences()) + " inferences, " + Quantities.duration(e.lifetimeSeconds())
                + " at " + Quantities.number(throughputPerS) + " inferences/s";
    }
}
