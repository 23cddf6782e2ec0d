package org.cimlang.onnx;

/**
 * A model that cannot be read, imported, exported or run, with a message for the user: what, where
 * (file, node), what was expected, what was found and what to do about it.
 */
public class OnnxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxException(String message) {
        super(message);
    }

    public OnnxException(String message, Throwable cause) {
        super(message, cause);
    }
}
