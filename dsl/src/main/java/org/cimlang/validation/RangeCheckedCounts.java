package org.cimlang.validation;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.cimlang.cim.Count;

/**
 * The counts of one validation run whose "too large" error a range check has already given (with the
 * range that applies there), so that the generic count check does not say it a second time. It lives
 * in the run's validation context: EMF validates a container before its contents, so a range check on
 * the container always comes first.
 */
final class RangeCheckedCounts {
    private RangeCheckedCounts() {
    }

    @SuppressWarnings("unchecked")
    static Set<Count> of(Map<Object, Object> context) {
        if (context == null) {
            return Collections.newSetFromMap(new IdentityHashMap<>());
        }
        return (Set<Count>) context.computeIfAbsent(RangeCheckedCounts.class,
                k -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }
}
