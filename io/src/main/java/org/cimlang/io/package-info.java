/**
 * What several modules read and write, in plain Java: atomic file writes ({@link
 * org.cimlang.io.AtomicFiles}), float tensors ({@link org.cimlang.io.Tensor}) and NumPy {@code .npy}/{@code
 * .npz} files ({@link org.cimlang.io.NpzReader}, {@link org.cimlang.io.NpzWriter}). The editor checks a
 * network's weights file with the same reader the simulator uses, without depending on the simulator.
 *
 * <p>Files are untrusted: every reader checks sizes claimed by a header against the real length (with
 * overflow-checked {@code long} arithmetic) before allocating, and reports problems as a {@link
 * org.cimlang.io.DataFileException} whose message names the file and says what to do.
 */
package org.cimlang.io;
