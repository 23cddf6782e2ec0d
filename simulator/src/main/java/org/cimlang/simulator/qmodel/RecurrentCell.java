package org.cimlang.simulator.qmodel;

import org.cimlang.compiler.ir.LayerKind;

/**
 * What makes a {@link MatrixNode} an lstm or gru: its {@code pixels} are the sequence's steps, each one
 * product of the crossbar matrix {@code [N + H] x 4H} with the stacked codes {@code [x_t; h_(t-1)]} in the
 * node's input format, then {@link org.cimlang.simulator.nn.Recurrent#cell} in the digital units.
 *
 * @param kind   lstm or gru
 * @param in     N, the features of one step of the input
 * @param hidden H, the state's size
 * @param last   the output is the last step's state only
 * @param source the format of the producer's codes, requantised into the node's input format each step
 */
public record RecurrentCell(LayerKind kind, int in, int hidden, boolean last, ActivationFormat source) {
}
