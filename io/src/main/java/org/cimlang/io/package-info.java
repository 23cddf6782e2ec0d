/**
 * What several modules read and write, in plain Java: atomic file writes ({@link
 * org.cimlang.io.AtomicFiles}), so that no run, import or compile leaves half a file behind.
 */
package org.cimlang.io;
