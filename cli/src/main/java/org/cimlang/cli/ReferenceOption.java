package org.cimlang.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.onnx.FloatReference;
import org.cimlang.onnx.OnnxException;
import org.cimlang.onnx.ReferenceReport;
import org.cimlang.io.Tensor;

import picocli.CommandLine.Option;

/**
 * The float reference as options of a command ({@code @Mixin ReferenceOption reference;}):
 * {@code --reference} compares the float engine with ONNX Runtime running the network's own export,
 * {@code --onnx MODEL.onnx} with a given model (the one the network was imported from).
 */
public class ReferenceOption {
    @Option(names = "--reference", description = "also run the float network in ONNX Runtime and report the largest "
            + "difference from the simulator's float path on the logits (must stay below 1e-4)")
    boolean reference;

    @Option(names = "--onnx", paramLabel = "MODEL", description = "the ONNX model to compare with (implies "
            + "--reference; default: the network's own export)")
    Path onnx;

    public boolean enabled() {
        return reference || onnx != null;
    }

    /** Runs the comparison on {@code inputs}; ONNX problems are {@link CliException}s (exit 2). */
    public ReferenceReport check(AnalyzedNetwork network, Map<String, Tensor> weights, List<float[]> inputs) {
        try {
            return onnx != null ? FloatReference.compare(onnx, network, weights, inputs)
                    : FloatReference.compareWithExport(network, weights, inputs);
        } catch (OnnxException e) {
            throw new CliException(e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
    }
}
