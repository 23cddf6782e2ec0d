package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.params.ParameterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.WeightTensor;
import org.cimlang.compiler.mapping.LoweredLayer;
import org.cimlang.compiler.mapping.LoweredNetwork;
import org.cimlang.compiler.mapping.WeightLowering;
import org.cimlang.compiler.ptq.ActivationRange;
import org.cimlang.compiler.ptq.AdaRound;
import org.cimlang.compiler.ptq.BiasCorrector;
import org.cimlang.compiler.ptq.WeightRange;
import org.cimlang.compiler.ptq.AffineQuantizer;
import org.cimlang.compiler.ptq.BatchNormFolder;
import org.cimlang.compiler.ptq.BiasQuantizer;
import org.cimlang.compiler.ptq.BinaryQuantizer;
import org.cimlang.compiler.ptq.QuantParams;
import org.cimlang.compiler.ptq.QuantizedTensor;
import org.cimlang.compiler.ptq.RangeCalibrator;
import org.cimlang.compiler.quant.QuantPlan;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.nn.BatchNorm;
import org.cimlang.simulator.nn.ConvGeometry;
import org.cimlang.simulator.nn.FloatModel;
import org.cimlang.simulator.nn.LayerQat;
import org.cimlang.simulator.nn.ElementwiseProduct;
import org.cimlang.simulator.nn.PoolGeometry;
import org.cimlang.simulator.nn.Recurrent;
import org.cimlang.io.Tensor;

/**
 * Post-training quantisation of a float network per its {@link QuantPlan} (DOMAIN.md 3), in this order:
 * <ol>
 * <li>batchnorms that the mapping engine folds ({@link WeightLowering}: a batchnorm reading a conv2d/dense
 * without activation that nothing else reads) are folded into the weights and bias
 * ({@link BatchNormFolder}, eps 1e-5 as the float engine);</li>
 * <li>cross-layer equalisation of the pairs whose weight specs say {@code equalize}
 * ({@link NetworkEqualization}); the float function is unchanged, so everything after sees the equalised
 * parameters;</li>
 * <li>activation ranges: the float model runs over the calibration images and every layer's output
 * (after its activation) feeds a {@link RangeCalibrator}; the layer's spec picks min-max, percentile or
 * MSE. A range trained by quantisation-aware training ({@code <layer>.act_clip}) takes precedence:
 * {@code [0, clip]} for unsigned types, {@code [-clip, clip]} for signed ones. The input layer uses the
 * dataset's DAC codes when it can (see {@link InputNode});</li>
 * <li>weights: per channel or per tensor, symmetric or asymmetric ({@link AffineQuantizer}), binary
 * ({@link BinaryQuantizer}); symmetric weights already on a coarser integer grid keep it
 * ({@link WeightGrid}); otherwise the range is the spec's {@code calibrate} ({@link WeightRange}) and the
 * rounding nearest or, with {@code adaround}, {@link AdaRound}'s on the layer's input moments
 * ({@link LayerInputStatistics}, from the same calibration pass);</li>
 * <li>with {@code biascorrect}, the float bias minus the quantised weights' expected shift
 * ({@link BiasCorrector});</li>
 * <li>int32 biases at {@code s_w s_x} ({@link BiasQuantizer}) and fixed-point requantisers to each
 * layer's output format.</li>
 * </ol>
 */
public final class NetworkQuantizer {
    /** Calibration images per float forward pass. */
    static final int CALIBRATION_BATCH = 64;

    private NetworkQuantizer() {
    }

