/**
 * A small, deterministic float neural-network engine in plain Java: the float reference of the
 * simulator and the trainer behind {@code cim train} (real users train in PyTorch and import; this
 * makes the examples self-contained and supports quantisation-aware fine-tuning).
 *
 * <p>Kernels ({@link org.cimlang.simulator.nn.Dense}, {@link org.cimlang.simulator.nn.Conv2d},
 * {@link org.cimlang.simulator.nn.Pooling}, {@link org.cimlang.simulator.nn.BatchNorm},
 * {@link org.cimlang.simulator.nn.Activations}, {@link org.cimlang.simulator.nn.Merge},
 * {@link org.cimlang.simulator.nn.SoftmaxCrossEntropy}, {@link org.cimlang.simulator.nn.FakeQuant})
 * work on batch-first {@code float[]} in C order with PyTorch's layouts and semantics; backward
 * methods add into their gradient buffers. {@link org.cimlang.simulator.nn.FloatModel} evaluates an
 * analysed network with its parameters, {@link org.cimlang.simulator.nn.Trainer} trains one,
 * {@link org.cimlang.compiler.params.ParameterCheck} tells whether a parameter set fits.
 *
 * <p>Choices a user can see:
 * <ul>
 * <li>{@code sign(x)} is +1 for {@code x >= 0}; its gradient passes where {@code |x| <= 1}.</li>
 * <li>Average pooling divides by the kernel area including padding (PyTorch's default; the IR has no
 * {@code count_include_pad}); the kernel offers the other rule too.</li>
 * <li>Quantisation-aware training: see {@link org.cimlang.simulator.nn.WeightQuant} (symmetric
 * levels with a max-based scale, or binary with a mean-|w| scale or none) and
 * {@link org.cimlang.simulator.nn.ActivationQuant} (clip from a running max, learned as in PACT, or
 * fixed, kept as {@code <layer>.act_clip}). Rounding is half to even.</li>
 * <li>Determinism: the seed fixes initialisation and shuffling; every sum runs in a fixed order and
 * threads only split independent outputs, so the same seed gives bit-identical weights on any
 * number of threads.</li>
 * </ul>
 */
package org.cimlang.simulator.nn;
