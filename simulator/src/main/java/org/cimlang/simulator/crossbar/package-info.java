/**
 * The bit-accurate crossbar matrix-vector kernel (issue 4, "Simulation semantics"; DOMAIN.md 2-5).
 *
 * <p>{@link org.cimlang.simulator.crossbar.CrossbarLayer#program} turns a quantised integer weight
 * matrix {@code K x N} into cell levels as the mapping engine's
 * {@link org.cimlang.compiler.mapping.CrossbarPlan} lays them out (slices, differential/offset/unary
 * encoding, row and column blocks, reference columns, rows per read, input cycles, ADC full scale),
 * optionally drawing one chip's device non-idealities through its
 * {@link org.cimlang.simulator.crossbar.ArrayComponents}; the resulting
 * {@link org.cimlang.simulator.crossbar.ProgrammedLayer}
 * is immutable and computes {@code y = W^T x} the way the hardware does: inputs bit-serially
 * {@code b_dac} bits per cycle, per column the analog sum over the rows active in a read, ADC
 * conversion with its bits, full scale and clipping, shift-add over slices and input cycles, offset or
 * differential removal and digital accumulation over row blocks.
 *
 * <h2>Physical column layout</h2>
 * Output {@code n}, slice {@code j} (least significant first), side {@code s} (0 = positive, 1 =
 * negative; offset encoding and unsigned weights have one side) sits on data column
 * {@code (n * slices + j) * sides + s}; column block {@code b} is data columns {@code [b * C', (b + 1) * C')}
 * with {@code C' = C}, or {@code C - 1} with offset encoding, where each array keeps its last column for
 * the reference (the mapping engine's {@code ArrayPartitioning}). Row block {@code r} is input rows
 * {@code [r * R', (r + 1) * R')} with {@code R' = rows - compensationRows}. Array {@code (r, b)} is
 * index {@code r * columnBlocks + b} of the layer.
 *
 * <h2>ADC policy</h2>
 * See {@link org.cimlang.simulator.crossbar.AdcRange}: by default the full scale is the plan's largest
 * column sum of a read, {@code Smax = Ract (2^d - 1)(2^b_c - 1)} ({@code d} the largest input digit); with {@code 2^bits - 1 >= Smax}
 * the LSB is one unit and conversion is exact, otherwise the LSB is {@code Smax / (2^bits - 1)} and
 * outputs are in units of that LSB ({@link org.cimlang.simulator.crossbar.ProgrammedLayer#outputLsb()}).
 */
package org.cimlang.simulator.crossbar;
