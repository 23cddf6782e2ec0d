package org.cimlang.compiler.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.LifetimeRequirement;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;

/**
 * Chips and mapping specs for tests. {@link Spec} is a mutable test builder; every part origin of a
 * chip is {@code "@" + name + "." + part} so tests can check where a diagnostic lands.
 */
public final class TestChips {
    private TestChips() {
    }

    /** A chip under construction; starts as an ISAAC-like RRAM chip. */
    public static final class Spec {
        String name = "Isaac";
        Technology technology = Technology.RRAM;
        double nodeNm = 32;
        double clockHz = 1.2e9;
        long tiles = 168;
        long arraysPerTile = 96;
        long rows = 128;
        long cols = 128;
        int cellBits = 2;
        double readLatencyS = 100e-9;
        double readEnergyJ = 0.3e-12;
        double writeLatencyS = 100e-9;
        double writeEnergyJ = 10e-12;
        long rowsActive;
        int adcBits = 8;
        long adcShared = 128;
        double adcLatencyS = 0.78e-9;
        double adcEnergyJ = 2e-12;
        int dacBits = 1;
        double dacEnergyJ = 0.004e-12;
        WeightEncoding encoding = WeightEncoding.DIFFERENTIAL;
        Slicing slicing = Slicing.BINARY;
        long buffer = 64 * 1024;
        double endurance = 1e8;
        long compensationRows;

        public Spec name(String v) { name = v; return this; }
        public Spec technology(Technology v) { technology = v; return this; }
        public Spec tiles(long t, long perTile) { tiles = t; arraysPerTile = perTile; return this; }
        public Spec array(long r, long c) { rows = r; cols = c; return this; }
        public Spec cellBits(int v) { cellBits = v; return this; }
        public Spec rowsActive(long v) { rowsActive = v; return this; }
        public Spec adc(int bits, long shared, double latency) { adcBits = bits; adcShared = shared; adcLatencyS = latency; return this; }
        public Spec dacBits(int v) { dacBits = v; return this; }
        public Spec encoding(WeightEncoding v) { encoding = v; return this; }
        public Spec slicing(Slicing v) { slicing = v; return this; }
        public Spec buffer(long v) { buffer = v; return this; }
        public Spec endurance(double v) { endurance = v; return this; }
        public Spec readLatency(double v) { readLatencyS = v; return this; }
        public Spec writeLatency(double v) { writeLatencyS = v; return this; }
        public Spec compensationRows(long v) { compensationRows = v; return this; }

        /** Zeroes every optional figure, so the cost model's defaults apply. */
        public Spec omitOptional() {
            nodeNm = 0; clockHz = 0; readLatencyS = 0; readEnergyJ = 0; writeLatencyS = 0; writeEnergyJ = 0;
            adcBits = 0; adcShared = 0; adcLatencyS = 0; adcEnergyJ = 0; dacBits = 0; dacEnergyJ = 0; buffer = 0;
            endurance = 0;
            return this;
        }

        public Chip build() {
            Map<String, Object> parts = new HashMap<>();
            for (String p : List.of("technology", "node", "clock", "tiles", "arraysPerTile", "array", "cellBits",
                    "rowsActive", "adc", "dac", "encoding", "slicing", "buffer", "endurance", "nonideal")) {
                parts.put(p, "@" + name + "." + p);
            }
            return Chip.builder(name).technology(technology).nodeNm(nodeNm).clockHz(clockHz).tiles(tiles)
                    .arraysPerTile(arraysPerTile).array(rows, cols).cellBits(cellBits).readLatencyS(readLatencyS)
                    .readEnergyJ(readEnergyJ).writeLatencyS(writeLatencyS).writeEnergyJ(writeEnergyJ)
                    .rowsActive(rowsActive).adcBits(adcBits).adcSharedColumns(adcShared).adcLatencyS(adcLatencyS)
                    .adcEnergyJ(adcEnergyJ).dacBits(dacBits).dacEnergyJ(dacEnergyJ).encoding(encoding).slicing(slicing)
                    .bufferBytesPerTile(buffer).enduranceWrites(endurance).offsetCompensationRows(compensationRows)
                    .nonideal(NonIdeality.NONE).origin("@" + name).partOrigins(parts).build();
        }
    }

    public static Spec chip() {
        return new Spec();
    }

    /** ISAAC-like: 168 tiles x 96 arrays of 128x128 2-bit ReRAM, 8-bit ADC per 128 columns, 1-bit DAC. */
    public static Chip isaac() {
        return chip().build();
    }

    /** PIMCOMP-like: 12x12 cores of 64 arrays, 128x128, 2-bit cells, 8-bit ADC. */
    public static Chip pimcomp() {
        return chip().name("Pimcomp").tiles(144, 64).adc(8, 8, 1e-9).build();
    }

    /** A mapping spec under construction. */
    public static final class MapSpec {
        boolean layerPerTile;
        boolean pack;
        final String network;
        final String chip;
        final List<Placement> placements = new java.util.ArrayList<>();
        ScheduleKind schedule = ScheduleKind.PIPELINE;
        boolean reprogram;
        LifetimeRequirement lifetime;
        String quantization;

        MapSpec(String network, String chip) {
            this.network = network;
            this.chip = chip;
        }

        public MapSpec place(String pattern, Range tiles, Range arrays, long replicate, boolean auto) {
            placements.add(new Placement(pattern, tiles, arrays, replicate, auto, "@place" + placements.size()));
            return this;
        }

        public MapSpec place(String pattern, long tileFrom, long tileTo) {
            return place(pattern, new Range(tileFrom, tileTo), null, 0, false);
        }

        public MapSpec sequential() { schedule = ScheduleKind.SEQUENTIAL; return this; }
        public MapSpec reprogram() { reprogram = true; return this; }
        public MapSpec layerPerTile() { layerPerTile = true; return this; }
        public MapSpec pack() { pack = true; return this; }
        public MapSpec quantization(String q) { quantization = q; return this; }
        public MapSpec lifetime(double years, double fps) { lifetime = new LifetimeRequirement(years, fps, "@lifetime"); return this; }

        public MappingSpec build() {
            Map<String, Object> parts = Map.of("network", "@map.network", "chip", "@map.chip", "quantization",
                    "@map.quantization", "schedule", "@map.schedule", "reprogram", "@map.reprogram", "floorplan",
                    "@map.floorplan");
            return new MappingSpec("M", network, chip, quantization, placements, schedule, reprogram, pack,
                    layerPerTile, lifetime, "@map", parts);
        }
    }

    public static MapSpec mapping(String network, String chip) {
        return new MapSpec(network, chip);
    }
}
