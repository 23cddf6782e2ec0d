package org.cimlang.compiler.bench;

import java.util.concurrent.TimeUnit;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.TestChips;
import org.cimlang.compiler.shape.TestNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole compile (shape inference, effective quantisation, mapping, schedule, cost) as the editor's
 * validator runs it on every keystroke. Goal from issue 3: well under 50 ms per call on ResNet-50.
 * Run with {@code compiler/bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompilerBenchmark {

    /** Which network to compile. */
    @Param({"ResNet50", "VGG16"})
    public String network;

    /** 128x128 arrays of 2-bit cells: the PIMCOMP-like chip (ResNet-50 overflows it: the error path) and ISAAC. */
    @Param({"Pimcomp", "Isaac"})
    public String chip;

    private Network net;
    private Chip target;

    @Setup
    public void setUp() {
        net = network.equals("ResNet50") ? TestNetworks.resnet50() : TestNetworks.vgg16();
        target = chip.equals("Pimcomp") ? TestChips.pimcomp() : TestChips.isaac();
    }

    @Benchmark
    public Compilation compile() {
        return Compiler.compile(target, net, null, null);
    }
}
