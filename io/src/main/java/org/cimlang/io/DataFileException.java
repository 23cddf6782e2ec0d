package org.cimlang.io;

import java.io.IOException;

/**
 * A data or weights file that cannot be used as it is: corrupt, truncated, of an unsupported
 * kind, or missing. The message always starts with the file (and the array or record within it)
 * and says what was expected, what was found and how to fix it, because it is shown to the user
 * as is.
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source  the file, optionally with the part of it, e.g. {@code "w.npz, array 'fc1.weight'"}
     * @param problem what is wrong, what was expected and the fix
     */
    public DataFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public DataFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (and part of it) the problem is in, as given to the constructor. */
    public String source() {
        return source;
    }
}
