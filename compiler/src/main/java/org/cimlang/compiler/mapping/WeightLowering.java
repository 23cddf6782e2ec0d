package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;

/**
 * Stage 1: layers to weight matrices (conv2d, dense) and digital work (everything else).
 *
 * <p>A batchnorm whose only input is a conv2d/dense read by nothing else folds into that layer's
 * weights and bias: it costs nothing at run time. Bias, activation, pooling, add, concat, softmax and
 * unfolded batchnorms run in the tile's digital units. Layers without an inferred shape (their error is
 * already reported) are left out.
 */
public final class WeightLowering {
    private WeightLowering() {
    }

    public static LoweredNetwork lower(AnalyzedNetwork net, QuantPlan quant) {
        return lower(net, quant, layer -> false);
    }

    /**
     * As {@link #lower(AnalyzedNetwork, QuantPlan)}, with the matmuls that {@code onArrays} names lowered as
     * crossbar layers whose second operand is written into the arrays every inference.
     */
    public static LoweredNetwork lower(AnalyzedNetwork net, QuantPlan quant,
            java.util.function.Predicate<String> onArrays) {
        Map<String, Integer> readers = new HashMap<>();
        Map<String, Layer> byName = new HashMap<>(); // the analysis' lookups are linear: index once
        for (Layer l : net.order()) {
            byName.put(l.name(), l);
            for (String in : l.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        Map<String, Layer> folds = new HashMap<>(); // conv/dense name -> batchnorm folded into it
        Map<String, String> foldedInto = new HashMap<>();
        for (Layer l : net.order()) {
            if (l.kind() == LayerKind.BATCHNORM && l.inputs().size() == 1) {
                Layer p = byName.get(l.inputs().get(0));
                // a batch norm's channels are a [T, N] sequence's T, not the dense layer's outputs: no fold
                Shape produced = p == null ? null : net.shapeOf(p.name());
                if (p != null && p.kind().hasCrossbarWeights() && !p.kind().recurrent() && readers.getOrDefault(p.name(), 0) == 1
                        && p.activation() == Activation.NONE && (p.kind() != LayerKind.DENSE
                        || produced != null && produced.isFlat())) {
                    folds.put(p.name(), l);
                    foldedInto.put(l.name(), p.name());
                }
            }
        }

        List<LoweredLayer> crossbar = new ArrayList<>();
        List<DigitalLayer> digital = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (Layer l : net.order()) {
            Shape out = net.shapeOf(l.name());
            List<Shape> in = new ArrayList<>(l.inputs().size());
            for (String i : l.inputs()) {
                Shape s = net.shapeOf(i);
                if (s != null) {
                    in.add(s);
                }
            }
            if (out == null || in.size() != l.inputs().size()) {
                continue;
            }
            try {
                if (l.kind().spec().hasRuntimeOperands() && onArrays.test(l.name())) {
                    crossbar.add(operandInArrays(l, in, out, quant));
                    order.add(l.name());
                } else if (l.kind().hasCrossbarWeights()) {
                    LoweredLayer m = matrix(l, in.get(0), out, folds.get(l.name()), quant);
                    if (m != null) {
                        crossbar.add(m);
                        order.add(l.name());
                    }
                } else {
                    digital.add(digitalWork(l, in, out, foldedInto.get(l.name()), quant));
                    order.add(l.name());
                }
            } catch (ArithmeticException e) {
                // the analysis has reported the overflow of this layer's sizes; nothing to map
            }
        }
        return new LoweredNetwork(crossbar, digital, order);
    }

    private static LoweredLayer matrix(Layer l, Shape in, Shape out, Layer bn, QuantPlan quant) {
        String input = l.inputs().get(0);
        int inBits = quant.of(input).activationBits();
        Layer last = bn != null ? bn : l;
        int outBits = quant.of(last.name()).activationBits();
        Activation act = bn != null ? bn.activation() : l.activation();
        if (l.kind() == LayerKind.DENSE) {
            // a [T, N] sequence: T products with the same weights, one per vector
            long tokens = in.rank() == 2 ? in.dim(0) : 1;
            long k = in.rank() == 2 ? in.dim(1) : in.elements();
            long n = l.units();
            return new LoweredLayer(l.name(), l.kind(), k, n, 1, tokens, Math.multiplyExact(tokens,
                    Math.multiplyExact(k, n)), input, inBits, outBits, quant.of(l.name()).weights().type(),
                    bn == null ? null : bn.name(), act, l.bias(), k * (double) inBits / 8, n * (double) outBits / 8, 1,
                    l.origin());
        }
        if (l.kind().recurrent()) {
            // per step [x_t; h_(t-1)] times one (N + H) x 4H matrix: lstm's 4 gates; gru's reset and update
            // gates and its candidate's input and recurrent parts in separate columns (the reset gate
            // multiplies only the recurrent part)
            long steps = in.dim(0);
            long k = Math.addExact(in.dim(1), l.units());
            long n = Math.multiplyExact(4, l.units());
            double ops = l.kind().spec().digitalOps().of(l, List.of(in), out);
            return new LoweredLayer(l.name(), l.kind(), k, n, 1, steps, Math.multiplyExact(steps, Math.multiplyExact(k,
                    n)), input, inBits, outBits, quant.of(l.name()).weights().type(), null, Activation.NONE, l.bias(),
                    k * (double) inBits / 8, n * (double) outBits / 8, 1, l.origin()).withStepOps(ops);
        }
        long cin = in.dim(0);
        long g = l.groups();
        if (g <= 0 || cin % g != 0 || l.filters() % g != 0) {
            return null; // reported by the analysis
        }
        long k = Math.multiplyExact(Math.multiplyExact(cin / g, l.kernelH()), l.kernelW());
        long n = l.filters() / g;
        long mvms = Math.multiplyExact(out.dim(1), out.dim(2));
        long macs = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(k, n), g), mvms);
        double inRow = (in.dim(2) + 2.0 * l.padW()) * cin * inBits / 8;
        double outRow = (double) out.dim(2) * out.dim(0) * outBits / 8;
        return new LoweredLayer(l.name(), l.kind(), k, n, g, mvms, macs, input, inBits, outBits,
                quant.of(l.name()).weights().type(), bn == null ? null : bn.name(), act, l.bias(), inRow, outRow,
                l.kernelH(), l.origin());
    }

