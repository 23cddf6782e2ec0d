package org.cimlang.compiler.ir.effects;

/**
 * A phase-change-memory cell as IBM's aihwkit models it ({@code PCMLikeNoiseModel}, fitted by Nandakumar
 * et al., ICECS 2019, to measured PCM devices): conductance-dependent programming noise, a drift exponent
 * drawn per cell, and 1/f read noise that grows with the time since programming. The figures and their
 * units are in {@code docs/simulator.md}; the simulator's {@code PcmDevice} applies them.
 */
public record PcmNoise() implements NonIdealEffect {
    /** aihwkit's {@code t_0}: the first read after programming, from which drift is counted (s). */
    public static final double FIRST_READ_S = 20.0;
    /** aihwkit's {@code t_read}: the 1/f fit's read duration (s). */
    public static final double READ_DURATION_S = 250e-9;

    @Override
    public boolean actsOnCells() {
        return true;
    }
}
