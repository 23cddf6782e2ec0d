package org.cimlang.compiler.cost;

import org.cimlang.compiler.ir.AdcArchitecture;

/**
 * The column ADC, by architecture (docs/cost-model.md): a SAR's energy follows the Walden figure of merit
 * of the published surveys (energy = FoM x 2^B), scaled by C V^2 from its reference node; a flash and a
 * multi-level sense amplifier (NeuroSim's MLSA) have one comparator per level.
 */
public final class AnalogToDigital {
    private AnalogToDigital() {
    }

    /** Walden FoM of a SAR at 32 nm: ISAAC's 8-bit 1.28 GS/s, 2 mW converter is 6.1 fJ per step. */
    static final double SAR_FOM_J_32NM = 6.1e-15;
    /** Area of one SAR "unit" (a bit's capacitor and logic) at 32 nm: ISAAC's 8-bit converter, 0.0012 mm2, is 24 units. */
    static final double SAR_UNIT_F2 = 48_000;
    static final double FLASH_COMPARATOR_F2 = 1_500;
    static final double FLASH_COMPARATOR_GATES = 15;
    static final double MLSA_AMPLIFIER_F2 = 600;
    static final double MLSA_AMPLIFIER_GATES = 8;
    /** MLSA's per-conversion cost independent of its levels: the reference column and the encoder. */
    static final double MLSA_FIXED_GATES = 250;

    /** The architecture when the chip names none: the sense amplifier up to 5 bits (what fits a column pitch), a SAR above. */
    public static AdcArchitecture defaultFor(int bits) {
        return bits <= 5 ? AdcArchitecture.MLSA : AdcArchitecture.SAR;
    }

    public static double energyJ(AdcArchitecture a, int bits, TechnologyNode t) {
        double levels = Math.pow(2, bits) - 1;
        return switch (a) {
            case SAR -> SAR_FOM_J_32NM * Math.pow(2, bits) * t.gateEnergyJ() / TechnologyNodes.of(32).gateEnergyJ();
            case FLASH -> (levels * FLASH_COMPARATOR_GATES + 4 * bits) * t.gateEnergyJ();
            case MLSA -> (MLSA_FIXED_GATES + levels * MLSA_AMPLIFIER_GATES) * t.gateEnergyJ();
        };
    }

    public static double areaMm2(AdcArchitecture a, int bits, TechnologyNode t) {
        double levels = Math.pow(2, bits) - 1;
        return switch (a) {
            case SAR -> (bits + Math.pow(2, bits) / 16) * SAR_UNIT_F2 * t.f2Mm2();
            case FLASH -> (levels * FLASH_COMPARATOR_F2 + 400 * bits) * t.f2Mm2();
            case MLSA -> (levels * MLSA_AMPLIFIER_F2 + 300 * bits) * t.f2Mm2();
        };
    }

    /** One conversion: a SAR decides one bit per internal cycle; a flash and an MLSA decide at once. */
    public static double latencyS(AdcArchitecture a, int bits, TechnologyNode t) {
        return switch (a) {
            case SAR -> (bits + 1) * 7 * t.fo4DelayS();
            case FLASH -> 10 * t.fo4DelayS();
            case MLSA -> 16 * t.fo4DelayS();
        };
    }
}
