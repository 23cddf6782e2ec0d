/**
 * Parameters and data from files: NumPy {@code .npz}/{@code .npy} weights ({@link
 * org.cimlang.io.NpzReader}, {@link org.cimlang.io.NpzWriter}), MNIST IDX
 * and CIFAR-10 binary datasets, the bundled MNIST digits, and the dataset block's transforms
 * ({@link org.cimlang.simulator.data.DatasetLoader} -> {@link org.cimlang.simulator.data.Dataset}).
 *
 * <p>Files are untrusted: every reader checks sizes claimed by a header against the real length
 * (with overflow-checked {@code long} arithmetic) before allocating, and reports problems as a
 * {@link org.cimlang.simulator.data.DataFileException} whose message names the file and says what
 * to do.
 */
package org.cimlang.simulator.data;
