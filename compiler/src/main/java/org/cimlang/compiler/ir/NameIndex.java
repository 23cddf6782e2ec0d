package org.cimlang.compiler.ir;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Items of a list by name, built once: a lookup per layer in a loop over the layers was a scan of the
 * list each time, quadratic in the layers (a 30,000-layer network took 82 s to compile).
 */
public final class NameIndex {
    private NameIndex() {
    }

    /** The first item of each name, as a scan from the front would find it. */
    public static <T> Map<String, T> firstByName(List<T> items, Function<T, String> name) {
        Map<String, T> index = new HashMap<>(Math.max(16, items.size() * 2));
        for (T item : items) {
            index.putIfAbsent(name.apply(item), item);
        }
        return Collections.unmodifiableMap(index);
    }
}
