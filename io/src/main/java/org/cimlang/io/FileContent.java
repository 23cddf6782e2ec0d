package org.cimlang.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a file is to hold, written into a stream. A callback rather than a byte array, so that large
 * output (an {@code .npz} archive, an ONNX model) streams into the temporary file instead of being
 * built in memory first.
 */
@FunctionalInterface
public interface FileContent {
    /** Writes the whole content to {@code out}; need not close it. */
    void writeTo(OutputStream out) throws IOException;

    /** These bytes, as they are (the array is not copied: do not change it before the write). */
    static FileContent bytes(byte[] bytes) {
        return out -> out.write(bytes);
    }

    /** This text in UTF-8. */
    static FileContent text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
