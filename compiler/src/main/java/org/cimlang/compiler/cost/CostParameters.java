package org.cimlang.compiler.cost;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.compiler.ir.Activity;
import org.cimlang.compiler.ir.AdcArchitecture;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.ComputeMode;
import org.cimlang.compiler.ir.Limits;

/**
 * Every per-operation figure the schedule and the cost model price with, resolved from the chip and, where
 * the chip omits one, from the component models ({@link CellArray}, {@link AnalogToDigital}, ...) at the
 * chip's node of the {@link TechnologyNodes technology table}. docs/cost-model.md documents each.
 *
 * @param readEnergyJ         one column read at the assumed input and weight densities
 * @param readPrechargeJ      the data-independent part of a column read (precharge and sensing)
 * @param cellConductEnergyJ  one conducting cell on a driven row during a read
 * @param dacEnergyJ          driving one row once (word line and DAC); a row is driven when its input bit is 1
 * @param adcEnergyJ          one conversion with its column-mux selection
 * @param accumulateCycles    clock cycles of the shift-add and adder tree after each input cycle, per level
 * @param hTreeEnergyPerByteJ moving one buffer byte through a tile's H-tree
 * @param networkEnergyPerByteJ moving one byte over the network between tiles (half the chip on average)
 * @param defaulted           the names of the parameters that came from defaults, in a fixed order
 */
