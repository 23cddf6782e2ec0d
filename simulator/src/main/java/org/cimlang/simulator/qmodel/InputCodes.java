package org.cimlang.simulator.qmodel;

/**
 * What the dataset did to the pixels before the network sees them, so that the input layer's quantiser
 * can reproduce the DAC codes exactly instead of calibrating a range.
 *
 * @param bits       the dataset's {@code input bits} (0 = float pixels)
 * @param normalised the dataset applies {@code normalize} after the rounding
 */
public record InputCodes(int bits, boolean normalised) {
    public static final InputCodes FLOAT = new InputCodes(0, false);
}
