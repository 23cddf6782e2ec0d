package org.cimlang.simulator.qmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.data.DatasetLoader;
import org.cimlang.simulator.nn.ParameterInit;
import org.cimlang.simulator.run.TestDesigns;
import org.cimlang.io.Tensor;

/** Networks, parameters and images shared by the quantised-model tests. */
final class QFixtures {
    private QFixtures() {
    }

    /** Bundled MNIST images with the given transforms (cached by the loader's caller: small). */
    static float[][] images(String split, int count, int resize, int bits) {
        try {
            Dataset d = DatasetLoader.load(new DatasetSpec("mnist", null, split, count, resize, resize, null, null, bits,
                    null), null);
            float[][] x = new float[d.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = d.image(i);
            }
            return x;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] labels(String split, int count) {
        try {
            return DatasetLoader.load(new DatasetSpec("mnist", null, split, count, 0, 0, null, null, 0, null), null)
                    .labels();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeded random parameters; batchnorms get random statistics so that folding is exercised. */
    static Map<String, Tensor> parameters(Compilation c, long seed) {
        Map<String, Tensor> p = new LinkedHashMap<>(ParameterInit.kaimingUniform(c.analysis(), seed));
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Map.Entry<String, Tensor> e : p.entrySet()) {
            String n = e.getKey();
            float[] d = e.getValue().data().clone();
            if (n.endsWith(".running_var")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (0.5 + r.nextDouble());
                }
            } else if (n.endsWith(".running_mean") || (c.analysis().layerNamed(n.substring(0, n.indexOf('.')))
                    .kind() == org.cimlang.compiler.ir.LayerKind.BATCHNORM && n.endsWith(".bias"))) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (r.nextDouble() - 0.5) * 0.2f;
                }
            } else if (n.endsWith(".weight") && c.analysis().layerNamed(n.substring(0, n.indexOf('.'))).kind()
                    == org.cimlang.compiler.ir.LayerKind.BATCHNORM) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (0.5 + r.nextDouble());
                }
            }
            p.put(n, Tensor.of(d, e.getValue().shape()));
        }
        return p;
    }

    /** Analysis and quantisation plan of a network (no chip needed). */
    static Compilation analyse(Network net, Quantization q) {
        Compilation c = Compiler.compile(null, net, q, null);
        if (c.hasErrors()) {
            throw new IllegalStateException(c.errors().toString());
        }
        return c;
    }

    static Chip chip(int rows, int cols, int cellBits, int adcBits, int dacBits, WeightEncoding enc, Slicing slicing,
            long rowsActive, NonIdeality n) {
        Chip base = TestDesigns.chip("T", Technology.RRAM, rows, cols, cellBits, adcBits, dacBits, enc, slicing, 0, n);
        return base.toBuilder().rowsActive(rowsActive).build();
    }

    static List<Integer> mismatches(ForwardResult a, ForwardResult b) {
        List<Integer> bad = new java.util.ArrayList<>();
        for (int i = 0; i < a.codes().length; i++) {
            if (!java.util.Arrays.equals(a.codes()[i], b.codes()[i])
                    || !java.util.Arrays.equals(a.accumulators()[i], b.accumulators()[i])) {
                bad.add(i);
            }
        }
        return bad;
    }
}
