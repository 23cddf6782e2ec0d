package org.cimlang.compiler.ir;

/**
 * The optional post-training steps a weights spec asks for ({@code equalize adaround biascorrect}). A layer
 * override can add a step but not remove one that its default asks for, because the language has no word
 * for "not"; so combining specs is a logical or.
 *
 * @param equalize   cross-layer equalisation with the next layer (Nagel et al. 2019)
 * @param adaround   learned rounding up or down per weight (Nagel et al. 2020)
 * @param biasCorrect subtract the expected output shift the quantised weights cause
 */
public record PtqSteps(boolean equalize, boolean adaround, boolean biasCorrect) {
    public static final PtqSteps NONE = new PtqSteps(false, false, false);

    public PtqSteps or(PtqSteps other) {
        if (other == null) {
            return this;
        }
        return new PtqSteps(equalize || other.equalize, adaround || other.adaround, biasCorrect || other.biasCorrect);
    }

    public boolean any() {
        return equalize || adaround || biasCorrect;
    }
}
