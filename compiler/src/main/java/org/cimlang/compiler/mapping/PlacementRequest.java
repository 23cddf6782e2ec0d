package org.cimlang.compiler.mapping;

/**
 * What the placement stage needs to know of a crossbar layer.
 *
 * @param arraysPerCopy arrays one copy of the layer occupies
 * @param mvms          matrix-vector products per image (no use replicating beyond it)
 * @param mvmLatencyS   time of one MVM on one copy: replicas divide the layer's time
 * @param explanation   how the arrays come about, e.g.
 *                      {@code 1152 rows -> 9 row blocks x 512 columns -> 4 column blocks}
 */
public record PlacementRequest(String layer, long arraysPerCopy, long mvms, double mvmLatencyS, String explanation) {
}
