package org.cimlang.compiler.shape;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;

/**
 * Networks built by hand in the IR, as the front end would hand them over: LeNet-5, an MLP, ResNet-18,
 * ResNet-50 (torchvision v1.5: stride on the 3x3 conv) and VGG-16. Every layer's origin is the string
 * {@code "@" + name}, so tests can check where a diagnostic lands.
 */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** The origin the fixtures give a layer. */
    public static String at(String layer) {
        return "@" + layer;
    }

    /** Builds a network layer by layer; each method returns the builder. */
    public static final class Builder {
        private final String name;
        private final List<Layer> layers = new ArrayList<>();

        public Builder(String name) {
            this.name = name;
        }

        public Builder add(Layer.Builder b) {
            layers.add(b.build());
            return this;
        }

        public Builder input(String n, long... dims) {
            return add(Layer.builder(n, LayerKind.INPUT).shape(Shape.of(dims)).origin(at(n)));
        }

        public Builder conv(String n, String from, long filters, long kernel, long stride, long pad) {
            return add(Layer.builder(n, LayerKind.CONV2D).inputs(from).filters(filters).kernel(kernel).stride(stride)
                    .padding(pad).origin(at(n)));
        }

        public Builder convRelu(String n, String from, long filters, long kernel, long stride, long pad) {
            return add(Layer.builder(n, LayerKind.CONV2D).inputs(from).filters(filters).kernel(kernel).stride(stride)
                    .padding(pad).activation(Activation.RELU).origin(at(n)));
        }

        public Builder bn(String n, String from, Activation a) {
            return add(Layer.builder(n, LayerKind.BATCHNORM).inputs(from).activation(a).origin(at(n)));
        }

        public Builder maxpool(String n, String from, long kernel, long stride, long pad) {
            return add(Layer.builder(n, LayerKind.MAXPOOL).inputs(from).kernel(kernel).stride(stride).padding(pad)
                    .origin(at(n)));
        }

        public Builder globalAvgpool(String n, String from) {
            return add(Layer.builder(n, LayerKind.AVGPOOL).inputs(from).global(true).origin(at(n)));
        }

        public Builder flatten(String n, String from) {
            return add(Layer.builder(n, LayerKind.FLATTEN).inputs(from).origin(at(n)));
        }

        public Builder dense(String n, String from, long units, Activation a) {
            return add(Layer.builder(n, LayerKind.DENSE).inputs(from).units(units).activation(a).origin(at(n)));
        }

        public Builder addRelu(String n, String... from) {
            return add(Layer.builder(n, LayerKind.ADD).inputs(from).activation(Activation.RELU).origin(at(n)));
        }

        public Network build() {
            return new Network(name, layers, null, "@" + name);
        }
    }

    /** LeNet-5 as in the language sketch: [1, 28, 28] -> 10. */
    public static Network lenet5() {
        return new Builder("LeNet5").input("image", 1, 28, 28)
                .add(Layer.builder("c1", LayerKind.CONV2D).inputs("image").filters(6).kernel(5).padding(2)
                        .activation(Activation.RELU).origin(at("c1")))
                .maxpool("p1", "c1", 2, 0, 0)
                .add(Layer.builder("c2", LayerKind.CONV2D).inputs("p1").filters(16).kernel(5)
                        .activation(Activation.RELU).origin(at("c2")))
                .maxpool("p2", "c2", 2, 0, 0)
                .flatten("f", "p2")
                .dense("fc1", "f", 120, Activation.RELU)
                .dense("fc2", "fc1", 84, Activation.RELU)
                .dense("out", "fc2", 10, Activation.NONE)
                .build();
    }

    /** One 3x3 convolution g of 64 -> 128 channels in 4 groups on an 8 x 8 image: 144 rows x 32 outputs a group. */
    public static Network grouped() {
        return new Builder("G").input("x", 64, 8, 8)
                .add(Layer.builder("g", LayerKind.CONV2D).inputs("x").filters(128).kernel(3).padding(1).groups(4)
                        .origin("@g"))
                .build();
    }

    /** MLP 784-256-10. */
    public static Network mlp() {
        return new Builder("MLP").input("x", 784).dense("fc1", "x", 256, Activation.RELU)
                .dense("fc2", "fc1", 10, Activation.NONE).build();
    }

    /** ResNet-18 for ImageNet 224x224 (basic blocks [2, 2, 2, 2]). */
    public static Network resnet18() {
        Builder b = stem(new Builder("ResNet18"));
        String x = "pool1";
        long[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < 2; block++) {
                String p = "s" + (stage + 1) + "b" + (block + 1);
                long stride = stage > 0 && block == 0 ? 2 : 1;
                long w = widths[stage];
                b.conv(p + "c1", x, w, 3, stride, 1).bn(p + "n1", p + "c1", Activation.RELU)
                        .conv(p + "c2", p + "n1", w, 3, 1, 1).bn(p + "n2", p + "c2", Activation.NONE);
                String shortcut = x;
                if (stage > 0 && block == 0) {
                    b.conv(p + "d", x, w, 1, stride, 0).bn(p + "dn", p + "d", Activation.NONE);
                    shortcut = p + "dn";
                }
                b.addRelu(p + "add", p + "n2", shortcut);
                x = p + "add";
            }
        }
        return head(b, x, 1000).build();
    }

    /** ResNet-50 for ImageNet 224x224 (bottlenecks [3, 4, 6, 3], expansion 4, stride on the 3x3). */
    public static Network resnet50() {
        Builder b = stem(new Builder("ResNet50"));
        String x = "pool1";
        long[] widths = {64, 128, 256, 512};
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                String p = "s" + (stage + 1) + "b" + (block + 1);
                long stride = stage > 0 && block == 0 ? 2 : 1;
                long w = widths[stage];
                b.conv(p + "c1", x, w, 1, 1, 0).bn(p + "n1", p + "c1", Activation.RELU)
                        .conv(p + "c2", p + "n1", w, 3, stride, 1).bn(p + "n2", p + "c2", Activation.RELU)
                        .conv(p + "c3", p + "n2", 4 * w, 1, 1, 0).bn(p + "n3", p + "c3", Activation.NONE);
                String shortcut = x;
                if (block == 0) {
                    b.conv(p + "d", x, 4 * w, 1, stride, 0).bn(p + "dn", p + "d", Activation.NONE);
                    shortcut = p + "dn";
                }
                b.addRelu(p + "add", p + "n3", shortcut);
                x = p + "add";
            }
        }
        return head(b, x, 1000).build();
    }

    /** VGG-16 for ImageNet 224x224 (13 convs with ReLU, 5 max pools, 3 dense). */
    public static Network vgg16() {
        Builder b = new Builder("VGG16").input("image", 3, 224, 224);
        long[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        String x = "image";
        for (int s = 0; s < stages.length; s++) {
            for (int i = 0; i < stages[s].length; i++) {
                String n = "conv" + (s + 1) + "_" + (i + 1);
                b.convRelu(n, x, stages[s][i], 3, 1, 1);
                x = n;
            }
            b.maxpool("pool" + (s + 1), x, 2, 2, 0);
            x = "pool" + (s + 1);
        }
        return b.flatten("flat", x).dense("fc6", "flat", 4096, Activation.RELU)
                .dense("fc7", "fc6", 4096, Activation.RELU).dense("fc8", "fc7", 1000, Activation.NONE).build();
    }

    private static Builder stem(Builder b) {
        return b.input("image", 3, 224, 224).conv("conv1", "image", 64, 7, 2, 3).bn("bn1", "conv1", Activation.RELU)
                .maxpool("pool1", "bn1", 3, 2, 1);
    }

    private static Builder head(Builder b, String x, long classes) {
        return b.globalAvgpool("gap", x).flatten("flat", "gap").dense("fc", "flat", classes, Activation.NONE);
    }
}
