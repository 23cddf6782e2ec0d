package org.cimlang.simulator.run;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;

/** Designs built in Java (no DSL) for the simulator's tests. */
public final class TestDesigns {
    private TestDesigns() {
    }

    /** A chip with the given array, bits and non-idealities; energies and timings from the defaults. */
    public static Chip chip(String name, Technology tech, long rows, long cols, int cellBits, int adcBits, int dacBits,
            WeightEncoding enc, Slicing slicing, long compensationRows, NonIdeality nonideal) {
        return Chip.builder(name).technology(tech).nodeNm(32).clockHz(1e9).tiles(8).arraysPerTile(64).array(rows, cols)
                .cellBits(cellBits).adcBits(adcBits).adcSharedColumns(1).dacBits(dacBits).encoding(enc).slicing(slicing)
                .offsetCompensationRows(compensationRows).nonideal(nonideal).build();
    }

    public static QuantSpec spec(NumberType t, Boolean symmetric, Granularity g) {
        return new QuantSpec(t, symmetric, g, CalibrationMethod.MINMAX, null, null);
    }

    /** input [features] -> dense hidden relu -> dense classes. */
    public static Network mlp(String name, int features, int hidden, int classes, String weights) {
        return new Network(name, List.of(Layer.builder("in", LayerKind.INPUT).shape(Shape.of(features)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("in").units(hidden).activation(Activation.RELU).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("fc1").units(classes).build()), weights, null);
    }

    /** A small convolutional network for 12x12 digits: conv, batchnorm relu, maxpool, flatten, dense. */
    public static Network convNet(String name, String weights) {
        return new Network(name, List.of(Layer.builder("img", LayerKind.INPUT).shape(Shape.of(1, 12, 12)).build(),
                Layer.builder("c1", LayerKind.CONV2D).inputs("img").filters(4).kernel(3).padding(1).bias(false).build(),
                Layer.builder("bn1", LayerKind.BATCHNORM).inputs("c1").activation(Activation.RELU).build(),
                Layer.builder("p1", LayerKind.MAXPOOL).inputs("bn1").kernel(2).build(),
                Layer.builder("c2", LayerKind.CONV2D).inputs("p1").filters(8).kernel(3).activation(Activation.RELU)
                        .build(),
                Layer.builder("p2", LayerKind.AVGPOOL).inputs("c2").kernel(2).build(),
                Layer.builder("f", LayerKind.FLATTEN).inputs("p2").build(),
                Layer.builder("out", LayerKind.DENSE).inputs("f").units(10).build()), weights, null);
    }

    /** A binary MLP 100-32-10 with folded batchnorms and sign activations. */
    public static Network binaryNet(String name, String weights) {
        return new Network(name, List.of(Layer.builder("px", LayerKind.INPUT).shape(Shape.of(100)).build(),
                Layer.builder("fc1", LayerKind.DENSE).inputs("px").units(32).bias(false).build(),
                Layer.builder("bn1", LayerKind.BATCHNORM).inputs("fc1").activation(Activation.SIGN).build(),
                Layer.builder("fc2", LayerKind.DENSE).inputs("bn1").units(10).bias(false).build(),
                Layer.builder("bn2", LayerKind.BATCHNORM).inputs("fc2").build()), weights, null);
    }

    public static Quantization quantization(String name, String network, QuantSpec weights, QuantSpec activations,
            List<QuantOverride> overrides, long samples) {
        return new Quantization(name, network, weights, activations, overrides, null, samples, null);
    }

    public static DatasetSpec mnist(String split, long limit, int resize, int inputBits) {
        return new DatasetSpec("mnist", null, split, limit, resize, resize, null, null, inputBits, null);
    }

    public static SimulationSpec simulation(String name, String mapping, DatasetSpec data, boolean nonideal, long seed,
            long trials, String report) {
        return new SimulationSpec(name, mapping, data, nonideal, seed, trials, 0, report, null);
    }

    /** Compiles the one mapping of a design made of these parts. */
    public static Compilation compile(Chip chip, Network net, Quantization q, SimulationSpec sim) {
        MappingSpec m = new MappingSpec(sim.mapping(), net.name(), chip.name(), q == null ? null : q.name(), List.of(),
                ScheduleKind.PIPELINE, false, false, null, null, null);
        Design d = new Design(List.of(chip), List.of(net), q == null ? List.of() : List.of(q), List.of(m), List.of(sim));
        Compilation c = Compiler.compile(d, m.name());
        if (c.hasErrors()) {
            throw new IllegalStateException("test design does not compile: " + c.errors());
        }
        return c;
    }
}
