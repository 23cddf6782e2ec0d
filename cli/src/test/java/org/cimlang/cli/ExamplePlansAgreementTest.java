package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.simulator.crossbar.ActivityCounter;
import org.cimlang.simulator.crossbar.ArrayComponents;
import org.cimlang.simulator.crossbar.CrossbarLayer;
import org.cimlang.simulator.crossbar.InputFormat;
import org.cimlang.simulator.crossbar.ProgrammedLayer;
import org.cimlang.simulator.crossbar.WeightFormat;
import org.cimlang.semantic.CimSemantics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer of every mapping of every shipped example, including the ImageNet networks that cannot be
 * simulated end to end here: the simulator's kernel programs the layer's arrays from the engine's plan,
 * runs one product and counts its reads; times the layer's products that is the compiler's
 * {@code arrayReads} and {@code adcConversions} per inference, and its input cycles are the compiler's.
 */
class ExamplePlansAgreementTest {

    @TestFactory
    Stream<DynamicTest> everyLayerOfEveryExampleReadsAsItsPlanSays() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : CompileGoldenTest.experiments()) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> assertPlansRun(file)));
        }
        return tests.stream();
    }

    /**
     * Where the engine's plan makes a layer exact on an ideal chip (its ADC resolves every column sum), the
     * simulator computes its products as one integer GEMM; that shortcut and the slices it stands for give the
     * same outputs and count the same activity, layer by layer, on random weights and inputs.
     */
    @TestFactory
    Stream<DynamicTest> everyExactLayerOfEveryExampleGivesTheSameProductsThroughItsSlicesAndAsOneGemm() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : CompileGoldenTest.experiments()) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> assertShortcutAgrees(file)));
        }
        tests.add(DynamicTest.dynamicTest("some example layers are exact", () -> assertTrue(EXACT_LAYERS.get() > 0)));
        return tests.stream();
    }

    private static final java.util.concurrent.atomic.AtomicInteger EXACT_LAYERS = new java.util.concurrent.atomic.AtomicInteger();

    private static void assertShortcutAgrees(Path file) {
        Workspace ws = Workspace.load(Workspace.createInjector(), List.of(file));
        CimSemantics semantics = ws.injector().getInstance(CimSemantics.class);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(file.getFileName().toString().hashCode());
        for (var d : ((Model) ws.targets().get(0).getContents().get(0)).getElements()) {
            if (!(d instanceof Mapping m)) {
                continue;
            }
            Compilation c = semantics.compile(m);
            for (LayerMapping lm : c.result().layers()) {
                if (lm.k() * lm.columns() > (1 << 22)) {
                    continue; // the ImageNet giants: the same kernel as the smaller layers, too slow to program here
                }
                int k = (int) lm.k();
                int n = (int) lm.n();
                WeightFormat wf = WeightFormat.of(c.quant().of(lm.layer()).weights().type());
                InputFormat xf = new InputFormat(lm.plan().input().bits(), lm.plan().input().signed());
                int[] weights = new int[k * n];
                boolean offset = lm.slicing().referenceColumn();
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = wf.binary() ? (rnd.nextBoolean() ? 1 : -1)
                            : !wf.signed() ? rnd.nextInt(1 << wf.bits())
                            : offset ? rnd.nextInt(-(1 << (wf.bits() - 1)), 1 << (wf.bits() - 1))
                            : rnd.nextInt(-wf.maxMagnitude(), wf.maxMagnitude() + 1);
                }
                ProgrammedLayer p = CrossbarLayer.program(weights, k, n, wf, xf, lm.plan(), ArrayComponents.DEFAULT, null);
                if (!p.isDirect()) {
                    continue;
                }
                EXACT_LAYERS.incrementAndGet();
                int batch = 3;
                int[] xs = new int[batch * k];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = rnd.nextInt(xf.min(), xf.max() + 1);
                }
                long[] direct = new long[batch * n];
                long[] sliced = new long[batch * n];
                ActivityCounter a = new ActivityCounter();
                ActivityCounter b = new ActivityCounter();
                p.mvmBatch(xs, batch, direct, a, 0);
                p.slicedOnly().mvmBatch(xs, batch, sliced, b, 0);
                String where = file.getFileName() + " " + m.getName() + " " + lm.layer();
                org.junit.jupiter.api.Assertions.assertArrayEquals(sliced, direct, where);
                assertEquals(b.toString(), a.toString(), where);
            }
        }
    }

    private static void assertPlansRun(Path file) {
        Workspace ws = Workspace.load(Workspace.createInjector(), List.of(file));
        CimSemantics semantics = ws.injector().getInstance(CimSemantics.class);
        int checked = 0;
        for (var d : ((Model) ws.targets().get(0).getContents().get(0)).getElements()) {
            if (!(d instanceof Mapping m)) {
                continue;
            }
            Compilation c = semantics.compile(m);
            for (LayerMapping lm : c.result().layers()) {
                String where = file.getFileName() + " " + m.getName() + " " + lm.layer();
                if (lm.k() * lm.columns() > Limits.MAX_SIMULATED_CELLS) {
                    continue; // the editor reports it on any simulation of this mapping (SimulationFit)
                }
                int k = (int) lm.k();
                int n = (int) lm.n();
                WeightFormat wf = WeightFormat.of(c.quant().of(lm.layer()).weights().type());
                InputFormat xf = new InputFormat(lm.plan().input().bits(), lm.plan().input().signed());
                int[] weights = new int[k * n];
                if (wf.binary()) {
                    Arrays.fill(weights, 1);
                }
                ProgrammedLayer p = CrossbarLayer.program(weights, k, n, wf, xf, lm.plan(), ArrayComponents.DEFAULT, null);
                ActivityCounter counter = new ActivityCounter();
                p.mvm(new int[k], new long[n], counter);
                long products = lm.mvms() * lm.groups();
                assertEquals(lm.inputCycles(), p.cycles(), where + " input cycles");
                assertEquals(lm.arrayReadsPerInference(), counter.arrayReads() * products, where + " array reads");
                assertEquals(lm.adcConversionsPerInference(), counter.adcConversions() * products,
                        where + " ADC conversions");
                checked++;
            }
        }
        assertTrue(checked > 0, file + ": no layer checked");
    }
}
