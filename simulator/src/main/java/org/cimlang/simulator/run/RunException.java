package org.cimlang.simulator.run;

/**
 * A simulation or training that cannot go on; the message names the file or block, what was expected and
 * found, and the fix, and is shown to the user as it is.
 */
public final class RunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose fault it is: the input (design, weights, data) or the environment (files that cannot be written). */
    public enum Kind {
        INPUT, ENVIRONMENT
    }

    private final Kind kind;

    public RunException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static RunException input(String message, Throwable cause) {
        return new RunException(Kind.INPUT, message, cause);
    }

    public static RunException environment(String message, Throwable cause) {
        return new RunException(Kind.ENVIRONMENT, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
