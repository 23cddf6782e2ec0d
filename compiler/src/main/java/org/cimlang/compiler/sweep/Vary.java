package org.cimlang.compiler.sweep;

import java.util.List;

/** One {@code vary} line: a parameter and the values it takes, in the order written. */
public record Vary(SweepParameter parameter, List<SweepValue> values, Object origin) {
    public Vary {
        values = List.copyOf(values);
    }
}
