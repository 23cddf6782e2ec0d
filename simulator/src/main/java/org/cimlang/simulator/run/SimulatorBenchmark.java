package org.cimlang.simulator.run;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.nn.ParameterInit;
import org.cimlang.simulator.qmodel.CimChip;
import org.cimlang.simulator.qmodel.ForwardResult;
import org.cimlang.simulator.qmodel.NetworkExecutor;
import org.cimlang.simulator.qmodel.NetworkQuantizer;
import org.cimlang.simulator.qmodel.QuantizedNetwork;
import org.cimlang.io.Tensor;

/**
 * Issue 4's simulator benchmarks 1 and 2 through the whole simulator (a main and {@code cim bench}, not a
 * test): the MLP 784-256-10 on 1,000 bundled MNIST test digits with 8-bit inputs applied bit-serially
 * (1 bit per cycle), 128 x 128 arrays, int8 weights as differential 7-bit magnitudes in 4 slices of 2-bit
 * cells, an 8-bit ADC; (1) an ideal chip, (2) 5 % programming variation and 1 % read noise, and (2) again with
 * {@code adc ideal}, the converter that keeps the sub-level analog noise (CrossSim's {@code adc bits 0}), with the
 * layers' MVM errors, which is what the noise costs.
 *
 * <p>Two timings per case, best of the repeats after a warm-up: "CIM" runs the images through the
 * programmed chip only (what CrossSim's figure measures); "cim run" is the simulation step of
 * {@link SimulationRunner} (chip programming, CIM chip, integer reference, per-layer error measurement).
 * Wall time and the worker threads' CPU time are both printed, since the machine may be shared.
 */
