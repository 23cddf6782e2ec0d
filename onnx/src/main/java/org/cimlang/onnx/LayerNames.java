package org.cimlang.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Readable, unique cimlang names for the layers of an imported graph.
 *
 * <p>PyTorch names a node after the module that made it ({@code /layer1/layer1.0/conv1/Conv}) and its
 * weights after the module's path ({@code layer1.0.conv1.weight}); both are turned into the names the
 * shipped examples use for torchvision models, with {@code .} written {@code _}
 * ({@code layer1_0_conv1}). Names are made valid identifiers of the language (no keywords, no leading
 * digit) and unique within the network.
 */
final class LayerNames {
    /** Ops that no PyTorch module makes: written inline in a module's forward, so its scope names the module. */
    private static final Set<String> INLINE_OPS = Set.of("Add", "Sum", "Concat", "Flatten", "Reshape", "Pad",
            "GreaterOrEqual", "Where");

    private final Set<String> taken = new HashSet<>();

    /** Reserves {@code base}, or the first free {@code base_2}, {@code base_3}, ... */
    String unique(String base) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * The readable base name of a layer made by {@code opType} node {@code nodeName}, preferring the
     * module path in {@code weightName} ({@code conv1.weight} gives {@code conv1}); not yet unique.
     */
    static String readable(String nodeName, String opType, String weightName) {
        String op = opType.toLowerCase(Locale.ROOT);
        if (weightName != null && weightName.endsWith(".weight") && weightName.length() > ".weight".length()) {
            String s = sanitise(weightName.substring(0, weightName.length() - ".weight".length()), op);
            if (s != null) {
                return s;
            }
        }
        String raw = nodeName == null ? "" : nodeName.strip();
        String base = raw;
        boolean fromPath = false;
        if (raw.contains("/")) {
            List<String> parts = new ArrayList<>();
            for (String p : raw.split("/")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            // PyTorch: /scope/.../OpType or /scope/.../OpType_3; the scopes carry the module path
            String opPart = null;
            if (!parts.isEmpty() && parts.get(parts.size() - 1).toLowerCase(Locale.ROOT).startsWith(op)) {
                opPart = parts.remove(parts.size() - 1);
            }
            if (parts.isEmpty()) {
                base = opPart == null ? op : opPart; // "/Relu_1": a functional call outside any module
            } else {
                // a scope names a child by "parent.child" after the parent's own scope: keep the longest form
                List<String> path = new ArrayList<>();
                for (String p : parts) {
                    if (!path.isEmpty() && p.startsWith(path.get(path.size() - 1) + ".")) {
                        path.set(path.size() - 1, p);
                    } else {
                        path.add(p);
                    }
                }
                base = String.join(".", path);
                fromPath = true;
            }
        }
        String s = sanitise(base, op);
        if (s == null) {
            return op;
        }
        if (fromPath && INLINE_OPS.contains(opType) && !s.toLowerCase(Locale.ROOT).contains(op)) {
            s = s + "_" + op; // layer1.0 + Add -> layer1_0_add: the block's scope alone would name the block
        }
        return s;
    }

    /**
     * {@code raw} as an identifier of the language: characters other than letters, digits and
     * {@code _} become {@code _}; a leading digit gets {@code prefix_} in front; a keyword gets
     * {@code _1} appended. Null when nothing usable is left.
     */
    static String sanitise(String raw, String prefix) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            char out = ok ? c : '_';
            if (out == '_' && b.length() > 0 && b.charAt(b.length() - 1) == '_') {
                continue;
            }
            b.append(out);
        }
        int start = 0;
        int end = b.length();
        while (start < end && b.charAt(start) == '_') {
            start++;
        }
        while (end > start && b.charAt(end - 1) == '_') {
            end--;
        }
        String s = b.substring(start, end);
        if (s.isEmpty()) {
            return null;
        }
        if (Character.isDigit(s.charAt(0))) {
            s = prefix + "_" + s;
        }
        if (CimKeywords.isKeyword(s)) {
            s = s + "_1";
        }
        return s;
    }
}
