package org.cimlang.compiler.ir.effects;

/**
 * Global drift compensation (aihwkit's {@code GlobalDriftCompensationWithExactReference}): each layer's
 * column sums are scaled by {@code alpha = sum of programmed target levels / sum of conductances at the
 * time of the simulation}, one factor per layer, so that a uniform loss of conductance costs nothing and
 * only its spread remains.
 */
public record DriftCompensation() implements NonIdealEffect {
}
