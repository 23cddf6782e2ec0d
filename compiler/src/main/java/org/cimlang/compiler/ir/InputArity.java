package org.cimlang.compiler.ir;

/** How many layers a kind reads: {@code min..max} ({@code max} {@link Integer#MAX_VALUE} = no bound). */
public record InputArity(int min, int max) {
    public static final InputArity NONE = new InputArity(0, 0);
    public static final InputArity ONE = new InputArity(1, 1);
    public static final InputArity TWO = new InputArity(2, 2);
    public static final InputArity TWO_OR_MORE = new InputArity(2, Integer.MAX_VALUE);

    public boolean accepts(long n) {
        return n >= min && n <= max;
    }
}