public final class SimulatorBenchmark {
    static final int IMAGES = 1000;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path weights = args.length > 2 ? Path.of(args[2]) : null;
        PrintWriter out = new PrintWriter(System.out, true);
        run(out, threads, repeats, weights);
        out.flush();
    }

    /**
     * Runs both benchmarks and prints the figures.
     *
     * @param weights an MLP weights file (fc1 [256, 784], fc2 [10, 256]); null or missing = seeded random
     *                initialisation (the timing does not depend on the weights' values)
     */
    public static void run(PrintWriter out, int threads, int repeats, Path weights) {
        NonIdeality noisy = new NonIdeality(0.05, false, 0.01, 0, 0, 0, 0, null);
        Chip eightBitChip = Chip.builder("Bench").technology(Technology.RRAM).nodeNm(32).clockHz(1e9).tiles(144).arraysPerTile(64)
                .array(128, 128).cellBits(2).readLatencyS(100e-9).adcBits(8).adcSharedColumns(128).dacBits(1)
                .encoding(WeightEncoding.DIFFERENTIAL).slicing(Slicing.BINARY).nonideal(noisy).build();
        String wfile = weights != null && Files.isRegularFile(weights) ? weights.toAbsolutePath().toString() : null;
        Network net = new Network("Mlp", List.of(Layer.builder("pixels", LayerKind.INPUT).shape(Shape.of(784)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("pixels").units(256).activation(Activation.RELU).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("fc1").units(10).build()), wfile, null);
        Quantization quant = new Quantization("Int8", "Mlp",
                new QuantSpec(NumberType.signed(8), true, Granularity.PER_CHANNEL, CalibrationMethod.MINMAX, null, null),
                new QuantSpec(NumberType.unsigned(8), false, Granularity.PER_TENSOR, CalibrationMethod.MINMAX, null,
                        null), List.of(), null, 0, null);
        MappingSpec mapping = new MappingSpec("OnBench", "Mlp", "Bench", "Int8", List.of(), ScheduleKind.PIPELINE, false,
                false, null, null, null);
        DatasetSpec data = new DatasetSpec("mnist", null, "test", IMAGES, 0, 0, null, null, 8, null);
        out.printf(Locale.ROOT, "machine: %d cores, JDK %s; %d threads; best of %d runs after a warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), threads, repeats);
        out.println("MLP 784-256-10, " + IMAGES + " bundled MNIST test digits, 8-bit inputs bit-serial, 128x128 arrays, "
                + "int8 weights in 4 slices of 2-bit cells (differential), 8-bit ADC ('adc ideal' where said)");
        out.println("weights: " + (wfile != null ? wfile : "seeded random initialisation (accuracy not meaningful)"));
        Int8GemmReference gemm = new Int8GemmReference(List.of(new int[] {784, 256}, new int[] {256, 10}));
        double gemmS = gemm.seconds(IMAGES, threads, repeats);
        out.printf(Locale.ROOT, "(0) the machine's limit: the same products as a plain uint8 x int8 GEMM (no slicing, ADC or "
                + "noise) %.4f s = %.0f images/s, %.2f GMAC/s%n", gemmS, IMAGES / gemmS,
                gemm.macsPerImage() * (double) IMAGES / gemmS / 1e9);
        Chip idealAdcChip = eightBitChip.toBuilder().adcBits(0).idealAdc(true).build();
        // 128 rows x 1-bit inputs x 3-level cells sum to at most 384: a 9-bit ADC resolves every sum
        Chip exactChip = eightBitChip.toBuilder().adcBits(9).build();
        for (int bench = 0; bench < 5; bench++) {
            boolean nonideal = bench == 1 || bench == 2;
            boolean exact = bench >= 3;
            Chip chip = bench == 2 ? idealAdcChip : exact ? exactChip : eightBitChip;
            SimulationSpec sim = new SimulationSpec(nonideal ? "Noisy" : "Ideal", "OnBench", data, nonideal, 1, 1, 0,
                    null, null);
            Design design = new Design(List.of(chip), List.of(net), List.of(quant), List.of(mapping), List.of(sim));
            Compilation c = Compiler.compile(design, "OnBench");
            if (c.hasErrors()) {
                throw new IllegalStateException("benchmark design does not compile: " + c.errors());
            }
            Map<String, Tensor> params = wfile != null ? WeightsFile.read(c.analysis(), Path.of(wfile))
                    : ParameterInit.kaimingUniform(c.analysis(), 1);
            Dataset test = DataSets.test(data, null, 0);
            Dataset cal = DataSets.calibration(data, null, quant, null);
            QuantizedNetwork q = NetworkQuantizer.quantize(c.analysis(), c.quant(), params, images(cal),
                    DataSets.inputCodes(data));
            float[][] images = images(test);
            String name = bench == 4 ? "(3) the same through every slice and input cycle (no shortcut)"
                    : bench == 3 ? "(3) ideal chip, 9-bit ADC (exact: each layer one integer GEMM)"
                    : bench == 2 ? "(2) with 'adc ideal' (sub-level noise kept)"
                    : nonideal ? "(2) 5% variation + 1% read noise" : "(1) ideal chip";
            long t0 = System.nanoTime();
            CimChip built = CimChip.program(q, chip, c.result(), nonideal ? noisy : null, 1, 0, 0);
            CimChip programmed = bench == 4 ? built.slicedOnly() : built;
            double programS = (System.nanoTime() - t0) / 1e9;
            double bestWall = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            double accuracy = 0;
            try (BatchPool pool = new BatchPool(threads)) {
                for (int rep = 0; rep <= repeats; rep++) {
                    double cpu0 = pool.cpuSeconds();
                    long s = System.nanoTime();
                    List<int[]> predictions = pool.run(images.length, SimulationRunner.BATCH, (from, count) -> {
                        ForwardResult fr = NetworkExecutor.forward(q, programmed, images, from, count, false, null);
                        return fr.predictions();
                    }, done -> { });
                    double wall = (System.nanoTime() - s) / 1e9;
                    double cpu = pool.cpuSeconds() - cpu0;
                    if (rep > 0) {
                        bestWall = Math.min(bestWall, wall);
                        bestCpu = Math.min(bestCpu, cpu);
                    }
                    int correct = 0;
                    int at = 0;
                    for (int[] p : predictions) {
                        for (int v : p) {
                            correct += v == test.label(at++) ? 1 : 0;
                        }
                    }
                    accuracy = (double) correct / images.length;
                }
            }
            out.printf(Locale.ROOT, "%s: programming %.3f s; CIM %.3f s wall = %.0f images/s (%.3f CPU-s); "
                    + "accuracy %.1f%%%n", name, programS, bestWall, IMAGES / bestWall, bestCpu, accuracy * 100);
            if (bench == 4) {
                continue; // cim run takes the shortcut: its step was measured in (3)
            }
            double runBest = Double.MAX_VALUE;
            double runCpu = Double.MAX_VALUE;
            SimulationResult last = null;
            for (int rep = 0; rep <= Math.max(1, repeats / 2); rep++) {
                Path dir = wfile != null ? Path.of(wfile).getParent() : null;
                last = runWith(c, sim, dir, threads, params);
                if (rep > 0) {
                    runBest = Math.min(runBest, last.timing().simulateSeconds());
                    runCpu = Math.min(runCpu, last.timing().simulateCpuSeconds());
                }
            }
            out.printf(Locale.ROOT, "    cim run's simulation step (programming, CIM, integer reference, errors): "
                    + "%.3f s wall = %.0f images/s (%.3f CPU-s)%n", runBest, IMAGES / runBest, runCpu);
            StringBuilder errors = new StringBuilder("    MVM error per layer:");
            for (SimulationResult.LayerResult l : last.layers()) {
                errors.append(String.format(Locale.ROOT, " %s %.3f%%", l.layer(), 100 * l.mvmError()));
            }
            out.println(errors);
            out.flush();
        }
    }

    private static SimulationResult runWith(Compilation c, SimulationSpec sim, Path dir, int threads,
            Map<String, Tensor> params) {
        if (c.network().weightsPath() != null) {
            return SimulationRunner.run(new SimulationRunner.Request(c, sim, dir, dir, dir, 0, threads, null, null));
        }
        // no weights file: hand the random parameters over through a temporary one
        try {
            Path tmp = Files.createTempDirectory("cim-bench");
            Path file = tmp.resolve("mlp.npz");
            WeightsFile.write(file, params);
            Network withFile = new Network(c.network().name(), c.network().layers(), file.toString(), null);
            Compilation c2 = Compiler.compile(new Design(List.of(c.chip()), List.of(withFile), List.of(c.quantization()),
                    List.of(c.mapping()), List.of(sim)), c.mapping().name());
            try {
                return SimulationRunner.run(new SimulationRunner.Request(c2, sim, tmp, tmp, tmp, 0, threads, null, null));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException e) {
            throw RunException.environment("benchmark: temporary weights file: " + e.getMessage(), e);
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