    /**
     * Quantises the network.
     *
     * @param parameters  trained float parameters (checked; a problem throws
     *                    {@link org.cimlang.compiler.params.ParameterException})
     * @param calibration images the activation ranges are calibrated on (at least one)
     * @param inputCodes  what the dataset did to the pixels
     */
    public static QuantizedNetwork quantize(AnalyzedNetwork network, QuantPlan plan, Map<String, Tensor> parameters,
            float[][] calibration, InputCodes inputCodes) {
        if (calibration.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one image");
        }
        // equalisation keeps the float function, so the ranges are calibrated on the equalised network
        Map<String, Tensor> params = NetworkEqualization.apply(network, plan, parameters);
        FloatModel model = FloatModel.of(network, params);
        LoweredNetwork lowered = WeightLowering.lower(network, plan);
        Map<String, LoweredLayer> crossbar = new HashMap<>();
        Map<String, String> foldedInto = new HashMap<>();
        for (LoweredLayer l : lowered.crossbar()) {
            crossbar.put(l.layer(), l);
            if (l.foldedBatchnorm() != null) {
                foldedInto.put(l.foldedBatchnorm(), l.layer());
            }
        }
        Map<String, LayerInputStatistics> inputStats = new HashMap<>();
        Map<String, ActivationRange> ranges = calibrate(model, network, plan, params, calibration, inputStats);
        Map<String, ActivationFormat> formats = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        List<QNode> nodes = new ArrayList<>();
        int inputNode = -1;
        Map<String, Long> tokenIds = tokenIdInputs(network);
        for (Layer l : network.order()) {
            int i = nodes.size();
            int[] shape = ints(network.shapeOf(l.name()));
            ActivationFormat out = tokenIds.containsKey(l.name()) ? tokenIdFormat(l, plan, tokenIds.get(l.name()))
                    : format(l, plan, ranges, inputCodes);
            formats.put(l.name(), out);
            QNode node;
            if (l.kind().spec().declaresShape()) {
                node = new InputNode(i, l, shape, out);
                inputNode = i;
            } else if (l.kind().hasCrossbarWeights()) {
                LoweredLayer low = crossbar.get(l.name());
                Layer bn = low.foldedBatchnorm() == null ? null : network.layerNamed(low.foldedBatchnorm());
                ActivationFormat result = bn == null ? out : format(bn, plan, ranges, inputCodes);
                node = matrix(i, l, bn, network, plan, params, index.get(l.inputs().get(0)),
                        formats.get(l.inputs().get(0)), shape, result, low.activation(), inputStats.get(l.name()));
            } else if (foldedInto.containsKey(l.name())) {
                QNode source = nodes.get(index.get(foldedInto.get(l.name())));
                node = new AliasNode(i, l, source.index, shape, source.output);
                formats.put(l.name(), source.output);
            } else {
                node = digital(i, l, network, params, index, formats, nodes, shape, out);
            }
            index.put(l.name(), i);
            nodes.add(node);
        }
        int outputNode = -1;
        for (QNode q : nodes) {
            boolean read = false;
            for (QNode r : nodes) {
                for (int in : r.inputs) {
                    read |= in == q.index;
                }
            }
            if (!read) {
                outputNode = q.index;
            }
        }
        return new QuantizedNetwork(network.network().name(), nodes, inputNode, outputNode);
    }

