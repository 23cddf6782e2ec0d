package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.FAULT_AWARE_NO_FAULTS;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.StuckAtFaults;

/**
 * {@code place ... fault aware} permutes each array's rows around the chip's stuck-at cells; on a chip that
 * declares none there is nothing to avoid, which is worth saying where the line is written.
 */
public final class FaultAwareCheck {
    private FaultAwareCheck() {
    }

    public static List<Diagnostic> diagnostics(Chip chip, List<Placement> placements) {
        if (hasStuckCells(chip)) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Placement p : placements) {
            if (p.faultAware()) {
                out.add(Diagnostic.warning(FAULT_AWARE_NO_FAULTS, "chip " + chip.name() + " declares no stuck-at "
                        + "cells, so 'fault aware' changes nothing: add e.g. 'stuck at zero 1 %' to its nonideal "
                        + "block, or remove 'fault aware'", p.origin(), "faultAware"));
            }
        }
        return out;
    }

    static boolean hasStuckCells(Chip chip) {
        for (NonIdealEffect e : chip.nonideal().effects()) {
            if (e instanceof StuckAtFaults s && s.atZero() + s.atMax() > 0) {
                return true;
            }
        }
        return false;
    }
}
