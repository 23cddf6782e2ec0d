package org.cimlang.simulator.run;

import java.util.Locale;

import org.cimlang.compiler.cost.Quantities;

/** The human-readable summary {@code cim run} prints for one simulation. */
public final class SummaryText {
    private SummaryText() {
    }

    /**
     * @param weightsShown how to show the weights file (e.g. relative to the working directory)
     */
    public static String render(SimulationResult r, String weightsShown) {
        StringBuilder b = new StringBuilder();
        b.append("simulation ").append(r.simulation()).append(": network ").append(r.network()).append(" on chip ")
                .append(r.chip()).append(" (mapping ").append(r.mapping()).append(")\n");
        b.append(String.format(Locale.ROOT, "  images    %s of %s; seed %d; non-idealities %s%s%n",
                Quantities.count(r.images()), r.dataset(), r.seed(), r.nonideal() ? "on" : "off",
                r.trialsRun() > 1 ? ", " + r.trialsRun() + " chips" : ""));
        b.append("  weights   ").append(weightsShown);
        if (r.training() != null) {
            NetworkTraining.Outcome t = r.training();
            b.append(String.format(Locale.ROOT, " (trained now: %d epoch%s in %.1f s%s)", t.epochs(),
                    t.epochs() == 1 ? "" : "s", t.seconds(),
                    (t.qatLayers().isEmpty() ? "" : ", quantisation-aware: " + String.join(", ", t.qatLayers()))
                            + (t.noiseAware() ? ", noise-aware" : "")));
        }
        b.append('\n');
        b.append("accuracy\n");
        b.append(String.format(Locale.ROOT, "  float            %s%n", pct(r.floatAccuracy())));
        b.append(String.format(Locale.ROOT, "  quantised ideal  %s%n", pct(r.quantizedAccuracy())));
        if (r.trialsRun() > 1) {
            b.append(String.format(Locale.ROOT, "  CIM              %s ± %s over %d chips (min %s, max %s)%n",
                    pct(r.cimMean()), pct(r.cimStd()), r.trialsRun(), pct(r.cimMin()), pct(r.cimMax())));
        } else {
            b.append(String.format(Locale.ROOT, "  CIM              %s%n", pct(r.cimMean())));
        }
        FaultPlacement fp = r.faultPlacement();
        if (fp != null) {
            b.append(String.format(Locale.ROOT, "  blind placement  %s ± %s on the same chips: fault-aware placement "
                    + "recovers %+.1f points%n", pct(fp.blindMean()), pct(fp.blindStd()),
                    100 * (r.cimMean() - fp.blindMean())));
            for (FaultPlacement.LayerFaults l : fp.layers()) {
                if (l.faultAware()) {
                    b.append(String.format(Locale.ROOT, "    %-14s %s stuck cells per chip, %s of them harmless "
                            + "(blind %s); MVM error %s (blind %s)%n", l.layer(), num(l.stuckCells()),
                            pct(l.harmlessAware()), pct(l.harmlessBlind()), pct(l.mvmErrorAware()),
                            pct(l.mvmErrorBlind())));
                }
            }
        }
        b.append(String.format(Locale.ROOT, "%-16s %-12s %-8s %-8s %-38s %-14s %s%n", "layers", "weights", "inputs",
                "outputs", "ADC", "SNR vs ideal", "own SNR"));
        for (SimulationResult.LayerResult l : r.layers()) {
            String adc = l.adcBits() == 0 ? "ideal, not quantised" : l.adcBits() + " bits, " + (l.exactAdc() ? "exact"
                    : String.format(Locale.ROOT, "needs %d, LSB %.3g, %s clipped", l.adcBitsNeeded(), l.adcLsb(),
                            clippedPercent(l.clippedFraction())));
            b.append(String.format(Locale.ROOT, "  %-14s %-12s %-8s %-8s %-38s %-14s %s%n", l.layer(), l.weightType(),
                    l.inputType(), l.outputType(), adc, db(l.snrDb()), db(l.ownSnrDb())));
        }
        SimulationResult.CostFigures c = r.cost();
        b.append(String.format(Locale.ROOT, "cost per inference (mapping engine): latency %s, energy %s, throughput %s%n",
                Quantities.si(c.latencyS(), "s"), Quantities.si(c.energyJ(), "J"),
                Quantities.number(c.throughputPerS()) + " inferences/s"));
        SimulationResult.ActivityFigures a = r.activity();
        SimulationResult.MeasuredPrice m = a.measured();
        if (m != null && !Double.isNaN(m.energyJ())) {
            b.append(String.format(Locale.ROOT, "  at the measured data: %s of input bits are 1 (cim compile assumes %s):"
                    + " energy %s per inference%n", Quantities.percent(m.inputDensity()),
                    Quantities.percent(m.assumedDensity()), Quantities.si(m.energyJ(), "J")));
        }
        b.append(String.format(Locale.ROOT, "activity per inference: %s input spikes as bit planes (%s rate-coded), "
                + "%s cell activations, %s ADC conversions%n", num(a.inputSpikes()), num(a.rateCodedInputSpikes()),
                num(a.cellActivations()), num(a.adcConversions())));
        if (a.synapticEvents() > 0) {
            b.append(String.format(Locale.ROOT, "  synaptic events %s (%s rate-coded): %s each by the cost model, %s by "
                    + "activity%n", num(a.synapticEvents()), num(a.rateCodedSynapticEvents()),
                    Quantities.si(a.energyPerSynapticEventJ(), "J"), Quantities.si(a.activityEnergyPerEventJ(), "J")));
        }
        SimulationResult.Timing t = r.timing();
        // a fault-aware run simulates every chip twice (as placed and blind)
        long work = (long) r.images() * r.trialsRun() * (r.faultPlacement() == null ? 1 : 2);
        b.append(String.format(Locale.ROOT,
                "simulator: %s image%s in %.2f s = %s images/s on %d thread%s (%.2f CPU-s)%n",
                Quantities.count(work), r.trialsRun() > 1 ? "-trials" : "s", t.simulateSeconds(),
                Quantities.count(Math.round(t.imagesPerSecond())), t.threads(), t.threads() == 1 ? "" : "s",
                t.simulateCpuSeconds()));
        for (String n : r.notes()) {
            b.append("note: ").append(n).append('\n');
        }
        return b.toString();
    }

    static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "n/a";
    }

    private static String db(Double v) {
        return v == null ? "exact" : String.format(Locale.ROOT, "%.1f dB", v);
    }

    private static String num(double v) {
        return v >= 1000 ? Quantities.count(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A clipped fraction as a percentage that never reads 0% when some conversions clipped. */
    static String clippedPercent(double fraction) {
        if (fraction == 0) {
            return "0%";
        }
        return fraction < 1e-4 ? "<0.01%" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
