package org.cimlang.compiler.shape;

import static org.cimlang.compiler.ir.DiagnosticCodes.ADD_SHAPE_MISMATCH;
import static org.cimlang.compiler.ir.DiagnosticCodes.CONCAT_AXIS;
import static org.cimlang.compiler.ir.DiagnosticCodes.CONCAT_MISMATCH;
import static org.cimlang.compiler.ir.DiagnosticCodes.DENSE_NOT_FLAT;
import static org.cimlang.compiler.ir.DiagnosticCodes.GROUPS_NOT_DIVIDING;
import static org.cimlang.compiler.ir.DiagnosticCodes.INPUT_COUNT;
import static org.cimlang.compiler.ir.DiagnosticCodes.KERNEL_TOO_LARGE;
import static org.cimlang.compiler.ir.DiagnosticCodes.MATMUL_MISMATCH;
import static org.cimlang.compiler.ir.DiagnosticCodes.RESHAPE_INVALID;
import static org.cimlang.compiler.ir.DiagnosticCodes.SHAPE_RANK;
import static org.cimlang.compiler.ir.DiagnosticCodes.SIZE_NOT_POSITIVE;
import static org.cimlang.compiler.ir.DiagnosticCodes.SIZE_OVERFLOW;

import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.InputArity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;

/**
 * The shape rule of every layer kind. Shapes exclude the batch: [C, H, W] or [N].
 *
 * <p>Conv2d and pooling: {@code out = floor((in + 2*pad - kernel) / stride) + 1}. With non-negative
 * padding that is positive exactly when the kernel fits the padded input, so "kernel larger than its
 * padded input" is the one diagnostic for a non-positive output size.
 */
final class ShapeRules {
    private final List<Diagnostic> diagnostics;

