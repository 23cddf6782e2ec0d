package org.cimlang.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.ComputeMode;
import org.cimlang.compiler.ir.Periphery;
import org.cimlang.compiler.ir.Technology;
import org.junit.jupiter.api.Test;

/**
 * What a macro paper's chip states beyond a crossbar accelerator's: its supply, charge-domain cells, inputs as
 * pulse counts, and that its figures stop at the macro's edge (docs/cost-model.md).
 */
class MacroComponentsTest {

    /** A 64 x 64 SRAM macro at 22 nm (nominal 0.85 V), every figure from the models. */
    static Chip macro(double supplyV, ComputeMode mode, double capacitorF, int dacBits, boolean pulses,
            boolean macroOnly) {
        return Chip.builder("M").technology(Technology.SRAM).nodeNm(22).clockHz(1e9).tiles(1).arraysPerTile(1)
                .array(64, 64).cellBits(1).adcBits(4).dacBits(dacBits)
                .periphery(new Periphery(0, null, null, 0, 0, -1, 0, 0, supplyV, mode, capacitorF, pulses, macroOnly))
                .build();
    }

    static CostParameters params(Chip c) {
        return CostParameters.resolve(c, 4, new org.cimlang.compiler.ir.Activity(0.5, 0.5));
    }

    @Test
    void aChargeDomainCellAddsItsCapacitorsChargeOnlyWhenItsProductIsOne() {
        CostParameters p = params(macro(0, ComputeMode.CHARGE, 2e-15, 1, false, false));
        // 64 rows x input density 0.5 x weight density 0.5 = 16 products of 1 per read, each charging 2 fF to
        // 0.85 V: 16 x 2 fF x 0.7225 V^2 = 23.12 fJ above the data-independent precharge and sensing
        assertEquals(23.12e-15, p.readEnergyJ() - p.readPrechargeJ(), 1e-18);
        assertEquals(2e-15 * 0.85 * 0.85, p.cellConductEnergyJ(), 1e-20);
        assertFalse(p.isDefaulted("capacitor"));
        assertTrue(params(macro(0, ComputeMode.CHARGE, 0, 1, false, false)).isDefaulted("capacitor"));
    }

    @Test
    void aSupplyBelowNominalScalesEverySwitchingEnergyByTheSquareOfTheVoltageRatio() {
        CostParameters nominal = params(macro(0, null, 0, 1, false, false));
        CostParameters low = params(macro(0.7, null, 0, 1, false, false));
        double r2 = (0.7 / 0.85) * (0.7 / 0.85);
        assertEquals(0.85, nominal.technologyNode().vdd(), 1e-12);
        assertEquals(0.7, low.technologyNode().vdd(), 1e-12);
        assertEquals(nominal.readEnergyJ() * r2, low.readEnergyJ(), nominal.readEnergyJ() * 1e-9);
        assertEquals(nominal.adcEnergyJ() * r2, low.adcEnergyJ(), nominal.adcEnergyJ() * 1e-9);
        assertEquals(nominal.dacEnergyJ() * r2, low.dacEnergyJ(), nominal.dacEnergyJ() * 1e-9);
        assertEquals(nominal.floorplan().leakageW() * 0.7 / 0.85, low.floorplan().leakageW(),
                nominal.floorplan().leakageW() * 1e-9);
        assertTrue(nominal.isDefaulted("supply") && !low.isDefaulted("supply"));
    }

    @Test
    void aFourBitInputAsPulsesIsFifteenBinaryReadsAndFifteenWordLinePulses() {
        CostParameters level = params(macro(0, null, 0, 4, false, false));
        CostParameters pulses = params(macro(0, null, 0, 4, true, false));
        CostParameters binary = params(macro(0, null, 0, 1, false, false));
        assertEquals(15 * binary.readEnergyJ(), pulses.readEnergyJ(), binary.readEnergyJ() * 1e-9);
        assertEquals(15 * binary.dacEnergyJ(), pulses.dacEnergyJ(), binary.dacEnergyJ() * 1e-9);
        assertEquals(15 * binary.readLatencyS(), pulses.readLatencyS(), binary.readLatencyS() * 1e-9);
        // a level DAC drives its row once, at 1 + B/2 = 3 times a binary drive
        assertEquals(binary.readEnergyJ(), level.readEnergyJ(), binary.readEnergyJ() * 1e-9);
        assertEquals(3 * binary.dacEnergyJ(), level.dacEnergyJ(), binary.dacEnergyJ() * 1e-9);
    }

    @Test
    void aLoneMacroHasNoTileBufferDigitalUnitsOrWiresInItsAreaOrEnergy() {
        CostParameters chip = params(macro(0, null, 0, 1, false, false));
        CostParameters macro = params(macro(0, null, 0, 1, false, true));
        AreaBreakdown a = macro.floorplan().chip();
        assertEquals(0, a.buffers());
        assertEquals(0, a.digital());
        assertEquals(0, a.interconnect());
        assertEquals(chip.floorplan().chip().arrays(), a.arrays(), 1e-15);
        assertEquals(chip.floorplan().chip().adcs(), a.adcs(), 1e-15);
        assertTrue(chip.floorplan().chip().buffers() > 0 && chip.floorplan().chip().interconnect() > 0);
        assertEquals(0, macro.bufferEnergyPerByteJ());
        assertEquals(0, macro.hTreeEnergyPerByteJ());
        assertEquals(0, macro.networkEnergyPerByteJ());
        assertEquals(0, macro.digitalOpEnergyJ());
        assertEquals(chip.readEnergyJ(), macro.readEnergyJ(), 1e-24);
    }
}
