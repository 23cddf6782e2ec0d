/**
 * Data sets from files: MNIST IDX and CIFAR-10 binary datasets, the bundled MNIST digits, and the
 * dataset block's transforms ({@link org.cimlang.simulator.data.DatasetLoader} -> {@link
 * org.cimlang.simulator.data.Dataset}). NumPy {@code .npz}/{@code .npy} weights are read and written
 * by {@link org.cimlang.io.NpzReader} and {@link org.cimlang.io.NpzWriter}, which the editor shares.
 *
 * <p>Files are untrusted: every reader checks sizes claimed by a header against the real length
 * (with overflow-checked {@code long} arithmetic) before allocating, and reports problems as a
 * {@link org.cimlang.io.DataFileException} whose message names the file and says what
 * to do.
 */
package org.cimlang.simulator.data;
