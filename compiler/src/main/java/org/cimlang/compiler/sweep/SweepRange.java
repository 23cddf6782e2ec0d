package org.cimlang.compiler.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A range of values, {@code 4..9} or {@code 0..10 step 2.5}: first, first + step, ... up to last. */
public record SweepRange(double first, double last, double step, String unit, Object origin) {

    /** Why the range has no values or too many, or empty when it is fine. */
    public Optional<String> problem() {
        if (!(step > 0)) {
            return Optional.of("the step of a range must be above 0, found " + SweepValue.number(step, null, null).text());
        }
        if (last < first) {
            return Optional.of("the range " + text() + " is empty: write the smaller value first");
        }
        if (size() > SweepGrid.MAX_POINTS) {
            return Optional.of("the range " + text() + " has more than " + SweepGrid.MAX_POINTS
                    + " values: use a larger step");
        }
        return Optional.empty();
    }

    /** How many values; saturates at MAX_POINTS + 1 so that an absurd range is never enumerated. */
    public long size() {
        double n = Math.floor((last - first) / step + 1e-9) + 1;
        return n > SweepGrid.MAX_POINTS ? SweepGrid.MAX_POINTS + 1 : Math.max(0, (long) n);
    }

    /** The values; empty when {@link #problem()} is not. */
    public List<SweepValue> values() {
        if (problem().isPresent()) {
            return List.of();
        }
        long n = size();
        List<SweepValue> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(SweepValue.number(first + i * step, unit, origin));
        }
        return out;
    }

    private String text() {
        return SweepValue.number(first, null, null).text() + ".." + SweepValue.number(last, null, null).text()
                + (step == 1 ? "" : " step " + SweepValue.number(step, null, null).text());
    }
}
