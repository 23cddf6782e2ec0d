package org.cimlang.sweep;

/**
 * A sweep that cannot start or cannot go on, with a message for the person running it that names the problem and
 * what to do; the command prints it and exits with {@code CANNOT_RUN}. Outcomes already written stay in the journal.
 */
public final class SweepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
