package org.cimlang.sweep;

/** How the evaluation of a sweep point ended. */
public enum PointStatus {
    /** Evaluated: every figure is there. */
    OK,
    /** The design at this point cannot hold the network (too few arrays, a layer too large, ...): the reason says why. */
    DOES_NOT_FIT,
    /** The evaluation failed (an exception in the compiler, simulator or evaluator): the reason carries its message. */
    FAILED
}
