package org.cimlang.compiler.cost;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Limits;

/**
 * Every figure the cost model prices with, resolved from the chip and, where the chip omits one, from
 * {@link TechnologyDefaults} and the periphery defaults below (all documented in docs/cost-model.md).
 * Defaulted energies scale linearly with the node, defaulted areas with its square.
 *
 * @param defaulted the names of the parameters that came from defaults, in a fixed order
 */
public record CostParameters(double nodeNm, double clockHz, double readLatencyS, double readEnergyJ,
        double writeLatencyS, double writeEnergyJ, int adcBits, double adcLatencyS, double adcEnergyJ,
        long adcSharedColumns, int dacBits, double dacEnergyJ, long bufferBytesPerTile, double enduranceWrites,
        double shiftAddEnergyJ, double accumulateEnergyJ, double bufferEnergyPerByteJ, double digitalOpEnergyJ,
        long digitalOpsPerCycle, double cellAreaMm2, double adcAreaMm2, double dacAreaMm2, double shiftAddAreaMm2,
        double bufferAreaPerByteMm2, double digitalAreaPerTileMm2, List<String> defaulted) {

    public CostParameters {
        defaulted = List.copyOf(defaulted);
    }

    // Periphery at the reference node (32 nm); sources in docs/cost-model.md.
    static final double NODE_NM = 32;
    static final double CLOCK_HZ = 1e9;
    static final double ADC8_ENERGY_J = 1.67e-12;
    static final double ADC8_LATENCY_S = 0.83e-9;
    static final double ADC8_AREA_MM2 = 0.0012;
    static final double DAC1_ENERGY_J = 3.3e-15;
    static final double DAC1_AREA_MM2 = 1.7e-7;
    static final double SHIFT_ADD_ENERGY_J = 0.042e-12;
    static final double SHIFT_ADD_AREA_MM2 = 6e-5;
    static final double BUFFER_ENERGY_PER_BYTE_J = 0.54e-12;
    static final double BUFFER_AREA_PER_BYTE_MM2 = 0.083 / 65536;
    static final double DIGITAL_OP_ENERGY_J = 0.1e-12;
    static final double DIGITAL_AREA_PER_TILE_MM2 = 0.01;
    static final long DIGITAL_OPS_PER_CYCLE = 64;
    static final long ADC_SHARED_COLUMNS = 1; // the language's default: one ADC per column
    static final long BUFFER_BYTES_PER_TILE = 64 * 1024;

    /**
     * Resolves the parameters of a chip.
     *
     * @param adcBitsIfOmitted the ADC resolution to assume when the chip gives none (the engine passes
     *                         the bits the network needs, i.e. an exact ADC)
     */
    public static CostParameters resolve(Chip chip, int adcBitsIfOmitted) {
        List<String> defaulted = new ArrayList<>();
        TechnologyDefaults t = TechnologyDefaults.of(chip.technology());
        double node = pick(chip.nodeNm(), NODE_NM, "node", defaulted);
        double e = node / TechnologyDefaults.REFERENCE_NODE_NM;
        double a = e * e;
        double clock = pick(chip.clockHz(), CLOCK_HZ, "clock", defaulted);
        double readLat = pick(chip.readLatencyS(), t.readLatencyS(), "readLatency", defaulted);
        double readE = pick(chip.readEnergyJ(), t.readEnergyJ() * e, "readEnergy", defaulted);
        double writeLat = pick(chip.writeLatencyS(), t.writeLatencyS(), "writeLatency", defaulted);
        double writeE = pick(chip.writeEnergyJ(), t.writeEnergyJ() * e, "writeEnergy", defaulted);
        int adcBits = chip.adcBits() > 0 ? chip.adcBits() : Math.max(1, adcBitsIfOmitted);
        if (chip.adcBits() <= 0) {
            defaulted.add("adcBits");
        }
        // SAR-style: latency grows with the bits, energy and area double per bit (Walden figure of merit)
        double adcScale = Math.pow(2, adcBits - 8);
        double adcLat = pick(chip.adcLatencyS(), ADC8_LATENCY_S * adcBits / 8.0, "adcLatency", defaulted);
        double adcE = pick(chip.adcEnergyJ(), ADC8_ENERGY_J * adcScale * e, "adcEnergy", defaulted);
        long shared = chip.adcSharedColumns() > 0 ? chip.adcSharedColumns() : ADC_SHARED_COLUMNS;
        if (chip.adcSharedColumns() <= 0) {
            defaulted.add("adcSharedColumns");
        }
        int dacBits = Limits.dacBits(chip);
        if (chip.dacBits() <= 0) {
            defaulted.add("dacBits");
        }
        double dacLevels = Math.pow(2, dacBits) - 1;
        double dacE = pick(chip.dacEnergyJ(), DAC1_ENERGY_J * dacLevels * e, "dacEnergy", defaulted);
        long buffer = chip.bufferBytesPerTile() > 0 ? chip.bufferBytesPerTile() : BUFFER_BYTES_PER_TILE;
        if (chip.bufferBytesPerTile() <= 0) {
            defaulted.add("buffer");
        }
        double endurance;
        if (chip.enduranceWrites() > 0) {
            endurance = chip.enduranceWrites();
        } else {
            endurance = t.endurance(chip.cellBits());
            defaulted.add("endurance");
        }
        double f2 = node * 1e-6 * node * 1e-6; // F^2 in mm^2
        return new CostParameters(node, clock, readLat, readE, writeLat, writeE, adcBits, adcLat, adcE, shared, dacBits,
                dacE, buffer, endurance, SHIFT_ADD_ENERGY_J * e, SHIFT_ADD_ENERGY_J * e, BUFFER_ENERGY_PER_BYTE_J * e,
                DIGITAL_OP_ENERGY_J * e, DIGITAL_OPS_PER_CYCLE, t.cellAreaF2() * f2, ADC8_AREA_MM2 * adcScale * a,
                DAC1_AREA_MM2 * dacLevels * a, SHIFT_ADD_AREA_MM2 * a, BUFFER_AREA_PER_BYTE_MM2 * a,
                DIGITAL_AREA_PER_TILE_MM2 * a, defaulted);
    }

    private static double pick(double given, double fallback, String name, List<String> defaulted) {
        if (given > 0) {
            return given;
        }
        defaulted.add(name);
        return fallback;
    }

    /** Whether a parameter came from the defaults. */
    public boolean isDefaulted(String name) {
        return defaulted.contains(name);
    }
}
