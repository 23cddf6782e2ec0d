package org.cimlang.compiler.ir;

/**
 * A simulation block.
 *
 * @param nonideal   apply the chip's non-idealities
 * @param trials     Monte-Carlo chips to simulate (at least 1)
 * @param timeS      time since programming, for drift (seconds)
 * @param reportPath output prefix for report files, or null
 */
public record SimulationSpec(String name, String mapping, DatasetSpec dataset, boolean nonideal, long seed,
        long trials, double timeS, String reportPath, Object origin) {
}