public record CostParameters(double nodeNm, TechnologyNode technologyNode, double clockHz, double readLatencyS,
        double readEnergyJ, double readPrechargeJ, double cellConductEnergyJ, double writeLatencyS,
        double writeEnergyJ, int adcBits, AdcArchitecture adcArchitecture, double adcLatencyS, double adcEnergyJ,
        long adcSharedColumns, int dacBits, double dacEnergyJ, long bufferBytesPerTile, double enduranceWrites,
        double shiftAddEnergyJ, double accumulateEnergyJ, double accumulateCycles, double bufferEnergyPerByteJ,
        double hTreeEnergyPerByteJ, double networkEnergyPerByteJ, double digitalOpEnergyJ, long digitalOpsPerCycle, double inputDensity,
        double weightDensity, Floorplan floorplan, List<String> defaulted) {

    public CostParameters {
        defaulted = List.copyOf(defaulted);
    }

    static final double NODE_NM = 32;
    static final double CLOCK_HZ = 1e9;
    static final long DIGITAL_OPS_PER_CYCLE = 64;
    static final long ADC_SHARED_COLUMNS = 1; // the language's default: one ADC per column
    static final long BUFFER_BYTES_PER_TILE = 64 * 1024;
    /** Share of an 8-bit ReLU activation's bits that are 1 (bit-serial inputs): 0.25, see docs/cost-model.md. */
    public static final double INPUT_DENSITY = 0.25;
    /** Share of cells storing a 1 / high conductance with offset or differential weights. */
    public static final double WEIGHT_DENSITY = 0.5;
    /** Input bits the shift-add of the periphery is sized for. */
    static final int SHIFT_ADD_INPUT_BITS = 8;

    /** Resolves the parameters of a chip for data of the default activity. */
    public static CostParameters resolve(Chip chip, int adcBitsIfOmitted) {
        return resolve(chip, adcBitsIfOmitted, Activity.DEFAULT);
    }

    /**
     * Resolves the parameters of a chip.
     *
     * @param adcBitsIfOmitted the ADC resolution to assume when the chip gives none (the engine passes
     *                         the bits the network needs, i.e. an exact ADC)
     * @param activity         the network's stated data activity (0 = the defaults)
     */
    public static CostParameters resolve(Chip chip, int adcBitsIfOmitted, Activity activity) {
        List<String> defaulted = new ArrayList<>();
        double node = pick(chip.nodeNm(), NODE_NM, "node", defaulted);
        TechnologyNode nominal = TechnologyNodes.of(node);
        TechnologyNode t = nominal.withSupply(chip.periphery().supplyV());
        if (chip.periphery().supplyV() <= 0) {
            defaulted.add("supply");
        }
        MemoryDevice dev = MemoryDevice.of(chip.technology()).statedBy(chip.periphery());
        ComputeMode mode = chip.periphery().computeModeFor(chip.technology());
        double capacitor = chip.periphery().capacitorF() > 0 ? chip.periphery().capacitorF() : CellArray.CHARGE_CAPACITOR_F;
        if (mode == ComputeMode.CHARGE && chip.periphery().capacitorF() <= 0) {
            defaulted.add("capacitor");
        }
        double e = t.gateEnergyJ() / TechnologyNodes.of(22).gateEnergyJ();
        int dacBits = Limits.dacBits(chip);
        // a B-bit input as a count of pulses: every read is 2^B - 1 pulse slots of a binary read, and a row is
        // pulsed as many times as its value (din x (2^B - 1) on average, the same density as its bits)
        double pulses = chip.periphery().pulseInputs() && dacBits > 1 ? Math.pow(2, dacBits) - 1 : 1;
        double clock = pick(chip.clockHz(), CLOCK_HZ, "clock", defaulted);
        double din = activity.inputDensity() > 0 ? activity.inputDensity() : INPUT_DENSITY;
        double dw = activity.weightDensity() > 0 ? activity.weightDensity() : WEIGHT_DENSITY;
        if (activity.inputDensity() <= 0) {
            defaulted.add("inputDensity");
        }
        long rowsActive = chip.effectiveRowsActive();
        double readLat = pick(chip.readLatencyS(), pulses * CellArray.readLatencyS(chip.rows(), chip.cols(), dev, t),
                "readLatency", defaulted);
        double precharge = pulses * CellArray.readEnergyPerColumnJ(chip.rows(), rowsActive, 0, dw, dev, t, mode, capacitor);
        double modelled = pulses * CellArray.readEnergyPerColumnJ(chip.rows(), rowsActive, din, dw, dev, t, mode,
                capacitor);
        double conduct = rowsActive * din * dw > 0 ? (modelled - precharge) / (rowsActive * din * dw) : 0;
        double readE;
        if (chip.readEnergyJ() > 0) {
            // a stated figure is the whole read: scale both parts to it
            readE = chip.readEnergyJ();
            double k = modelled > 0 ? readE / modelled : 1;
            precharge *= k;
            conduct *= k;
        } else {
            readE = modelled;
            defaulted.add("readEnergy");
        }
        double writeLat = pick(chip.writeLatencyS(), dev.writeLatencyS(), "writeLatency", defaulted);
        double writeE = pick(chip.writeEnergyJ(), dev.writeEnergyJ() * e, "writeEnergy", defaulted);
        int adcBits = chip.adcBits() > 0 ? chip.adcBits() : Math.max(1, adcBitsIfOmitted);
        if (chip.adcBits() <= 0) {
            defaulted.add("adcBits");
        }
        AdcArchitecture arch = chip.periphery().adcArchitecture();
        if (arch == null) {
            arch = AnalogToDigital.defaultFor(adcBits);
            defaulted.add("adcArchitecture");
        }
        long shared = chip.adcSharedColumns() > 0 ? chip.adcSharedColumns() : ADC_SHARED_COLUMNS;
        if (chip.adcSharedColumns() <= 0) {
            defaulted.add("adcSharedColumns");
        }
        double adcLat = pick(chip.adcLatencyS(), AnalogToDigital.latencyS(arch, adcBits, t), "adcLatency", defaulted);
        double adcE = pick(chip.adcEnergyJ(), AnalogToDigital.energyJ(arch, adcBits, t) + ColumnMux.energyJ(shared, t),
                "adcEnergy", defaulted);
        if (chip.dacBits() <= 0) {
            defaulted.add("dacBits");
        }
        double drive = pulses > 1 ? pulses * RowDrivers.driveEnergyJ(chip.cols(), 1, dev, t)
                : RowDrivers.driveEnergyJ(chip.cols(), dacBits, dev, t);
        double dacE = pick(chip.dacEnergyJ(), drive, "dacEnergy", defaulted);
        long buffer = chip.bufferBytesPerTile() > 0 ? chip.bufferBytesPerTile() : BUFFER_BYTES_PER_TILE;
        if (chip.bufferBytesPerTile() <= 0) {
            defaulted.add("buffer");
        }
        double endurance;
        if (chip.enduranceWrites() > 0) {
            endurance = chip.enduranceWrites();
        } else {
            endurance = dev.endurance(chip.cellBits());
            defaulted.add("endurance");
        }
        Floorplan plan = Floorplan.of(chip, t, dev, adcBits, arch, shared, dacBits, buffer, defaulted);
        double shiftAddE = ShiftAdd.energyJ(adcBits, SHIFT_ADD_INPUT_BITS, t);
        double accumulateE = AdderTree.addEnergyJ(ShiftAdd.widthBits(adcBits, SHIFT_ADD_INPUT_BITS) + 4, t);
        double hTree = Wires.energyPerBitJ(plan.tileSideMm(), t);
        double network = Wires.energyPerBitJ(
                Wires.networkDistanceMm(plan.interconnect(), plan.tiles(), plan.tileSideMm()), t);
        // a lone macro's published energy stops at its own edge: buffers, wires and digital units are the host's
        boolean macro = chip.periphery().macroOnly();
        return new CostParameters(node, t, clock, readLat, readE, precharge, conduct, writeLat, writeE, adcBits, arch,
                adcLat, adcE, shared, dacBits, dacE, buffer, endurance, shiftAddE, accumulateE, 1,
                macro ? 0 : SramBuffer.energyPerByteJ(buffer, t), macro ? 0 : 8 * hTree, macro ? 0 : 8 * network,
                macro ? 0 : DigitalUnit.opEnergyJ(t), DIGITAL_OPS_PER_CYCLE, din, dw, plan, defaulted);
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
