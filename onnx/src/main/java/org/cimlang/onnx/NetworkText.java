package org.cimlang.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
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

    /** Everything after the name: inputs, shape, the parameters that are not defaults. */
    private static String params(Layer l) {
        StringBuilder b = new StringBuilder();
        List<String> in = l.inputs();
        if (in.size() == 1) {
            b.append(" from ").append(in.get(0));
        } else if (in.size() > 1) {
            b.append(" from [").append(String.join(", ", in)).append(']');
        }
        switch (l.kind()) {
            case INPUT -> b.append(' ').append(l.inputShape());
            case CONV2D -> {
                b.append(" filters ").append(l.filters()).append(" kernel ").append(pair(l.kernelH(), l.kernelW()));
                if (l.effectiveStrideH() != 1 || l.effectiveStrideW() != 1) {
                    b.append(" stride ").append(pair(l.effectiveStrideH(), l.effectiveStrideW()));
                }
                padding(l, b);
                if (l.groups() != 1) {
                    b.append(" groups ").append(l.groups());
                }
            }
            case DENSE -> b.append(" units ").append(l.units());
            case MAXPOOL, AVGPOOL -> {
                if (l.global()) {
                    b.append(" global");
                } else {
                    b.append(" kernel ").append(pair(l.kernelH(), l.kernelW()));
                    if (l.effectiveStrideH() != l.kernelH() || l.effectiveStrideW() != l.kernelW()) {
                        b.append(" stride ").append(pair(l.effectiveStrideH(), l.effectiveStrideW()));
                    }
                    padding(l, b);
                }
            }
            case CONCAT -> {
                if (l.axis() != 0) {
                    b.append(" axis ").append(l.axis());
                }
            }
            default -> {
                // flatten, batchnorm, add, activation, softmax: no parameters besides the activation
            }
        }
        if (l.kind().spec().allowed().contains(LayerParam.BIAS) && !l.bias()) {
            b.append(" bias false");
        }
        if (l.kind() == LayerKind.ACTIVATION) {
            b.append(' ').append(l.activation().keyword());
        } else if (l.activation() != Activation.NONE) {
            b.append(" activation ").append(l.activation().keyword());
        }
        return b.toString();
    }

    private static void padding(Layer l, StringBuilder b) {
        if (l.padH() != 0 || l.padW() != 0) {
            b.append(" padding ").append(pair(l.padH(), l.padW()));
        }
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
