package org.cimlang.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.MappingEngine;
import org.cimlang.compiler.mapping.MappingResult;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * The cost model against DNN+NeuroSim V1.4's manual, Table VII: VGG-8 on CIFAR-10, 1 bit per cell,
 * 128 x 128 sub-arrays, 8-bit weights and activations, XY bus, 4-bit ADC, layer by layer. The same
 * table, with every error, is in docs/cost-model.md.
 */
class NeuroSimValidationTest {

    /** One published row: chip area mm2, TOPS, TOPS/W. */
    record Published(String name, Technology technology, double nodeNm, long parallelRead, double areaMm2, double tops,
            double topsPerW) {
    }

    static final List<Published> TABLE_VII = List.of(
            new Published("RRAM 22 nm PR32", Technology.RRAM, 22, 32, 381.90, 6.25, 11.25),
            new Published("RRAM 22 nm PR64", Technology.RRAM, 22, 64, 378.06, 8.16, 19.88),
            new Published("SRAM 22 nm PR32", Technology.SRAM, 22, 32, 85.97, 6.06, 8.76),
            new Published("SRAM 22 nm PR64", Technology.SRAM, 22, 64, 84.39, 8.01, 17.13),
            new Published("SRAM 5 nm PR32", Technology.SRAM, 5, 32, 14.64, 11.48, 32.43),
            new Published("SRAM 5 nm PR64", Technology.SRAM, 5, 64, 14.33, 11.96, 54.41),
            new Published("SRAM 1 nm PR32", Technology.SRAM, 1, 32, 8.34, 12.27, 65.08),
            new Published("SRAM 1 nm PR64", Technology.SRAM, 1, 64, 8.27, 13.08, 105.97));

    /** VGG-8 as NeuroSim's models/VGG.py has it (no biases), as examples/networks/vgg8.cim. */
    static Network vgg8() {
        TestNetworks.Builder b = new TestNetworks.Builder("Vgg8").input("image", 3, 32, 32);
        long[] filters = {128, 128, 256, 256, 512, 512};
        String x = "image";
        for (int i = 0; i < filters.length; i++) {
            String n = "conv" + (i + 1);
            b.convRelu(n, x, filters[i], 3, 1, 1);
            x = n;
            if (i % 2 == 1) {
                b.maxpool("pool" + (i / 2 + 1), x, 2, 2, 0);
                x = "pool" + (i / 2 + 1);
            }
        }
        return b.flatten("flat", x).dense("fc1", "flat", 1024, Activation.RELU).dense("fc2", "fc1", 10, Activation.NONE)
                .build();
    }

    /** examples/chips/neurosim.cim with the row's technology, node, parallel read and ADC. */
    static Chip neuroSim(Technology technology, double nodeNm, long parallelRead, int adcBits) {
        return Chip.builder("NeuroSim").technology(technology).nodeNm(nodeNm).clockHz(1e9).tiles(512)
                .arraysPerTile(16).array(128, 128).cellBits(1).rowsActive(parallelRead).adcBits(adcBits)
                .adcSharedColumns(8).dacBits(1).encoding(WeightEncoding.OFFSET).build();
    }

    static MappingResult map(Chip chip) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(vgg8());
        // NeuroSim's default: layer by layer (Param.cpp pipeline = false)
        MappingSpec spec = new MappingSpec("Vgg8OnNeuroSim", "Vgg8", chip.name(), null, List.of(),
                ScheduleKind.SEQUENTIAL, false, false, null, null, null);
        return MappingEngine.map(chip, a, EffectiveQuantization.resolve(a, null), spec);
    }

    static double err(double model, double published) {
        return (model - published) / published;
    }

    @Test
    void tableViiAreaTopsAndTopsPerWattAreWithinTenPercentOnAverage() {
        double area = 0;
        double tops = 0;
        double eff = 0;
        List<String> lines = new ArrayList<>();
        for (Published p : TABLE_VII) {
            CostReport c = map(neuroSim(p.technology(), p.nodeNm(), p.parallelRead(), 4)).cost();
            double ea = err(c.chipArea().total(), p.areaMm2());
            double et = err(c.tops(), p.tops());
            double ee = err(c.topsPerWatt(), p.topsPerW());
            area += Math.abs(ea);
            tops += Math.abs(et);
            eff += Math.abs(ee);
            lines.add(String.format(Locale.ROOT, "%-16s area %7.2f (%7.2f, %+5.1f%%)  TOPS %6.2f (%6.2f, %+5.1f%%)  TOPS/W %7.2f (%7.2f, %+5.1f%%)  %s",
                    p.name(), c.chipArea().total(), p.areaMm2(), 100 * ea, c.tops(), p.tops(), 100 * et, c.topsPerWatt(),
                    p.topsPerW(), 100 * ee, System.getProperty("cim.cost.detail") == null ? "" : c.chipArea() + " " + c.energy()
                            + " latency " + c.latencyS()));
        }
        int n = TABLE_VII.size();
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "mean |error|: area %.1f%%, TOPS %.1f%%, TOPS/W %.1f%%%n", 100 * area / n,
                100 * tops / n, 100 * eff / n);
        assertTrue(area / n <= 0.10, "area mean error " + area / n);
        assertTrue(tops / n <= 0.10, "TOPS mean error " + tops / n);
        assertTrue(eff / n <= 0.10, "TOPS/W mean error " + eff / n);
    }
}
