package org.cimlang.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerParam;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;

/**
 * A network written as the language's {@code network} block, laid out as the shipped examples are:
 * kinds and names in columns, only the parameters that differ from their defaults, and each layer's
 * output shape in a comment.
 */
public final class NetworkText {
    private NetworkText() {
    }

    /**
     * The {@code .cim} text of {@code network}, with {@code docLines} as its documentation comment
     * (one line each, without comment markers).
     */
    public static String render(Network network, List<String> docLines) {
        AnalyzedNetwork analysed = NetworkAnalysis.analyze(network);
        int kindWidth = 0;
        int nameWidth = 0;
        for (Layer l : network.layers()) {
            kindWidth = Math.max(kindWidth, l.kind().keyword().length());
            nameWidth = Math.max(nameWidth, l.name().length());
        }
        List<String> bodies = new ArrayList<>();
        int bodyWidth = 0;
        for (Layer l : network.layers()) {
            String body = pad(l.kind().keyword(), kindWidth) + " " + pad(l.name(), nameWidth) + params(l);
            bodies.add(body.stripTrailing());
            bodyWidth = Math.max(bodyWidth, body.stripTrailing().length());
        }
        StringBuilder b = new StringBuilder();
        if (!docLines.isEmpty()) {
            b.append("/**\n");
            for (String line : docLines) {
                b.append((" * " + commentSafe(line)).stripTrailing()).append('\n');
            }
            b.append(" */\n");
        }
        b.append("network ").append(network.name()).append(" {\n");
        for (int i = 0; i < bodies.size(); i++) {
            Shape s = analysed.shapeOf(network.layers().get(i).name());
            b.append("    ").append(s == null ? bodies.get(i) : pad(bodies.get(i), bodyWidth) + "  // " + s)
                    .append('\n');
        }
        if (network.weightsPath() != null) {
            b.append("    weights \"").append(network.weightsPath().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n");
        }
        return b.append("}\n").toString();
    }

    /** Everything after the name: inputs, shape, the kind's parameters that are not at their defaults. */
    private static String params(Layer l) {
        StringBuilder b = new StringBuilder();
        List<String> in = l.inputs();
        if (in.size() == 1) {
            b.append(" from ").append(in.get(0));
        } else if (in.size() > 1) {
            b.append(" from [").append(String.join(", ", in)).append(']');
        }
        if (l.kind().spec().written() != org.cimlang.compiler.ir.LayerKindSpec.WrittenDims.NONE) {
            b.append(' ').append(l.inputShape());
        }
        for (LayerParam p : l.kind().spec().allowed()) {
            String written = written(p, l);
            if (written != null) {
                b.append(' ').append(written);
            }
        }
        return b.toString();
    }

    /** The parameter as the language writes it, or null when the layer has its default (or it is moot). */
    private static String written(LayerParam p, Layer l) {
        return switch (p) {
            case FILTERS -> "filters " + l.filters();
            case UNITS -> "units " + l.units();
            // a global pool has no window to describe
            case KERNEL -> l.global() ? null : "kernel " + pair(l.kernelH(), l.kernelW());
            case STRIDE -> l.global() || l.hasDefaultStride() ? null
                    : "stride " + pair(l.effectiveStrideH(), l.effectiveStrideW());
            case PADDING -> l.global() || (l.padH() == 0 && l.padW() == 0) ? null : "padding " + pair(l.padH(), l.padW());
            case GROUPS -> l.groups() == 1 ? null : "groups " + l.groups();
            case BIAS -> l.bias() ? null : "bias false";
            case GLOBAL -> l.global() ? "global" : null;
            case CEIL -> l.ceil() ? "ceil" : null;
            case LAST -> l.last() ? "last" : null;
            case VOCABULARY -> "vocabulary " + l.vocabulary();
            case DIM -> "dim " + l.dim();
            case AXIS -> l.axis() == 0 ? null : "axis " + l.axis();
            case ACTIVATION -> l.kind().spec().activationIsTheOperation() ? l.activation().keyword()
                    : l.activation() == Activation.NONE ? null : "activation " + l.activation().keyword();
        };
    }

    private static String pair(long h, long w) {
        return h == w ? String.valueOf(h) : h + " x " + w;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** A line that cannot end the comment it is in. */
    static String commentSafe(String line) {
        return line.replace("*/", "* /");
    }

    /** Thousands separated by commas, as the docs write counts: 61,706. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
