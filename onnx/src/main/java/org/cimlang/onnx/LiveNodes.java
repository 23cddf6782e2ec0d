package org.cimlang.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The nodes of a graph that its output depends on, in an order where every node comes after the
 * nodes it reads (ties in file order: ONNX asks for sorted graphs, not every exporter delivers).
 *
 * @param order the live nodes
 * @param dead  how many nodes the output does not depend on
 */
record LiveNodes(List<NodeProto> order, int dead) {
    LiveNodes {
        order = List.copyOf(order);
    }

    /**
     * The nodes the output depends on, inputs before readers (ties in file order). Reports a tensor
     * that nothing provides (a missing initialiser) and cycles.
     */
    static LiveNodes of(GraphProto graph, Set<String> initializers, String inputName, String outputTensor,
            String source) {
        List<NodeProto> nodes = graph.getNodeList();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                if (!out.isEmpty() && producer.putIfAbsent(out, i) != null) {
                    throw new OnnxException(source + ": tensor '" + out + "' is written by two nodes ('"
                            + nodes.get(producer.get(out)).getName() + "' and '" + nodes.get(i).getName()
                            + "'); the graph is not valid ONNX");
                }
            }
        }
        if (!producer.containsKey(outputTensor)) {
            throw new OnnxException(source + ": no node computes the graph's output '" + outputTensor + "'");
        }
        boolean[] live = new boolean[nodes.size()];
        Deque<Integer> todo = new ArrayDeque<>();
        live[producer.get(outputTensor)] = true;
        todo.push(producer.get(outputTensor));
        while (!todo.isEmpty()) {
            NodeProto n = nodes.get(todo.pop());
            for (String in : n.getInputList()) {
                if (in.isEmpty() || in.equals(inputName) || initializers.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new OnnxException(source + ": node '" + n.getName() + "' (" + n.getOpType()
                            + ") reads tensor '" + in + "', which no node computes and which is neither an "
                            + "initialiser nor the graph's input: the model lacks this weight (was it saved with "
                            + "external data, or cut short?)");
                }
                if (!live[p]) {
                    live[p] = true;
                    todo.push(p);
                }
            }
        }
        int[] pending = new int[nodes.size()];
        Map<Integer, List<Integer>> readers = new HashMap<>();
        int liveCount = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!live[i]) {
                continue;
            }
            liveCount++;
            Set<Integer> seen = new HashSet<>();
            for (String in : nodes.get(i).getInputList()) {
                Integer p = producer.get(in);
                if (p != null && seen.add(p)) {
                    pending[i]++;
                    readers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (live[i] && pending[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(liveCount);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int r : readers.getOrDefault(i, List.of())) {
                if (--pending[r] == 0) {
                    ready.add(r);
                }
            }
        }
        if (order.size() < liveCount) {
            throw new OnnxException(source + ": the graph has a cycle; ONNX graphs must be acyclic");
        }
        return new LiveNodes(order, nodes.size() - liveCount);
    }
}
