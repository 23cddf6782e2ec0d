package org.cimlang.compiler.ir;

import java.util.List;
import java.util.Objects;

/**
 * One layer of a network as written, before shape inference.
 *
 * <p>Attributes that do not apply to a kind keep their defaults. Defaults: stride 1 for conv2d and
 * the kernel size for pooling (the builder leaves {@code strideH/strideW} at 0 meaning "default"),
 * padding 0, groups 1, bias true, activation NONE, concat axis 0 (channels).
 *
 * @param name       the layer's name, unique in its network
 * @param kind       what the layer computes
 * @param inputs     names of the layers it reads (empty for INPUT)
 * @param inputShape the bracketed list after the inputs: the declared shape of an input, the target shape of a
 *                   reshape, the permutation of a transpose (else null)
 * @param filters    conv2d output channels
 * @param units      dense output features
 * @param kernelH    conv2d/pool kernel height
 * @param kernelW    conv2d/pool kernel width
 * @param strideH    0 = the kind's default
 * @param strideW    0 = the kind's default
 * @param padH       zero padding added on both top and bottom
 * @param padW       zero padding added on both left and right
 * @param groups     conv2d groups (1 = dense convolution, = Cin for depthwise)
 * @param bias       conv2d/dense have a bias
 * @param global     pooling over the whole spatial extent
 * @param ceil       max pooling rounds its output size up (PyTorch's ceil_mode): a last, partial window at
 *                   the border
 * @param axis       concat axis (0 = channels)
 * @param last       lstm/gru output only the last step's state [H] instead of every step's [T, H]
 * @param vocabulary embedding: the number of token ids (rows of its table)
 * @param dim        embedding: the size of each token's vector
 * @param activation applied after the layer's operation
 * @param origin     where it was written (opaque to the compiler)
 */
public record Layer(String name, LayerKind kind, List<String> inputs, Shape inputShape, long filters, long units,
        long kernelH, long kernelW, long strideH, long strideW, long padH, long padW, long groups, boolean bias,
        boolean global, boolean ceil, int axis, boolean last, long vocabulary, long dim, Activation activation,
        Object origin) {

    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
        activation = activation == null ? Activation.NONE : activation;
    }

    /** The stride actually used: explicit, else the kind's default (1 for conv2d, the kernel for pooling). */
    public long effectiveStrideH() {
        return strideH > 0 ? strideH : stridesByKernel() ? kernelH : 1;
    }

    public long effectiveStrideW() {
        return strideW > 0 ? strideW : stridesByKernel() ? kernelW : 1;
    }

    /** Whether the stride is the kind's default: a written stride equal to it is no different. */
    public boolean hasDefaultStride() {
        return effectiveStrideH() == (stridesByKernel() ? kernelH : 1)
                && effectiveStrideW() == (stridesByKernel() ? kernelW : 1);
    }

    private boolean stridesByKernel() {
        return kind.spec().defaultStride() == LayerKindSpec.DefaultStride.KERNEL;
    }

    /** A transpose's permutation: output axis i is input axis {@code permutation()[i]}; empty without one. */
    public int[] permutation() {
        if (inputShape == null) {
            return new int[0];
        }
        int[] p = new int[inputShape.rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, inputShape.dim(i)));
        }
        return p;
    }

    /** Whether the digital units apply {@link #activation} to the result of the layer's own operation. */
    public boolean hasActivationAfterOperation() {
        return activation != Activation.NONE && kind.spec().activationFollowsOperation();
    }

    public static Builder builder(String name, LayerKind kind) {
        return new Builder(name, kind);
    }

    /** Mutable only while building; produces an immutable {@link Layer}. */
    public static final class Builder {
        private final String name;
        private final LayerKind kind;
        private List<String> inputs = List.of();
        private Shape inputShape;
        private long filters;
        private long units;
        private long kernelH;
        private long kernelW;
        private long strideH;
        private long strideW;
        private long padH;
        private long padW;
        private long groups = 1;
        private boolean bias = true;
        private boolean global;
        private boolean ceil;
        private int axis;
        private boolean last;
        private long vocabulary;
        private long dim;
        private Activation activation = Activation.NONE;
        private Object origin;

        private Builder(String name, LayerKind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Builder inputs(String... names) {
            this.inputs = List.of(names);
            return this;
        }

        public Builder inputs(List<String> names) {
            this.inputs = List.copyOf(names);
            return this;
        }

        public Builder shape(Shape s) {
            this.inputShape = s;
            return this;
        }

        public Builder filters(long v) {
            this.filters = v;
            return this;
        }

        public Builder units(long v) {
            this.units = v;
            return this;
        }

        public Builder kernel(long h, long w) {
            this.kernelH = h;
            this.kernelW = w;
            return this;
        }

        public Builder kernel(long k) {
            return kernel(k, k);
        }

        public Builder stride(long h, long w) {
            this.strideH = h;
            this.strideW = w;
            return this;
        }

        public Builder stride(long s) {
            return stride(s, s);
        }

        public Builder padding(long h, long w) {
            this.padH = h;
            this.padW = w;
            return this;
        }

        public Builder padding(long p) {
            return padding(p, p);
        }

        public Builder groups(long v) {
            this.groups = v;
            return this;
        }

        public Builder bias(boolean v) {
            this.bias = v;
            return this;
        }

        public Builder ceil(boolean v) {
            this.ceil = v;
            return this;
        }

        public Builder global(boolean v) {
            this.global = v;
            return this;
        }

        public Builder axis(int v) {
            this.axis = v;
            return this;
        }

        public Builder last(boolean v) {
            this.last = v;
            return this;
        }

        public Builder vocabulary(long v) {
            this.vocabulary = v;
            return this;
        }

        public Builder dim(long v) {
            this.dim = v;
            return this;
        }

        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        public Builder origin(Object o) {
            this.origin = o;
            return this;
        }

        public Layer build() {
            return new Layer(name, kind, inputs, inputShape, filters, units, kernelH, kernelW, strideH, strideW, padH,
                    padW, groups, bias, global, ceil, axis, last, vocabulary, dim, activation, origin);
        }
    }
}
