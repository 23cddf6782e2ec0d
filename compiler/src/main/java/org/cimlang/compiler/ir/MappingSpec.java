package org.cimlang.compiler.ir;

import java.util.List;

/**
 * A mapping of a network onto a chip with a quantization.
 *
 * @param reprogramAllowed the network may time-multiplex arrays by rewriting weights
 * @param pack             layers may share arrays (otherwise each layer gets whole arrays)
 * @param layerPerTile     {@code floorplan layer per tile}: each automatically placed layer starts on whole
 *                         free tiles (NeuroSim's floorplan)
 * @param lifetime         required lifetime, or null
 * @param partOrigins      origins keyed "network", "chip", "quantization", "schedule", "reprogram"
 */
public record MappingSpec(String name, String network, String chip, String quantization, List<Placement> placements,
        ScheduleKind schedule, boolean reprogramAllowed, boolean pack, boolean layerPerTile,
        LifetimeRequirement lifetime, Object origin, java.util.Map<String, Object> partOrigins) {
    public MappingSpec {
        placements = List.copyOf(placements);
        schedule = schedule == null ? ScheduleKind.PIPELINE : schedule;
        partOrigins = partOrigins == null ? java.util.Map.of() : java.util.Map.copyOf(partOrigins);
    }

    /** A mapping packed as the placement packs by default (no floorplan rule). */
    public MappingSpec(String name, String network, String chip, String quantization, List<Placement> placements,
            ScheduleKind schedule, boolean reprogramAllowed, boolean pack, LifetimeRequirement lifetime, Object origin,
            java.util.Map<String, Object> partOrigins) {
        this(name, network, chip, quantization, placements, schedule, reprogramAllowed, pack, false, lifetime, origin,
                partOrigins);
    }

    /** Whether a {@code place ... fault aware} line names {@code layer} (by name or pattern). */
    public boolean faultAware(String layer) {
        for (Placement p : placements) {
            if (p.faultAware() && org.cimlang.compiler.quant.LayerPattern.matches(p.pattern(), layer)) {
                return true;
            }
        }
        return false;
    }

    /** The line that says where {@code layer}'s run-time operands go, or null (then: the digital units). */
    public Placement operandPlacement(String layer) {
        for (Placement p : placements) {
            if (p.operands() != null && org.cimlang.compiler.quant.LayerPattern.matches(p.pattern(), layer)) {
                return p;
            }
        }
        return null;
    }

    /** Whether a {@code place ... on arrays} line writes {@code layer}'s second operand into arrays. */
    public boolean operandsOnArrays(String layer) {
        Placement p = operandPlacement(layer);
        return p != null && p.operands() == OperandSite.ARRAYS;
    }

    /** This mapping with the run-time operands of {@code layer} placed at {@code site} (the hover's comparison). */
    public MappingSpec withOperands(String layer, OperandSite site) {
        List<Placement> ps = new java.util.ArrayList<>();
        for (Placement p : placements) {
            if (p.operands() == null || !org.cimlang.compiler.quant.LayerPattern.matches(p.pattern(), layer)) {
                ps.add(p);
            } else if (!p.operandsOnly()) {
                ps.add(new Placement(p.pattern(), p.tiles(), p.arrays(), p.replicate(), p.replicateAuto(),
                        p.faultAware(), null, p.origin()));
            }
        }
        ps.add(0, new Placement(layer, null, null, 0, false, false, site, null));
        return new MappingSpec(name, network, chip, quantization, ps, schedule, reprogramAllowed, pack, layerPerTile,
                lifetime, origin, partOrigins);
    }

    public Object originOf(String part) {
        Object o = partOrigins.get(part);
        return o != null ? o : origin;
    }
}
