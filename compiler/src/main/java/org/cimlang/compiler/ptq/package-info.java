/**
 * Post-training quantisation math (DOMAIN.md section 3): pure functions over primitive arrays.
 *
 * <ul>
 * <li>{@link org.cimlang.compiler.ptq.AffineQuantizer}: {@code q = clamp(round(x / s) + z, qmin, qmax)},
 * symmetric or asymmetric, per-tensor or per-channel (axis 0), and binary (+-1) weights;</li>
 * <li>{@link org.cimlang.compiler.ptq.RangeCalibrator}: activation ranges by min-max, percentile or MSE
 * from a streaming histogram of bounded size;</li>
 * <li>{@link org.cimlang.compiler.ptq.BiasQuantizer}: int32 bias at scale {@code s_w * s_x};</li>
 * <li>{@link org.cimlang.compiler.ptq.Requantizer}: the fixed-point multiplier between layers
 * (TFLite / gemmlowp);</li>
 * <li>{@link org.cimlang.compiler.ptq.BatchNormFolder}: batchnorm folded into the preceding layer.</li>
 * </ul>
 *
 * <p>Weight tensors use PyTorch's layout: axis 0 is the output channel ({@code [out, in]} for dense,
 * {@code [Cout, Cin, kh, kw]} for conv2d), so per-channel means one scale per output.
 */
package org.cimlang.compiler.ptq;
