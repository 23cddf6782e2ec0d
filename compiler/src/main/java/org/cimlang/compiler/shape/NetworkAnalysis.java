package org.cimlang.compiler.shape;

import static org.cimlang.compiler.ir.DiagnosticCodes.GRAPH_CYCLE;
import static org.cimlang.compiler.ir.DiagnosticCodes.INPUT_UNKNOWN;
import static org.cimlang.compiler.ir.DiagnosticCodes.LAYER_DUPLICATE;
import static org.cimlang.compiler.ir.DiagnosticCodes.LAYER_UNUSED;
import static org.cimlang.compiler.ir.DiagnosticCodes.NETWORK_EMPTY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;

/**
 * Graph checks and shape inference of a network: the first stage after the front end.
 *
 * <p>Runs in time linear in the layers (plus a log factor for the stable topological sort): it is
 * called on every keystroke by the editor's validator.
 */
public final class NetworkAnalysis {
    private NetworkAnalysis() {
    }

    /** Checks the layer graph, orders it and infers every shape it can. Never throws on bad input. */
    public static AnalyzedNetwork analyze(Network network) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Layer> layers = network.layers();
        if (layers.isEmpty()) {
            diagnostics.add(Diagnostic.error(NETWORK_EMPTY,
                    "network " + network.name() + " has no layers: declare at least an 'input'", network.origin(),
                    "layers"));
            return new AnalyzedNetwork(network, List.of(), Map.of(), Map.of(), diagnostics);
        }

        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (indexOf.putIfAbsent(l.name(), i) != null) {
                diagnostics.add(Diagnostic.error(LAYER_DUPLICATE,
                        "layer " + l.name() + " is declared twice in " + network.name() + ": rename one",
                        l.origin(), "name", l.name()));
            }
        }

        // Edges: producer index -> reader indexes. Unknown names are reported and dropped.
        List<List<Integer>> readers = new ArrayList<>(layers.size());
        int[] pending = new int[layers.size()];
        List<List<Integer>> producers = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            readers.add(new ArrayList<>(2));
            producers.add(new ArrayList<>(2));
        }
        boolean[] used = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!indexOf.get(l.name()).equals(i)) {
                continue; // a duplicate: already reported, its edges would be ambiguous
            }
            Set<Integer> seen = new HashSet<>();
            for (String in : l.inputs()) {
                Integer p = indexOf.get(in);
                if (p == null) {
                    diagnostics.add(Diagnostic.error(INPUT_UNKNOWN,
                            l.kind().keyword() + " " + l.name() + " reads '" + in + "', which is not a layer of "
                                    + network.name(),
                            l.origin(), "from", in));
                    continue;
                }
                used[p] = true;
                if (seen.add(p)) {
                    readers.get(p).add(i);
                    producers.get(i).add(p);
                    pending[i]++;
                }
            }
        }

        List<Layer> order = topologicalOrder(layers, readers, pending, indexOf);
        if (order.size() < countDistinct(layers, indexOf)) {
            reportCycles(network, layers, producers, order, indexOf, diagnostics);
        }

        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, Long> macs = new LinkedHashMap<>();
        ShapeRules rules = new ShapeRules(diagnostics);
        for (Layer l : order) {
            rules.infer(l, shapes, macs);
        }

        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            Layer l = layers.get(i);
            if (!used[i] && indexOf.get(l.name()) == i) {
                diagnostics.add(Diagnostic.warning(LAYER_UNUSED,
                        "layer " + l.name() + " is never used: its output feeds no layer and it is not the last layer"
                                + " of " + network.name(),
                        l.origin(), "name", l.name()));
            }
        }
        return new AnalyzedNetwork(network, order, shapes, macs, diagnostics);
    }

    private static int countDistinct(List<Layer> layers, Map<String, Integer> indexOf) {
        int n = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (indexOf.get(layers.get(i).name()) == i) {
                n++;
            }
        }
        return n;
    }

    /** Kahn's algorithm; among ready layers the earliest in source order goes first, so the order is stable. */
    private static List<Layer> topologicalOrder(List<Layer> layers, List<List<Integer>> readers, int[] pending,
            Map<String, Integer> indexOf) {
        int[] left = pending.clone();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < layers.size(); i++) {
            if (left[i] == 0 && indexOf.get(layers.get(i).name()) == i) {
                ready.add(i);
            }
        }
        List<Layer> order = new ArrayList<>(layers.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(layers.get(i));
            for (int r : readers.get(i)) {
                if (--left[r] == 0) {
                    ready.add(r);
                }
            }
        }
        return order;
    }

    /**
     * Every layer left out of the order is on a cycle or behind one. Walking backwards along inputs from
     * such a layer always stays among them and must close a cycle; each cycle is reported once, on its
     * earliest layer in source order.
     */
    private static void reportCycles(Network network, List<Layer> layers, List<List<Integer>> producers,
            List<Layer> order, Map<String, Integer> indexOf, List<Diagnostic> diagnostics) {
        boolean[] ordered = new boolean[layers.size()];
        for (Layer l : order) {
            ordered[indexOf.get(l.name())] = true;
        }
        int[] state = new int[layers.size()]; // 0 unvisited, 1 on the current walk, 2 done
        List<Diagnostic> found = new ArrayList<>();
        for (int start = 0; start < layers.size(); start++) {
            if (ordered[start] || state[start] != 0 || indexOf.get(layers.get(start).name()) != start) {
                continue;
            }
            List<Integer> walk = new ArrayList<>();
            int cur = start;
            while (state[cur] == 0) {
                state[cur] = 1;
                walk.add(cur);
                int next = -1;
                for (int p : producers.get(cur)) {
                    if (!ordered[p]) {
                        next = p;
                        break;
                    }
                }
                cur = next; // never -1: a left-out layer has a left-out producer
            }
            if (state[cur] == 1) {
                List<Integer> cycle = new ArrayList<>(walk.subList(walk.indexOf(cur), walk.size()));
                Collections.reverse(cycle); // the walk followed inputs; the message follows the data
                int first = cycle.indexOf(Collections.min(cycle));
                Collections.rotate(cycle, -first);
                StringBuilder path = new StringBuilder();
                for (int i : cycle) {
                    path.append(layers.get(i).name()).append(" -> ");
                }
                path.append(layers.get(cycle.get(0)).name());
                Layer at = layers.get(cycle.get(0));
                found.add(Diagnostic.error(GRAPH_CYCLE,
                        "the layers of " + network.name() + " form a cycle: " + path
                                + ": a layer cannot read its own output",
                        at.origin(), "from", at.name()));
            }
            for (int i : walk) {
                state[i] = 2;
            }
        }
        diagnostics.addAll(found);
    }
}