    /**
     * Activation ranges, and into {@code inputStats} the input statistics of every conv2d/dense whose weights
     * ask for bias correction or AdaRound, from one float pass over the calibration images.
     */
    private static Map<String, ActivationRange> calibrate(FloatModel model, AnalyzedNetwork network, QuantPlan plan,
            Map<String, Tensor> parameters, float[][] images, Map<String, LayerInputStatistics> inputStats) {
        Map<String, RangeCalibrator> calibrators = new HashMap<>();
        for (Layer l : network.order()) {
            if (!plan.of(l.name()).activations().type().binary() && clip(parameters, l.name()) == null) {
                calibrators.put(l.name(), new RangeCalibrator());
            }
            QuantSpec ws = plan.of(l.name()).weights();
            boolean adaround = ws.steps().adaround() && !ws.type().binary();
            if (l.kind().hasCrossbarWeights() && (adaround || ws.steps().biasCorrect())) {
                if (l.kind().recurrent()) {
                    throw new IllegalArgumentException("layer '" + l.name() + "': adaround and biascorrect fit a "
                            + "layer to its input statistics, but an " + l.kind().keyword() + "'s stacked input holds "
                            + "its own state, which changes with the weights: quantise its weights without them");
                }
                Tensor w = parameters.get(l.name() + ".weight");
                ConvGeometry conv = l.kind() == LayerKind.CONV2D ? convGeometry(l, network) : null;
                int k = w.size() / w.dim(0);
                Shape in = network.inputShapesOf(l.name()).get(0);
                int tokens = l.kind() == LayerKind.DENSE && in.rank() == 2 ? (int) in.dim(0) : 1;
                inputStats.put(l.name(), new LayerInputStatistics(conv, k, tokens, adaround, l.name()));
            }
        }
        int per = images[0].length;
        for (int from = 0; from < images.length; from += CALIBRATION_BATCH) {
            int n = Math.min(CALIBRATION_BATCH, images.length - from);
            float[] x = new float[n * per];
            for (int b = 0; b < n; b++) {
                if (images[from + b].length != per) {
                    throw new IllegalArgumentException("calibration image " + (from + b) + " has "
                            + images[from + b].length + " values, expected " + per);
                }
                System.arraycopy(images[from + b], 0, x, b * per, per);
            }
            Map<String, Tensor> all = model.forwardAll(Tensor.of(x, n, per));
            for (Map.Entry<String, RangeCalibrator> e : calibrators.entrySet()) {
                e.getValue().observe(all.get(e.getKey()).data());
            }
            for (Map.Entry<String, LayerInputStatistics> e : inputStats.entrySet()) {
                e.getValue().observe(all.get(network.layerNamed(e.getKey()).inputs().get(0)).data(), n);
            }
        }
        Map<String, ActivationRange> ranges = new HashMap<>();
        for (Layer l : network.order()) {
            QuantSpec a = plan.of(l.name()).activations();
            Float c = clip(parameters, l.name());
            if (c != null) {
                ranges.put(l.name(), new ActivationRange(a.type().signed() ? -c : 0, c));
            } else if (calibrators.containsKey(l.name())) {
                CalibrationMethod m = a.calibration();
                ranges.put(l.name(), calibrators.get(l.name()).range(m, a.percentile(), a.type(),
                        Boolean.TRUE.equals(a.symmetric())));
            }
        }
        return ranges;
    }

    /** The layers whose outputs embeddings read as token ids, with the largest vocabulary reading each. */
    private static Map<String, Long> tokenIdInputs(AnalyzedNetwork network) {
        Map<String, Long> ids = new HashMap<>();
        for (Layer l : network.order()) {
            if (l.kind() == LayerKind.EMBEDDING) {
                Layer source = network.layerNamed(l.inputs().get(0));
                if (source.kind() != LayerKind.INPUT) {
                    throw new IllegalArgumentException("layer '" + l.name() + "' reads token ids from '"
                            + source.name() + "', a " + source.kind().keyword() + " layer; on the integer path only the "
                            + "network's input holds whole ids: read them from the input");
                }
                ids.merge(source.name(), l.vocabulary(), Math::max);
            }
        }
        return ids;
    }

    /** Token ids as they are: scale 1, zero point 0, as many codes as the input's type holds from 0 up. */
    private static ActivationFormat tokenIdFormat(Layer l, QuantPlan plan, long vocabulary) {
        NumberType t = plan.of(l.name()).activations().type();
        int qmax = t.binary() ? 0 : AffineQuantizer.qmax(t, false);
        if (t.binary() || qmax < vocabulary - 1) {
            throw new IllegalArgumentException("input '" + l.name() + "' holds token ids up to " + (vocabulary - 1)
                    + ", which its " + t + " activations cannot hold (largest code " + qmax + "): give it a wider "
                    + "type, e.g. 'layer " + l.name() + " activations uint16'");
        }
        return new ActivationFormat(t, QuantParams.perTensor(1.0, 0, 0, qmax));
    }

    /** A quantisation-aware training clip kept with the parameters, or null. */
    private static Float clip(Map<String, Tensor> parameters, String layer) {
        Tensor t = parameters.get(LayerQat.clipName(layer));
        if (t == null || t.size() != 1 || !Float.isFinite(t.data()[0]) || !(t.data()[0] > 0)) {
            return null;
        }
        return t.data()[0];
    }