    ShapeRules(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Infers the layer's shape and MACs into the maps if its inputs are known and it is well formed. */
    void infer(Layer l, Map<String, Shape> shapes, Map<String, Long> macs) {
        Shape[] in = new Shape[l.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = shapes.get(l.inputs().get(i));
            if (in[i] == null) {
                return; // the producer's own error explains it; do not pile up follow-on errors
            }
        }
        if (!inputCountFits(l, in)) {
            return;
        }
        try {
            Shape out = switch (l.kind()) {
                case INPUT -> input(l, in);
                case CONV2D -> conv2d(l, in);
                case DENSE -> dense(l, in);
                case MAXPOOL, AVGPOOL -> pool(l, in);
                case FLATTEN -> Shape.of(in[0].elements());
                case BATCHNORM, LAYERNORM, ACTIVATION, SOFTMAX -> in[0];
                case ADD -> add(l, in);
                case MUL -> mul(l, in);
                case CONCAT -> concat(l, in);
                case MATMUL -> matmul(l, in);
                case RESHAPE -> reshape(l, in);
                case TRANSPOSE -> transpose(l, in);
                case LSTM, GRU -> recurrent(l, in);
                case EMBEDDING -> embedding(l, in);
            };
            if (out == null) {
                return;
            }
            out.elements(); // overflow check of the output size
            macs.put(l.name(), macsOf(l, in, out));
            shapes.put(l.name(), out);
        } catch (ArithmeticException e) {
            diagnostics.add(Diagnostic.error(SIZE_OVERFLOW,
                    "sizes of " + l.kind().keyword() + " " + l.name()
                            + " overflow a 64-bit count (elements or multiply-accumulates): check its dimensions",
                    l.origin(), featureOfSize(l.kind()), l.name()));
        }
    }

    private static String featureOfSize(LayerKind kind) {
        return switch (kind) {
            case INPUT -> "shape";
            case CONV2D -> "filters";
            case DENSE, LSTM, GRU -> "units";
            case MAXPOOL, AVGPOOL -> "kernel";
            case EMBEDDING -> "vocabulary";
            default -> "from";
        };
    }

    private static long macsOf(Layer l, Shape[] in, Shape out) {
        if (l.kind() == LayerKind.CONV2D) {
            long cinPerGroup = in[0].dim(0) / l.groups();
            long perPixel = Math.multiplyExact(Math.multiplyExact(cinPerGroup, l.kernelH()), l.kernelW());
            return Math.multiplyExact(out.elements(), perPixel);
        }
        if (l.kind() == LayerKind.DENSE) {
            return Math.multiplyExact(in[0].elements(), l.units());
        }
        if (l.kind().recurrent()) {
            // per step the crossbar's (N + H) x 4H matrix (gru: the candidate's input and recurrent parts apart)
            long rows = Math.addExact(in[0].dim(1), l.units());
            return Math.multiplyExact(in[0].dim(0), Math.multiplyExact(rows, Math.multiplyExact(4, l.units())));
        }
        return 0;
    }

    private Shape input(Layer l, Shape[] in) {
        Shape s = l.inputShape();
        if (s == null || s.rank() < 1 || s.rank() > 3) {
            error(SHAPE_RANK, "input " + l.name() + " needs a shape [C, H, W], [T, N] or [N]"
                    + (s == null ? "" : ", found " + s), l, "shape");
            return null;
        }
        for (long d : s.dims()) {
            if (d <= 0) {
                error(SIZE_NOT_POSITIVE, "input " + l.name() + " has a non-positive dimension in " + s
                        + ": every dimension must be at least 1", l, "shape");
                return null;
            }
        }
        return s;
    }

    /** The number of inputs against the kind's entry in the table of layer kinds. */
    private boolean inputCountFits(Layer l, Shape[] in) {
        InputArity arity = l.kind().spec().inputs();
        if (arity.accepts(in.length)) {
            return true;
        }
        String what = l.kind().keyword() + " " + l.name();
        if (arity.max() == 0) {
            error(INPUT_COUNT, what + " reads no layer but lists " + in.length + ": remove 'from'", l, "from");
        } else if (arity.min() >= 2 && arity.max() == arity.min()) {
            error(INPUT_COUNT, what + " reads exactly " + arity.min() + " inputs but reads " + in.length
                    + ": write 'from [a, b]'", l, "from");
        } else if (arity.min() >= 2) {
            error(INPUT_COUNT, what + " needs at least " + arity.min() + " inputs but reads " + in.length
                    + ": write 'from [a, b]'", l, "from");
        } else {
            error(INPUT_COUNT, what + " takes 1 input but reads " + in.length
                    + (in.length == 0 ? ": add 'from <layer>'" : ": " + l.inputs()), l, "from");
        }
        return false;
    }

    private boolean rank3(Layer l, Shape s) {
        if (s.rank() == 3) {
            return true;
        }
        error(SHAPE_RANK, l.kind().keyword() + " " + l.name() + " expects a [C, H, W] input but "
                + l.inputs().get(0) + " produces " + s, l, "from");
        return false;
    }

    private boolean positive(Layer l, long value, String what, String feature) {
        if (value > 0) {
            return true;
        }
        error(SIZE_NOT_POSITIVE, what + " of " + l.name() + " must be at least 1, found " + value, l, feature);
        return false;
    }

    private boolean notNegative(Layer l, long value, String what, String feature) {
        if (value >= 0) {
            return true;
        }
        error(SIZE_NOT_POSITIVE, what + " of " + l.name() + " must not be negative, found " + value, l, feature);
        return false;
    }

    /** Kernel, stride and padding sanity, shared by conv2d and pooling. */
    private boolean window(Layer l) {
        boolean ok = positive(l, Math.min(l.kernelH(), l.kernelW()), "kernel", "kernel");
        ok &= notNegative(l, Math.min(l.strideH(), l.strideW()), "stride", "stride");
        ok &= notNegative(l, Math.min(l.padH(), l.padW()), "padding", "padding");
        return ok;
    }

    /** [H, W] after the window, or null (reported) if the kernel exceeds the padded input. */
    private long[] slide(Layer l, Shape in) {
        long hp = Math.addExact(in.dim(1), Math.multiplyExact(2, l.padH()));
        long wp = Math.addExact(in.dim(2), Math.multiplyExact(2, l.padW()));
        if (l.kernelH() > hp || l.kernelW() > wp) {
            error(KERNEL_TOO_LARGE, "kernel " + l.kernelH() + "x" + l.kernelW() + " of " + l.name()
                    + " is larger than its padded input " + hp + "x" + wp
                    + ": the output would have no pixel; use a smaller kernel or more padding", l, "kernel");
            return null;
        }
        return new long[] {SlidingWindow.outputSize(in.dim(1), l.padH(), l.kernelH(), l.effectiveStrideH(), l.ceil()),
            SlidingWindow.outputSize(in.dim(2), l.padW(), l.kernelW(), l.effectiveStrideW(), l.ceil())};
    }

    private Shape conv2d(Layer l, Shape[] in) {
        if (!rank3(l, in[0])) {
            return null;
        }
        boolean ok = positive(l, l.filters(), "filters", "filters");
        ok &= window(l);
        ok &= positive(l, l.groups(), "groups", "groups");
        if (!ok) {
            return null;
        }
        // bad groups leave the output shape well defined: report and keep inferring
        long cin = in[0].dim(0);
        if (cin % l.groups() != 0) {
            error(GROUPS_NOT_DIVIDING, "groups " + l.groups() + " of " + l.name() + " must divide its " + cin
                    + " input channels", l, "groups");
        } else if (l.filters() % l.groups() != 0) {
            error(GROUPS_NOT_DIVIDING, "groups " + l.groups() + " of " + l.name() + " must divide its "
                    + l.filters() + " filters", l, "groups");
        }
        long[] hw = slide(l, in[0]);
        return hw == null ? null : Shape.of(l.filters(), hw[0], hw[1]);
    }

    private Shape pool(Layer l, Shape[] in) {
        if (!rank3(l, in[0])) {
            return null;
        }
        if (l.global()) {
            return Shape.of(in[0].dim(0), 1, 1);
        }
        if (!window(l)) {
            return null;
        }
        long[] hw = slide(l, in[0]);
        return hw == null ? null : Shape.of(in[0].dim(0), hw[0], hw[1]);
    }

    private Shape dense(Layer l, Shape[] in) {
        if (!positive(l, l.units(), "units", "units")) {
            return null;
        }
        if (in[0].rank() == 2) {
            // a sequence of vectors [T, D] (a transformer's tokens): the same weights for each of the T
            return Shape.of(in[0].dim(0), l.units());
        }
        if (!in[0].isFlat()) {
            // still give the output shape: the layers behind it keep their diagnostics
            error(DENSE_NOT_FLAT, "dense " + l.name() + " expects a flat input [N] or a sequence [T, N] but "
                    + l.inputs().get(0) + " produces " + in[0] + ": insert 'flatten'", l, "from");
        }
        return Shape.of(l.units());
    }

    /** lstm/gru: a sequence [T, N] to every step's state [T, H], or with 'last' the last step's [H]. */
    private Shape recurrent(Layer l, Shape[] in) {
        if (!positive(l, l.units(), "units", "units")) {
            return null;
        }
        if (in[0].rank() != 2) {
            error(SHAPE_RANK, l.kind().keyword() + " " + l.name() + " expects a sequence [T, N] but "
                    + l.inputs().get(0) + " produces " + in[0] + ": declare the input as [steps, features]", l, "from");
            return null;
        }
        return l.last() ? Shape.of(l.units()) : Shape.of(in[0].dim(0), l.units());
    }

    /** embedding: a flat [T] of token ids to their vectors [T, dim]. */
    private Shape embedding(Layer l, Shape[] in) {
        boolean ok = positive(l, l.vocabulary(), "vocabulary", "vocabulary");
        ok &= positive(l, l.dim(), "dim", "dim");
        if (!ok) {
            return null;
        }
        if (!in[0].isFlat()) {
            error(SHAPE_RANK, "embedding " + l.name() + " reads token ids [T] but " + l.inputs().get(0) + " produces "
                    + in[0] + ": declare the input as [tokens]", l, "from");
            return null;
        }
        return Shape.of(in[0].dim(0), l.dim());
    }

    private Shape add(Layer l, Shape[] in) {
        for (int i = 1; i < in.length; i++) {
            if (!in[i].equals(in[0])) {
                error(ADD_SHAPE_MISMATCH, "add " + l.name() + " adds " + l.inputs().get(0) + " " + in[0] + " and "
                        + l.inputs().get(i) + " " + in[i] + ": the shapes must be equal", l, "from");
                break;
            }
        }
        return in[0];
    }

    /** NumPy broadcasting: ranks aligned at the right, each dimension equal or 1, the output the larger. */
    private Shape mul(Layer l, Shape[] in) {
        Shape out = in[0];
        for (int i = 1; i < in.length; i++) {
            Shape b = Broadcast.of(out, in[i]);
            if (b == null) {
                error(ADD_SHAPE_MISMATCH, "mul " + l.name() + " multiplies " + l.inputs().get(0) + " " + in[0] + " and "
                        + l.inputs().get(i) + " " + in[i] + ": each dimension must be equal or 1 in one of them", l,
                        "from");
                return null;
            }
            out = b;
        }
        return out;
    }

    private Shape concat(Layer l, Shape[] in) {
        int axis = l.axis();
        if (axis < 0 || axis >= in[0].rank()) {
            error(CONCAT_AXIS, "axis " + axis + " of concat " + l.name() + " is outside its inputs' rank "
                    + in[0].rank() + ": use 0.." + (in[0].rank() - 1), l, "axis");
            return null;
        }
        long[] out = in[0].dims();
        for (int i = 1; i < in.length; i++) {
            boolean same = in[i].rank() == in[0].rank();
            for (int d = 0; same && d < out.length; d++) {
                same = d == axis || in[i].dim(d) == in[0].dim(d);
            }
            if (!same) {
                error(CONCAT_MISMATCH, "concat " + l.name() + " joins " + l.inputs().get(0) + " " + in[0] + " and "
                        + l.inputs().get(i) + " " + in[i] + " along axis " + axis
                        + ": all other dimensions must be equal", l, "from");
                return null;
            }
            out[axis] = Math.addExact(out[axis], in[i].dim(axis));
        }
        return Shape.of(out);
    }

    /**
     * NumPy's matmul of two activations of equal rank: [.., M, K] x [.., K, N] = [.., M, N], the leading axes
     * (attention's heads) equal.
     */
    private Shape matmul(Layer l, Shape[] in) {
        Shape a = in[0];
        Shape b = in[1];
        String what = "matmul " + l.name() + " multiplies " + l.inputs().get(0) + " " + a + " by " + l.inputs().get(1)
                + " " + b;
        if (a.rank() < 2 || a.rank() != b.rank()) {
            error(SHAPE_RANK, what + ": both need the same rank, 2 or 3 ([M, K] x [K, N], or [H, M, K] x [H, K, N])",
                    l, "from");
            return null;
        }
        int r = a.rank();
        for (int d = 0; d < r - 2; d++) {
            if (a.dim(d) != b.dim(d)) {
                error(MATMUL_MISMATCH, what + ": the leading (batch) axis " + d + " differs (" + a.dim(d) + " vs "
                        + b.dim(d) + ")", l, "from");
                return null;
            }
        }
        if (a.dim(r - 1) != b.dim(r - 2)) {
            error(MATMUL_MISMATCH, what + ": the first's last axis (" + a.dim(r - 1) + ") must equal the second's "
                    + "next-to-last (" + b.dim(r - 2) + "); to multiply by a transposed operand (Q K^T) insert "
                    + "'transpose' with the last two axes swapped", l, "from");
            return null;
        }
        long[] out = a.dims();
        out[r - 1] = b.dim(r - 1);
        return Shape.of(out);
    }

    private Shape reshape(Layer l, Shape[] in) {
        Shape s = l.inputShape();
        if (s == null || s.rank() < 1 || s.rank() > 3) {
            error(SHAPE_RANK, "reshape " + l.name() + " needs a target shape of 1 to 3 dimensions, e.g. [28, 4, 8]"
                    + (s == null ? "" : ", found " + s), l, "shape");
            return null;
        }
        for (long d : s.dims()) {
            if (d <= 0) {
                error(SIZE_NOT_POSITIVE, "reshape " + l.name() + " has a non-positive dimension in " + s, l, "shape");
                return null;
            }
        }
        if (s.elements() != in[0].elements()) {
            error(RESHAPE_INVALID, "reshape " + l.name() + " turns " + l.inputs().get(0) + " " + in[0] + " ("
                    + in[0].elements() + " elements) into " + s + " (" + s.elements()
                    + " elements): the counts must be equal", l, "shape");
            return null;
        }
        return s;
    }

    private Shape transpose(Layer l, Shape[] in) {
        int[] perm = l.permutation();
        int rank = in[0].rank();
        boolean[] seen = new boolean[rank];
        boolean ok = perm.length == rank;
        for (int i = 0; ok && i < perm.length; i++) {
            ok = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
            if (ok) {
                seen[perm[i]] = true;
            }
        }
        if (!ok) {
            StringBuilder identity = new StringBuilder();
            for (int i = 0; i < rank; i++) {
                identity.append(i == 0 ? "" : ", ").append(i);
            }
            error(RESHAPE_INVALID, "transpose " + l.name() + " needs a permutation of the " + rank + " axes of "
                    + l.inputs().get(0) + " " + in[0] + " (each of " + identity + " once), found "
                    + (l.inputShape() == null ? "none" : l.inputShape()), l, "shape");
            return null;
        }
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = in[0].dim(perm[i]);
        }
        return Shape.of(out);
    }

    private void error(String code, String message, Layer l, String feature) {
        diagnostics.add(Diagnostic.error(code, message, l.origin(), feature, l.name()));
    }
}
