package org.cimlang.ide.codeactions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cimlang.ide.json.LspJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The issue data of a diagnostic as the client sends it back: a JSON array of strings over the wire,
 * the server's own {@code String[]} in process. Entries {@code key=value} are looked up by key.
 */
final class DiagnosticData {
    private final List<String> values;

    private DiagnosticData(List<String> values) {
        this.values = List.copyOf(values);
    }

    static DiagnosticData of(Object data) {
        List<String> values = new ArrayList<>();
        Optional<JsonNode> json = LspJson.fromLsp(data);
        if (json.isPresent()) {
            JsonNode node = json.get();
            if (node.isArray()) {
                for (JsonNode e : node) {
                    scalar(e).ifPresent(values::add);
                }
            } else {
                scalar(node).ifPresent(values::add);
            }
        } else if (data instanceof Object[] a) {
            for (Object o : a) {
                values.add(String.valueOf(o));
            }
        } else if (data instanceof Collection<?> c) {
            for (Object o : c) {
                values.add(LspJson.fromLsp(o).flatMap(DiagnosticData::scalar).orElse(String.valueOf(o)));
            }
        } else if (data instanceof String s) {
            values.add(s);
        }
        return new DiagnosticData(values);
    }

    /** A string, number or boolean as text; nothing for null, arrays and objects. */
    private static Optional<String> scalar(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The i-th value, if present. */
    Optional<String> get(int i) {
        return i < values.size() ? Optional.of(values.get(i)) : Optional.empty();
    }

    /** The entries that are not {@code key=value}, in order: the names a diagnostic lists. */
    List<String> names() {
        return values.stream().filter(v -> !v.contains("=")).toList();
    }

    /** The value of the first {@code key=value} entry. */
    Optional<String> get(String key) {
        String prefix = key + "=";
        for (String v : values) {
            if (v.startsWith(prefix)) {
                return Optional.of(v.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** The value of {@code key=value} as a number, if present and numeric. */
    Optional<Long> number(String key) {
        return get(key).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