    private static ActivationFormat format(Layer l, QuantPlan plan, Map<String, ActivationRange> ranges,
            InputCodes inputCodes) {
        QuantSpec a = plan.of(l.name()).activations();
        NumberType t = a.type();
        if (t.binary()) {
            return ActivationFormat.binary();
        }
        if (l.kind() == LayerKind.INPUT && inputCodes.bits() > 0 && !inputCodes.normalised() && !t.signed()
                && t.bits() >= inputCodes.bits()) {
            int levels = (1 << inputCodes.bits()) - 1;
            return new ActivationFormat(t, QuantParams.perTensor(1.0 / levels, 0, 0, AffineQuantizer.qmax(t, false)));
        }
        return new ActivationFormat(t, AffineQuantizer.activationParams(ranges.get(l.name()), t,
                Boolean.TRUE.equals(a.symmetric())));
    }

    private static MatrixNode matrix(int i, Layer l, Layer bn, AnalyzedNetwork network, QuantPlan plan,
            Map<String, Tensor> parameters, int inputNode, ActivationFormat in, int[] shape, ActivationFormat out,
            Activation activation, LayerInputStatistics stats) {
        Tensor wt = parameters.get(l.name() + ".weight");
        Tensor bt = parameters.get(l.name() + ".bias");
        float[] w = wt.data();
        float[] b = l.bias() && bt != null ? bt.data() : null;
        int outputs = wt.dim(0);
        int k = wt.size() / outputs;
        if (l.kind().recurrent()) {
            int hidden = Math.toIntExact(l.units());
            int steps = Math.toIntExact(network.inputShapesOf(l.name()).get(0).dim(0));
            int features = k - hidden;
            w = Recurrent.crossbarMatrix(l.kind(), w, features, hidden);
            outputs = 4 * hidden;
            RecurrentCell cell = new RecurrentCell(l.kind(), features, hidden, l.last(), in);
            return recurrentMatrix(i, l, plan, w, b, outputs, k, inputNode, stackedFormat(l, in, out), shape, out,
                    steps, cell);
        }
        int[] shape2 = {outputs, k};
        if (bn != null) {
            BatchNormFolder f = BatchNormFolder.fold(w, shape2, b, parameters.get(bn.name() + ".weight").data(),
                    parameters.get(bn.name() + ".bias").data(), parameters.get(bn.name() + ".running_mean").data(),
                    parameters.get(bn.name() + ".running_var").data(), BatchNorm.EPS);
            w = f.weight();
            b = f.bias();
        }
        QuantSpec ws = plan.of(l.name()).weights();
        NumberType type = ws.type();
        boolean symmetric = !Boolean.FALSE.equals(ws.symmetric());
        float[] folded = w;
        int rows = outputs;
        QuantizedTensor q = quantizedWeights(l, ws, folded, shape2, () -> {
            QuantParams grid = symmetric && type.signed() ? WeightGrid.detect(folded, shape2, ws.granularity(),
                    AffineQuantizer.qmin(type, true), AffineQuantizer.qmax(type, true)) : null;
            QuantParams wp = grid != null ? grid : WeightRange.params(folded, shape2, type, symmetric, ws.granularity(),
                    ws.calibration(), ws.percentile());
            int[] codes = grid == null && ws.steps().adaround()
                    ? adaround(folded, rows, k, wp, stats, groupsOf(l)) : AffineQuantizer.quantize(folded, shape2, wp);
            return new QuantizedTensor(codes, shape2, wp);
        });
        if (ws.steps().biasCorrect()) {
            b = BiasCorrector.correct(b, w, AffineQuantizer.dequantize(q.values(), shape2, q.params()), outputs,
                    stats.mean());
        }
        QuantParams p = q.params();
        int[] zero = zeroPoints(p, outputs);
        double[] scale = scales(p, outputs);
        long[] bias = quantizedBias(l, b, p, in.scale(), outputs);
        ConvGeometry conv = null;
        int groups = 1;
        // a dense layer on a [T, N] sequence makes T products per image
        int pixels = l.kind() == LayerKind.DENSE ? shape.length == 2 ? shape[0] : 1 : 1;
        if (l.kind() == LayerKind.CONV2D) {
            conv = convGeometry(l, network);
            groups = (int) l.groups();
            pixels = conv.outPixels();
            if (in.isBinary() && (l.padH() > 0 || l.padW() > 0)) {
                throw new IllegalArgumentException("layer '" + l.name() + "' pads a binary input: zero padding has no "
                        + "+-1 code; give the layer padding 0 or quantise its input to an integer type");
            }
        }
        return new MatrixNode(i, l, inputNode, shape, out, conv, groups, k, outputs / groups, pixels, q.values(), zero,
                scale, bias, in, activation, type, bn == null ? null : bn.name());
    }

