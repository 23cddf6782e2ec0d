package org.cimlang.simulator.qmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ptq.CrossLayerEqualizer;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.Tensor;
import org.cimlang.simulator.nn.LayerQat;

/**
 * Cross-layer equalisation of a network's float parameters ({@link CrossLayerEqualizer}) before quantisation,
 * for every pair {@code A -> ... -> B} of conv2d/dense layers whose weight specs both say {@code equalize}:
 * {@code A} (one group, activation ReLU or none) is read only by a chain of max/average pools and flattens
 * (activation ReLU or none, each read only by the next), and {@code B} (one group) reads the chain's end.
 * Everything on the way commutes with a positive scale per channel, so the float network computes the same
 * function. Not equalised: a layer followed by a batch norm (the norm's statistics would need rescaling too),
 * a layer whose range quantisation-aware training fixed ({@code act_clip}), grouped convolutions.
 *
 * <p>Chained pairs share a layer ({@code c1 -> c2} and {@code c2 -> fc1}), so the pairs are equalised in network
 * order, sweep after sweep, until no scale moves by more than {@value #TOLERANCE} (relative), at most
 * {@value #MAX_SWEEPS} sweeps (the paper iterates the same way).
 */
final class NetworkEqualization {
    static final int MAX_SWEEPS = 20;
    static final double TOLERANCE = 1e-4;

    private NetworkEqualization() {
    }

    /** A pair to equalise: layer {@code first}'s output channels feed layer {@code second}. */
    record Pair(String first, String second) {
    }

    /** The pairs of {@code network} that the plan asks to equalise, in network order. */
    static List<Pair> pairs(AnalyzedNetwork network, QuantPlan plan, Map<String, Tensor> parameters) {
        Map<String, List<Layer>> readers = new HashMap<>();
        for (Layer l : network.order()) {
            for (String in : l.inputs()) {
                readers.computeIfAbsent(in, x -> new ArrayList<>()).add(l);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Layer a : network.order()) {
            if (!secondOfPair(a, plan, parameters) || !positiveHomogeneous(a.activation()) || clipped(parameters, a)) {
                continue;
            }
            Layer cur = a;
            Layer b = null;
            while (true) {
                List<Layer> next = readers.getOrDefault(cur.name(), List.of());
                if (next.size() != 1 || next.get(0).inputs().size() != 1) {
                    break;
                }
                Layer x = next.get(0);
                if (secondOfPair(x, plan, parameters)) {
                    b = x;
                    break;
                }
                boolean passes = (x.kind() == LayerKind.MAXPOOL || x.kind() == LayerKind.AVGPOOL
                        || x.kind() == LayerKind.FLATTEN) && positiveHomogeneous(x.activation()) && !clipped(parameters, x);
                if (!passes) {
                    break;
                }
                cur = x;
            }
            if (b != null) {
                pairs.add(new Pair(a.name(), b.name()));
            }
        }
        return pairs;
    }

    /** The parameters with every pair equalised (the given map is not changed). */
    static Map<String, Tensor> apply(AnalyzedNetwork network, QuantPlan plan, Map<String, Tensor> parameters) {
        List<Pair> pairs = pairs(network, plan, parameters);
        if (pairs.isEmpty()) {
            return parameters;
        }
        Map<String, Tensor> p = new LinkedHashMap<>(parameters);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double moved = 0;
            for (Pair pair : pairs) {
                Tensor w1 = p.get(pair.first() + ".weight");
                Tensor b1 = p.get(pair.first() + ".bias");
                Tensor w2 = p.get(pair.second() + ".weight");
                int channels = w1.dim(0);
                if ((w2.size() / w2.dim(0)) % channels != 0) {
                    continue;
                }
                boolean hasBias = network.layerNamed(pair.first()).bias() && b1 != null;
                CrossLayerEqualizer.Pair e = CrossLayerEqualizer.equalize(w1.data(), hasBias ? b1.data() : null,
                        channels, w2.data(), w2.dim(0));
                p.put(pair.first() + ".weight", Tensor.of(e.weight1(), w1.shape()));
                if (hasBias) {
                    p.put(pair.first() + ".bias", Tensor.of(e.bias1(), b1.shape()));
                }
                p.put(pair.second() + ".weight", Tensor.of(e.weight2(), w2.shape()));
                for (double s : e.scales()) {
                    moved = Math.max(moved, Math.abs(s - 1));
                }
            }
            if (moved < TOLERANCE) {
                break;
            }
        }
        return Collections.unmodifiableMap(p);
    }

    /**
     * A layer that may scale its input columns: its own activation does not matter. Never an lstm/gru: its
     * gates are not positively homogeneous, and its columns hold its own state as well as its input.
     */
    private static boolean secondOfPair(Layer l, QuantPlan plan, Map<String, Tensor> parameters) {
        return l.kind().hasCrossbarWeights() && !l.kind().recurrent() && l.groups() <= 1 && plan.of(l.name()).weights().steps().equalize()
                && !plan.of(l.name()).weights().type().binary() && parameters.get(l.name() + ".weight") != null;
    }

    private static boolean positiveHomogeneous(Activation a) {
        return a.positivelyHomogeneous();
    }

    private static boolean clipped(Map<String, Tensor> parameters, Layer l) {
        return parameters.containsKey(LayerQat.clipName(l.name()));
    }
}
