package org.cimlang.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.io.Tensor;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * The float reference: the same inputs through ONNX Runtime and through the simulator's float
 * engine ({@link FloatModel}, batchnorm with running statistics, no quantisation), compared on the
 * output layer's values. The ONNX side is either the model a network was imported from or, for any
 * network, its own export: both engines then read identical weights.
 */
public final class FloatReference {
    private FloatReference() {
    }

    /** Compares the ONNX file {@code onnx} with {@code network} and its {@code parameters}. */
    public static ReferenceReport compare(Path onnx, AnalyzedNetwork network, Map<String, Tensor> parameters,
            List<float[]> inputs) {
        return compare(OnnxModelFile.read(onnx).toByteArray(), onnx.toString(), network, parameters, inputs);
    }

    /** Compares the network's own ONNX export (made in memory) with the float engine. */
    public static ReferenceReport compareWithExport(AnalyzedNetwork network, Map<String, Tensor> parameters,
            List<float[]> inputs) {
        ModelProto model = OnnxExporter.export(network, parameters);
        return compare(model.toByteArray(), "the ONNX export of network " + network.network().name(), network,
                parameters, inputs);
    }

    /** Compares a serialised ONNX model with the float engine; {@code name} names the model in messages. */
    public static ReferenceReport compare(byte[] onnx, String name, AnalyzedNetwork network,
            Map<String, Tensor> parameters, List<float[]> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("the float reference needs at least one input");
        }
        FloatModel model = FloatModel.of(network, parameters);
        int per = Math.toIntExact(model.inputShape().elements());
        float[] batch = new float[Math.multiplyExact(inputs.size(), per)];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).length != per) {
                throw new IllegalArgumentException("input " + i + " has " + inputs.get(i).length + " values; input "
                        + "layer " + model.inputLayer() + " " + model.inputShape() + " takes " + per);
            }
            System.arraycopy(inputs.get(i), 0, batch, i * per, per);
        }
        float[] ours = model.forward(Tensor.of(batch, inputs.size(), per)).data();
        int outPer = ours.length / inputs.size();
        List<float[]> theirs;
        String version;
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(onnx, name)) {
            long[] sample = ort.sampleShape();
            long elements = 1;
            for (long d : sample) {
                elements *= d;
            }
            // a sequence-first model of batch 1 takes one sample as its whole input, steps on its first axis
            if (elements != per && ort.fixedBatch() * elements != per) {
                throw new OnnxException(name + ": its input takes " + Arrays.toString(sample) + " per "
                        + "sample but network " + network.network().name() + " reads " + model.inputShape()
                        + "; compare the network with the model it was imported from");
            }
            theirs = ort.run(inputs);
            version = OnnxRuntimeModel.version();
        }
        double maxDiff = 0;
        double maxOut = 0;
        int worstSample = 0;
        int worstOutput = 0;
        int sameArgmax = 0;
        for (int s = 0; s < inputs.size(); s++) {
            float[] t = theirs.get(s);
            if (t.length != outPer) {
                throw new OnnxException(name + ": gives " + t.length + " outputs per input but output layer "
                        + model.outputLayer() + " of network " + network.network().name() + " gives " + outPer);
            }
            int argOurs = 0;
            int argTheirs = 0;
            for (int o = 0; o < outPer; o++) {
                float mine = ours[s * outPer + o];
                double d = Math.abs((double) t[o] - mine);
                if (!(d <= maxDiff)) { // NaN counts as the worst difference
                    maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                    worstSample = s;
                    worstOutput = o;
                }
                maxOut = Math.max(maxOut, Math.abs(t[o]));
                argOurs = mine > ours[s * outPer + argOurs] ? o : argOurs;
                argTheirs = t[o] > t[argTheirs] ? o : argTheirs;
            }
            if (argOurs == argTheirs) {
                sameArgmax++;
            }
        }
        return new ReferenceReport(inputs.size(), outPer, maxDiff, worstSample, worstOutput, maxOut, sameArgmax,
                ReferenceReport.DEFAULT_TOLERANCE, version);
    }

    /** {@code count} inputs for {@code network}, uniform in [0, 1) from {@code seed}: image-like pixel values. */
    public static List<float[]> randomInputs(AnalyzedNetwork network, int count, long seed) {
        String input = network.order().stream().filter(l -> l.kind() == LayerKind.INPUT)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("network " + network.network().name()
                        + " has no input layer")).name();
        int per = Math.toIntExact(network.shapeOf(input).elements());
        // an input that embeddings read holds token ids: whole numbers below the smallest vocabulary
        long ids = network.order().stream().filter(l -> l.kind() == LayerKind.EMBEDDING
                && l.inputs().get(0).equals(input)).mapToLong(org.cimlang.compiler.ir.Layer::vocabulary).min()
                .orElse(0);
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] x = new float[per];
            for (int j = 0; j < per; j++) {
                x[j] = ids > 0 ? random.nextLong(ids) : (float) random.nextDouble();
            }
            out.add(x);
        }
        return out;
    }
}
