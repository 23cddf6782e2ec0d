package org.cimlang.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cimlang.compiler.ir.Network;
import org.cimlang.io.Tensor;

/**
 * What {@link OnnxImporter} made of an ONNX model.
 *
 * @param network  the network, layers in graph order, its {@code weightsPath} as asked for
 * @param weights  its parameters with PyTorch's names and layouts ({@code <layer>.weight}, ...)
 * @param producer who wrote the model, e.g. {@code pytorch 2.3.0} (empty when it does not say)
 * @param opset    the model's default-domain operator set version
 * @param notes    what the import changed without changing the results (folded activations, dropped
 *                 Dropout nodes, ...), one line each
 */
public record ImportedModel(Network network, Map<String, Tensor> weights, String producer, long opset,
        List<String> notes) {
    public ImportedModel {
        Objects.requireNonNull(network, "network");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        producer = producer == null ? "" : producer;
        notes = List.copyOf(notes);
    }

    /** Number of parameter values (weights, biases, batchnorm statistics). */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : weights.values()) {
            n += t.size();
        }
        return n;
    }
}
