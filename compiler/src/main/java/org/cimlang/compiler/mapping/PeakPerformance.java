package org.cimlang.compiler.mapping;

import java.util.List;

import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.NetworkAnalysis;

/**
 * A chip's peak figures, as macro and accelerator papers publish them: every array computing products of
 * a matrix that fills it, one after another, on random data (half the input bits and half the cells 1).
 * Computed by the mapping engine itself: a dense layer as large as one array holds is mapped and priced,
 * and its one array stands for all of them.
 *
 * @param tops       peak tera-operations per second (2 per MAC), all arrays busy
 * @param topsPerW   at the peak, dynamic energy of the arrays and their periphery plus the chip's leakage
 * @param topsPerMm2 peak over the whole chip's area
 * @param powerW     chip power at the peak
 * @param macsPerMvm multiply-accumulates of one array's product ({@code inputs x outputs})
 * @param mvmLatencyS time of one product on one array
 */
public record PeakPerformance(double tops, double topsPerW, double topsPerMm2, double areaMm2, double powerW,
        long macsPerMvm, double mvmLatencyS) {

    static final String LAYER = "peak";
    static final org.cimlang.compiler.ir.Activity RANDOM_DATA = new org.cimlang.compiler.ir.Activity(0.5, 0.5);

    /**
     * @param weights the weights' number type (e.g. {@code int8}, {@code binary})
     * @param inputs  the inputs' number type (e.g. {@code uint8})
     */
    public static PeakPerformance of(Chip chip, NumberType weights, NumberType inputs) {
        long k = chip.rows() - chip.offsetCompensationRows();
        MappingResult best = null;
        // the widest layer whose weight columns (with any reference columns) fit one array
        for (long n = chip.cols(); n >= 1 && best == null; n = n > 64 ? n - Math.max(1, n / 64) : n - 1) {
            MappingResult r = map(chip, k, n, weights, inputs);
            LayerMapping lm = r.layers().isEmpty() ? null : r.layers().get(0);
            if (lm != null && lm.arraysPerCopy() == 1 && lm.replicate() == 1) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(chip.name() + ": not even one output fits an array");
        }
        LayerMapping lm = best.layers().get(0);
        double mvm = best.schedule().layer(LAYER).latencyS();
        double arrays = (double) chip.tiles() * chip.arraysPerTile();
        double dynamic = best.cost().energy().total() - best.cost().energy().leakage();
        double power = dynamic / mvm * arrays + best.cost().parameters().floorplan().leakageW();
        double tops = 2.0 * lm.macs() / mvm * arrays / 1e12;
        double area = best.cost().chipArea().total();
        return new PeakPerformance(tops, tops / power, tops / area, area, power, lm.macs(), mvm);
    }

    private static MappingResult map(Chip chip, long k, long n, NumberType weights, NumberType inputs) {
        Network net = new Network("Peak", List.of(
                Layer.builder("x", LayerKind.INPUT).shape(Shape.of(k)).build(),
                Layer.builder(LAYER, LayerKind.DENSE).inputs("x").units(n).bias(false).build()), null,
                RANDOM_DATA, null);
        var analyzed = NetworkAnalysis.analyze(net);
        Quantization q = new Quantization("PeakQ", "Peak",
                new QuantSpec(weights, true, Granularity.PER_TENSOR, CalibrationMethod.MINMAX, null, null),
                new QuantSpec(inputs, false, Granularity.PER_TENSOR, CalibrationMethod.MINMAX, null, null),
                List.of(), null, 0, null);
        MappingSpec spec = new MappingSpec("PeakMapping", "Peak", chip.name(), "PeakQ", List.of(),
                ScheduleKind.PIPELINE, false, false, null, null, null);
        return MappingEngine.map(chip, analyzed, EffectiveQuantization.resolve(analyzed, q), spec);
    }
}
