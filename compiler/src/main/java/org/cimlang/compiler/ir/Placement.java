package org.cimlang.compiler.ir;

/**
 * {@code place c1 on tile 0 replicate 4}, {@code place fc* on tile 3 arrays 0..31}.
 *
 * @param pattern       a layer name or glob
 * @param tiles         tiles it may use (null = anywhere)
 * @param arrays        array indexes within each of those tiles (null = any)
 * @param replicate     copies of the layer (0 = not given, i.e. 1)
 * @param replicateAuto {@code replicate auto}: spare arrays go to the slowest stages
 * @param faultAware    {@code fault aware}: the rows of each array are permuted so that the chip's known
 *                      stuck-at cells hold the digits they are stuck at where possible
 * @param operands      {@code on digital} / {@code on arrays}: where a matmul's run-time operands go (null = not
 *                      said: digital)
 */
public record Placement(String pattern, Range tiles, Range arrays, long replicate, boolean replicateAuto,
        boolean faultAware, OperandSite operands, Object origin) {

    public Placement(String pattern, Range tiles, Range arrays, long replicate, boolean replicateAuto,
            boolean faultAware, Object origin) {
        this(pattern, tiles, arrays, replicate, replicateAuto, faultAware, null, origin);
    }

    /** Whether the line only says where a matmul's operands go, not which arrays or copies. */
    public boolean operandsOnly() {
        return operands != null && tiles == null && arrays == null && replicate == 0 && !replicateAuto && !faultAware;
    }

    /** A placement without {@code fault aware}. */
    public Placement(String pattern, Range tiles, Range arrays, long replicate, boolean replicateAuto, Object origin) {
        this(pattern, tiles, arrays, replicate, replicateAuto, false, origin);
    }
}
