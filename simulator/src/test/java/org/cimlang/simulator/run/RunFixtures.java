package org.cimlang.simulator.run;

import java.nio.file.Path;
import java.util.List;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;

/**
 * A small MLP 64-32-10 on 8x8 2-bit digits with int4 weights (trained quantisation-aware), and runs of it
 * on chips with 64 x 64 arrays of 2-bit cells, a 1-bit DAC and an 8-bit ADC.
 */
final class RunFixtures {
    static final String WEIGHTS = "small.npz";

    private RunFixtures() {
    }

    static Network network() {
        return TestDesigns.mlp("Small", 64, 32, 10, WEIGHTS);
    }

    static Quantization quantization() {
        return TestDesigns.quantization("Q", "Small", TestDesigns.spec(NumberType.signed(4), true,
                Granularity.PER_CHANNEL), TestDesigns.spec(NumberType.unsigned(6), false, Granularity.PER_TENSOR),
                List.of(new QuantOverride("in", null, TestDesigns.spec(NumberType.unsigned(2), null, null), null)), 64);
    }

    static Chip chip(NonIdeality n, long compensationRows) {
        return TestDesigns.chip("T", Technology.RRAM, 64, 64, 2, 8, 1, WeightEncoding.DIFFERENTIAL, Slicing.BINARY,
                compensationRows, n);
    }

    static NonIdeality model(double variation, double readNoise, double stuck0, double stuck1, double adcOffset,
            double drift) {
        return new NonIdeality(variation, false, readNoise, stuck0, stuck1, adcOffset, drift, null);
    }

    static SimulationSpec simulation(boolean nonideal, long trials, int images, double timeS) {
        return new SimulationSpec("Sim", "M", TestDesigns.mnist("test", images, 8, 2), nonideal, 5, trials, timeS, null,
                null);
    }

    static Compilation compile(Chip chip, SimulationSpec sim) {
        return TestDesigns.compile(chip, network(), quantization(), sim);
    }

    /** Runs on {@code dir} (which holds or receives the weights). */
    static SimulationResult run(Path dir, Chip chip, SimulationSpec sim, int threads) {
        return SimulationRunner.run(new SimulationRunner.Request(compile(chip, sim), sim, dir, dir, dir, 0, threads, null,
                null));
    }
}