    /**
     * A matmul {@code [.., M, K] x [.., K, N]} with its second operand in the arrays: per leading index (head) a
     * {@code K x N} matrix of that operand's activation type, read by the first operand's {@code M} vectors.
     */
    private static LoweredLayer operandInArrays(Layer l, List<Shape> in, Shape out, QuantPlan quant) {
        Shape a = in.get(0);
        int r = a.rank();
        long groups = 1;
        for (int d = 0; d < r - 2; d++) {
            groups = Math.multiplyExact(groups, a.dim(d));
        }
        long m = a.dim(r - 2);
        long k = a.dim(r - 1);
        long n = out.dim(r - 1);
        String first = l.inputs().get(0);
        String second = l.inputs().get(1);
        int inBits = quant.of(first).activationBits();
        int outBits = quant.of(l.name()).activationBits();
        long macs = Math.multiplyExact(Math.multiplyExact(groups, m), Math.multiplyExact(k, n));
        return new LoweredLayer(l.name(), l.kind(), k, n, groups, m, macs, first, inBits, outBits,
                quant.of(second).activations().type(), null, l.activation(), false, k * (double) inBits / 8,
                n * (double) outBits / 8, 1, l.origin()).withWrittenOperand(second);
    }

    private static DigitalLayer digitalWork(Layer l, List<Shape> in, Shape out, String foldedInto, QuantPlan quant) {
        double outElems = out.elements();
        double bytes = outElems * quant.of(l.name()).activationBits() / 8;
        for (int i = 0; i < in.size(); i++) {
            bytes += (double) in.get(i).elements() * quant.of(l.inputs().get(i)).activationBits() / 8;
        }
        if (foldedInto != null) {
            return new DigitalLayer(l.name(), l.kind(), 0, 0, foldedInto, l.origin());
        }
        double ops = l.kind().spec().digitalOps().of(l, in, out);
        if (l.hasActivationAfterOperation()) {
            ops += outElems;
        }
        return new DigitalLayer(l.name(), l.kind(), ops, bytes, null, l.origin());
    }
}
