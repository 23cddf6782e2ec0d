package org.cimlang.compiler.params;

import java.util.List;

/** A parameter set that does not fit its network: every problem found, one per line of the message. */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ParameterException(String context, List<String> problems) {
        super(context + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
