package org.cimlang.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.simulator.nn.ParameterInit;
import org.cimlang.io.Tensor;

/** Small networks of each kind the importer must bring back, with seeded parameters. */
final class TestNetworks {
    private TestNetworks() {
    }

    static Network mlp() {
        return new Network("Mlp", List.of(
                Layer.builder("pixels", LayerKind.INPUT).shape(Shape.of(64)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("pixels").units(32).activation(Activation.RELU).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("fc1").units(16).activation(Activation.TANH).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("fc2").units(10).bias(false).build()), null, null);
    }

    /** LeNet-like: padded convolution, max and average pooling, flatten, dense layers. */
    static Network lenet() {
        return new Network("LeNet", List.of(
                Layer.builder("image", LayerKind.INPUT).shape(Shape.of(1, 16, 16)).build(),
                Layer.builder("c1", LayerKind.CONV2D).inputs("image").filters(6).kernel(5).padding(2)
                        .activation(Activation.RELU).build(),
                Layer.builder("p1", LayerKind.MAXPOOL).inputs("c1").kernel(2).build(),
                Layer.builder("c2", LayerKind.CONV2D).inputs("p1").filters(8).kernel(3).activation(Activation.SIGMOID)
                        .build(),
                Layer.builder("p2", LayerKind.AVGPOOL).inputs("c2").kernel(2).build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("p2").build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("f").units(24).activation(Activation.RELU).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("fc1").units(10).build()), null, null);
    }

    /** A ResNet basic block with a strided 1x1 shortcut, batchnorms, a residual add and global pooling. */
    static Network resnetBlock() {
        return new Network("ResBlock", List.of(
                Layer.builder("image", LayerKind.INPUT).shape(Shape.of(3, 12, 12)).build(),
                Layer.builder("conv1", LayerKind.CONV2D).inputs("image").filters(8).kernel(3).padding(1).bias(false)
                        .build(),
                Layer.builder("bn1", LayerKind.BATCHNORM).inputs("conv1").activation(Activation.RELU).build(),
                Layer.builder("pool", LayerKind.MAXPOOL).inputs("bn1").kernel(3).stride(2).padding(1).build(),
                Layer.builder("layer1_0_conv1", LayerKind.CONV2D).inputs("pool").filters(16).kernel(3).stride(2)
                        .padding(1).bias(false).build(),
                Layer.builder("layer1_0_bn1", LayerKind.BATCHNORM).inputs("layer1_0_conv1").activation(Activation.RELU)
                        .build(),
                Layer.builder("layer1_0_conv2", LayerKind.CONV2D).inputs("layer1_0_bn1").filters(16).kernel(3)
                        .padding(1).bias(false).build(),
                Layer.builder("layer1_0_bn2", LayerKind.BATCHNORM).inputs("layer1_0_conv2").build(),
                Layer.builder("layer1_0_downsample_0", LayerKind.CONV2D).inputs("pool").filters(16).kernel(1)
                        .stride(2).bias(false).build(),
                Layer.builder("layer1_0_downsample_1", LayerKind.BATCHNORM).inputs("layer1_0_downsample_0").build(),
                Layer.builder("layer1_0_add", LayerKind.ADD).inputs("layer1_0_bn2", "layer1_0_downsample_1")
                        .activation(Activation.RELU).build(),
                Layer.builder("gap", LayerKind.AVGPOOL).inputs("layer1_0_add").global(true).build(),
                Layer.builder("flat", LayerKind.FLATTEN).inputs("gap").build(),
                Layer.builder("fc", LayerKind.DENSE).inputs("flat").units(10).build()), null, null);
    }

    /** Two branches (a grouped convolution and a depthwise one) joined by a channel concat, then softmax. */
    static Network concat() {
        return new Network("Branches", List.of(
                Layer.builder("image", LayerKind.INPUT).shape(Shape.of(4, 8, 8)).build(),
                Layer.builder("a", LayerKind.CONV2D).inputs("image").filters(6).kernel(3).padding(1).groups(2)
                        .activation(Activation.RELU).build(),
                Layer.builder("b", LayerKind.CONV2D).inputs("image").filters(4).kernel(3, 1).padding(1, 0).groups(4)
                        .build(),
                Layer.builder("act", LayerKind.ACTIVATION).inputs("b").activation(Activation.TANH).build(),
                Layer.builder("joined", LayerKind.CONCAT).inputs("a", "act").build(),
                Layer.builder("avg", LayerKind.AVGPOOL).inputs("joined").kernel(3).stride(2).padding(1).build(),
                Layer.builder("flat", LayerKind.FLATTEN).inputs("avg").build(),
                Layer.builder("bnf", LayerKind.BATCHNORM).inputs("flat").build(),
                Layer.builder("logits", LayerKind.DENSE).inputs("bnf").units(5).build(),
                Layer.builder("probs", LayerKind.SOFTMAX).inputs("logits").build()), null, null);
    }

    /** A binary network's shape: sign activations on a dense layer and a standalone one. */
    static Network binary() {
        return new Network("Binary", List.of(
                Layer.builder("pixels", LayerKind.INPUT).shape(Shape.of(20)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("pixels").units(12).activation(Activation.SIGN).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("fc1").units(8).bias(false).build(),
                Layer.builder("bn", LayerKind.BATCHNORM).inputs("fc2").build(),
                Layer.builder("s", LayerKind.ACTIVATION).inputs("bn").activation(Activation.SIGN).build(),
                Layer.builder("out", LayerKind.DENSE).inputs("s").units(4).build()), null, null);
    }

    static AnalyzedNetwork analyse(Network n) {
        return NetworkAnalysis.analyze(n);
    }

    /**
     * PyTorch's initialisation from {@code seed}, with batchnorm parameters and statistics drawn too
     * (their defaults 1, 0, 0, 1 would make batchnorm the identity and hide layout mistakes).
     */
    static Map<String, Tensor> parameters(AnalyzedNetwork net, long seed) {
        Map<String, Tensor> p = new LinkedHashMap<>(ParameterInit.kaimingUniform(net, seed));
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Layer l : net.order()) {
            if (l.kind() != LayerKind.BATCHNORM) {
                continue;
            }
            for (String suffix : List.of("weight", "bias", "running_mean", "running_var")) {
                String name = l.name() + "." + suffix;
                float[] d = p.get(name).data().clone();
                for (int i = 0; i < d.length; i++) {
                    d[i] = switch (suffix) {
                        case "weight" -> (float) (0.5 + r.nextDouble());
                        case "running_var" -> (float) (0.2 + r.nextDouble());
                        default -> (float) (r.nextDouble() - 0.5);
                    };
                }
                p.put(name, Tensor.of(d, p.get(name).shape()));
            }
        }
        return p;
    }
}
