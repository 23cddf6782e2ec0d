package org.cimlang.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * lstm/gru in the mapping engine: the stacked [x_t; h_t-1] by 4H columns, one product per step, the steps one
 * after another on one copy, the gates' digital work per step in the latency and the cost.
 */
class RecurrentMappingTest {
    private static final Chip CHIP = TestChips.chip().name("Spare").tiles(4, 64).build();

    private static MappingResult map(Network n, boolean replicateAuto) {
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        return MappingEngine.map(CHIP, a, EffectiveQuantization.resolve(a, null), replicateAuto
                ? TestChips.mapping(n.name(), "Spare").place("*", null, null, 0, true).build() : null);
    }

    /** 49 frames of 10 features through a recurrent layer of 64: a 74 x 256 matrix read 49 times. */
    private static Network keywordSpotter(LayerKind kind) {
        return new TestNetworks.Builder("Kws").input("mfcc", 49, 10)
                .add(Layer.builder("rnn", kind).inputs("mfcc").units(64).last(true).origin("@rnn"))
                .add(Layer.builder("fc", LayerKind.DENSE).inputs("rnn").units(12).origin("@fc")).build();
    }

    @Test
    void anLstmIsTheStackedInputAndStateByFourGatesReadOncePerStep() {
        MappingResult r = map(keywordSpotter(LayerKind.LSTM), false);
        LayerMapping rnn = r.layer("rnn");
        assertEquals(10 + 64, rnn.k());
        assertEquals(4 * 64, rnn.n());
        assertEquals(49, rnn.mvms());
        assertEquals(49L * 74 * 256, rnn.macs());
        assertEquals(Shape.of(64), NetworkAnalysis.analyze(keywordSpotter(LayerKind.LSTM)).shapeOf("rnn"));
    }

    @Test
    void aGruTakesFourHColumnsTooItsCandidatesInputAndRecurrentPartsApart() {
        LayerMapping rnn = map(keywordSpotter(LayerKind.GRU), false).layer("rnn");
        assertEquals(74, rnn.k());
        assertEquals(256, rnn.n());
    }

    @Test
    void theStepsRunOneAfterAnotherOnOneCopyWhateverArraysAreSpare() {
        MappingResult r = map(keywordSpotter(LayerKind.LSTM), true);
        assertEquals(1, r.layer("rnn").replicate(), "a further copy would wait for the state like the first");
        LayerSchedule s = r.schedule().layer("rnn");
        assertEquals(49, s.mvmsPerReplica());
        // the same matrix as a dense layer, read once, gives one step's product time
        Network oneStep = new TestNetworks.Builder("Step").input("v", 74)
                .add(Layer.builder("rnn", LayerKind.DENSE).inputs("v").units(256).origin("@rnn")).build();
        double product = map(oneStep, false).schedule().layer("rnn").latencyS();
        // per step 9 digital operations per unit (3 sigmoids, 2 tanh, 3 products, 1 sum): 576 in 64 per cycle
        double cell = Math.ceil(9 * 64 / 64.0) / CHIP.clockHz();
        assertEquals(49 * (product + cell), s.latencyS(), 1e-15);
    }

    @Test
    void aBatchnormAfterAnLstmIsNotFoldedIntoIt() {
        Network n = new TestNetworks.Builder("Bn").input("x", 8, 4)
                .add(Layer.builder("rnn", LayerKind.LSTM).inputs("x").units(6).last(true).origin("@rnn"))
                .bn("bn", "rnn", null)
                .add(Layer.builder("fc", LayerKind.DENSE).inputs("bn").units(2).origin("@fc")).build();
        MappingResult r = map(n, false);
        assertEquals(null, r.layer("rnn").foldedBatchnorm());
        assertEquals(null, r.digitalLayer("bn").foldedInto());
    }
}