    /**
     * The format of an lstm/gru's stacked input {@code [x_t; h_(t-1)]}: one signed symmetric grid of the input's
     * bits over the larger of the input's and the state's ranges (one DAC code for both halves of the vector).
     */
    private static ActivationFormat stackedFormat(Layer l, ActivationFormat x, ActivationFormat h) {
        if (x.isBinary() || h.isBinary()) {
            throw new IllegalArgumentException("layer '" + l.name() + "': an " + l.kind().keyword() + " reads its "
                    + "input and its own state through the same arrays and needs integer types for both; give it and "
                    + "its input integer activations");
        }
        double range = Math.max(Math.max(Math.abs(x.dequantize(x.qmin())), Math.abs(x.dequantize(x.qmax()))),
                Math.max(Math.abs(h.dequantize(h.qmin())), Math.abs(h.dequantize(h.qmax()))));
        NumberType type = NumberType.signed(Math.max(2, x.type().bits()));
        return new ActivationFormat(type, AffineQuantizer.activationParams(new ActivationRange(-range, range), type,
                true));
    }

    /** An lstm/gru: the crossbar matrix's codes per column, the bias at the stacked input's scale. */
    private static MatrixNode recurrentMatrix(int i, Layer l, QuantPlan plan, float[] w, float[] b, int outputs, int k,
            int inputNode, ActivationFormat in, int[] shape, ActivationFormat out, int steps, RecurrentCell cell) {
        int[] shape2 = {outputs, k};
        QuantSpec ws = plan.of(l.name()).weights();
        NumberType type = ws.type();
        boolean symmetric = !Boolean.FALSE.equals(ws.symmetric());
        QuantizedTensor q = quantizedWeights(l, ws, w, shape2, () -> {
            QuantParams wp = WeightRange.params(w, shape2, type, symmetric, ws.granularity(), ws.calibration(),
                    ws.percentile());
            return new QuantizedTensor(AffineQuantizer.quantize(w, shape2, wp), shape2, wp);
        });
        QuantParams p = q.params();
        int[] zero = zeroPoints(p, outputs);
        double[] scale = scales(p, outputs);
        long[] bias = quantizedBias(l, b, p, in.scale(), outputs);
        return new MatrixNode(i, l, inputNode, shape, out, null, 1, k, outputs, steps, q.values(), zero, scale, bias,
                in, Activation.NONE, type, null, cell);
    }

    /**
     * A matrix's weights as its spec asks: binarised for a binary type, else on the affine grid {@code affine}
     * computes (which differs between the dense/conv path and the recurrent one). A grid the type cannot hold
     * becomes an error naming the layer.
     */
    private static QuantizedTensor quantizedWeights(Layer l, QuantSpec ws, float[] w, int[] shape,
            java.util.function.Supplier<QuantizedTensor> affine) {
        try {
            return ws.type().binary() ? BinaryQuantizer.binarize(w, shape, ws.granularity()) : affine.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + l.name() + "': cannot quantise the weights to "
                    + ws.type() + ": " + e.getMessage(), e);
        }
    }

    /** AdaRound per group of outputs, each with its own input moments. */
    private static int[] adaround(float[] w, int outputs, int k, QuantParams p, LayerInputStatistics stats,
            int groups) {
        int perGroup = outputs / groups;
        int[] codes = new int[w.length];
        for (int g = 0; g < groups; g++) {
            float[] part = java.util.Arrays.copyOfRange(w, g * perGroup * k, (g + 1) * perGroup * k);
            AdaRound.Result r = AdaRound.round(part, perGroup, p, g * perGroup, stats.gram(g),
                    AdaRound.Settings.forLayer(perGroup, k));
            System.arraycopy(r.codes(), 0, codes, g * perGroup * k, part.length);
        }
        return codes;
    }

    private static int groupsOf(Layer l) {
        return l.kind() == LayerKind.CONV2D ? (int) l.groups() : 1;
    }

    private static ConvGeometry convGeometry(Layer l, AnalyzedNetwork network) {
        int[] s = ints(network.inputShapesOf(l.name()).get(0));
        return new ConvGeometry(s[0], s[1], s[2], (int) l.filters(), (int) l.kernelH(), (int) l.kernelW(),
                (int) l.effectiveStrideH(), (int) l.effectiveStrideW(), (int) l.padH(), (int) l.padW(),
                (int) l.groups());
    }

    private static DigitalNode digital(int i, Layer l, AnalyzedNetwork network, Map<String, Tensor> parameters,
            Map<String, Integer> index, Map<String, ActivationFormat> formats, List<QNode> nodes, int[] shape,
            ActivationFormat out) {
        int[] inputs = new int[l.inputs().size()];
        int[] sizes = new int[inputs.length];
        ActivationFormat[] inFormats = new ActivationFormat[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = index.get(l.inputs().get(k));
            sizes[k] = nodes.get(inputs[k]).size;
            inFormats[k] = formats.get(l.inputs().get(k));
        }
        PoolGeometry pool = null;
        List<WeightTensor> kindTensors = l.kind().spec().tensors();
        float[][] tensors = new float[kindTensors.size()][];
        for (int k = 0; k < tensors.length; k++) {
            WeightTensor t = kindTensors.get(k);
            tensors[k] = t.presentIn(l) ? parameters.get(t.nameIn(l)).data() : null;
        }
        int outer = 0;
        int[] inner = null;
        ElementwiseProduct product = null;
        switch (l.kind()) {
            case MUL -> {
                List<Shape> in = network.inputShapesOf(l.name());
                int[][] inShapes = new int[in.size()][];
                for (int k = 0; k < inShapes.length; k++) {
                    inShapes[k] = ints(in.get(k));
                }
                product = ElementwiseProduct.of(inShapes, shape);
            }
            case MAXPOOL, AVGPOOL -> {
                int[] s = ints(network.inputShapesOf(l.name()).get(0));
                pool = l.global() ? PoolGeometry.global(s[0], s[1], s[2])
                        : new PoolGeometry(s[0], s[1], s[2], (int) l.kernelH(), (int) l.kernelW(),
                                (int) l.effectiveStrideH(), (int) l.effectiveStrideW(), (int) l.padH(), (int) l.padW(), l.ceil());
            }
            case CONCAT -> {
                outer = 1;
                for (int d = 0; d < l.axis(); d++) {
                    outer *= shape[d];
                }
                inner = new int[inputs.length];
                for (int k = 0; k < inputs.length; k++) {
                    inner[k] = sizes[k] / outer;
                }
            }
            default -> {
                // element-wise or reshaping: sizes suffice
            }
        }
        int[][] operandShapes = null;
        if (l.kind() == LayerKind.MATMUL || l.kind() == LayerKind.TRANSPOSE) {
            List<Shape> in = network.inputShapesOf(l.name());
            operandShapes = new int[in.size()][];
            for (int k = 0; k < in.size(); k++) {
                operandShapes[k] = ints(in.get(k));
            }
        }
        return new DigitalNode(i, l, inputs, sizes, inFormats, shape, out, pool, tensors, outer, inner, product,
                operandShapes);
    }

    private static int[] ints(Shape s) {
        int[] d = new int[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.toIntExact(s.dim(i));
        }
        return d;
    }

    private static int[] zeroPoints(QuantParams p, int outputs) {
        int[] zero = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            zero[o] = p.zeroPoint(o);
        }
        return zero;
    }

    private static double[] scales(QuantParams p, int outputs) {
        double[] scale = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            scale[o] = p.scale(o);
        }
        return scale;
    }

    /** The bias in the accumulator's units (weight scale x input scale); zeros without one. */
    private static long[] quantizedBias(Layer l, float[] b, QuantParams p, double inputScale, int outputs) {
        long[] bias = new long[outputs];
        if (b == null) {
            return bias;
        }
        int[] qb;
        try {
            qb = BiasQuantizer.quantize(b, p, inputScale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + l.name() + "': " + e.getMessage(), e);
        }
        for (int o = 0; o < outputs; o++) {
            bias[o] = qb[o];
        }
        return bias;
    }
}
