package org.cimlang.simulator.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** 1600 blobs in 20 dimensions, 4 classes: the first 1200 train, the last 400 test. */
    private static final Nets.Blobs BLOBS = new Nets.Blobs(1600, 20, 4, 42);

    private static float[][] train() {
        return Arrays.copyOfRange(BLOBS.x, 0, 1200);
    }

    private static int[] trainLabels() {
        return Arrays.copyOfRange(BLOBS.y, 0, 1200);
    }

    private static double testAccuracy(AnalyzedNetwork net, Map<String, Tensor> params, Map<String, LayerQat> qat) {
        return FloatModel.of(net, params, qat).accuracy(Arrays.copyOfRange(BLOBS.x, 1200, 1600),
                Arrays.copyOfRange(BLOBS.y, 1200, 1600), 100, Parallel.serial());
    }

    /** 2500 XOR points: the first 2000 train, the last 500 test. */
    private static final Nets.XorQuadrants XOR = new Nets.XorQuadrants(2500, 9);

    private static double xorAccuracy(AnalyzedNetwork net, OptimizerSpec optimizer, List<EpochStats> epochs) {
        Map<String, Tensor> p = Trainer.train(net, Arrays.copyOfRange(XOR.x, 0, 2000),
                Arrays.copyOfRange(XOR.y, 0, 2000), TrainConfig.of(5, 32, optimizer, 7), epochs::add);
        return FloatModel.of(net, p).accuracy(Arrays.copyOfRange(XOR.x, 2000, 2500),
                Arrays.copyOfRange(XOR.y, 2000, 2500), 100, Parallel.serial());
    }

    @Test
    void mlpLearnsXorQuadrantsAbove95PercentWhereALinearModelCannot() {
        List<EpochStats> epochs = new ArrayList<>();
        double acc = xorAccuracy(Nets.mlp(2, 32, 2), OptimizerSpec.adam(0.01), epochs);
        assertEquals(5, epochs.size());
        assertTrue(epochs.get(4).meanLoss() < epochs.get(0).meanLoss(), epochs.toString());
        assertTrue(acc > 0.95, "held-out accuracy " + acc);
        // the same data through a single dense layer: a line cannot split XOR (measured 41%)
        double linear = xorAccuracy(Nets.analyze("linear", Nets.input("in", 2),
                Nets.dense("fc", "in", 2, org.cimlang.compiler.ir.Activation.NONE)), OptimizerSpec.adam(0.01),
                new ArrayList<>());
        assertTrue(linear < 0.75, "linear accuracy " + linear);
    }

    @Test
    void sgdWithMomentumAlsoLearnsXorQuadrants() {
        double acc = xorAccuracy(Nets.mlp(2, 32, 2), OptimizerSpec.sgd(0.05, 0.9), new ArrayList<>());
        assertTrue(acc > 0.95, "held-out accuracy " + acc);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsOnOneOrTwoThreads() {
        AnalyzedNetwork net = Nets.lenet();
        int[] labels = new int[48];
        float[][] images = Nets.barImages(48, 10, 3, labels);
        TrainConfig config = TrainConfig.of(2, 16, OptimizerSpec.sgd(0.05, 0.9), 11);
        Map<String, Tensor> a = Trainer.train(net, images, labels, config);
        Map<String, Tensor> b = Trainer.train(net, images, labels, config);
        Map<String, Tensor> c = Trainer.train(net, images, labels, config.withThreads(2));
        Map<String, Tensor> other = Trainer.train(net, images, labels, TrainConfig.of(2, 16,
                OptimizerSpec.sgd(0.05, 0.9), 12));
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(bits(a.get(name)), bits(b.get(name)), name + " differs between two runs");
            assertArrayEquals(bits(a.get(name)), bits(c.get(name)), name + " differs between 1 and 2 threads");
        }
        assertFalse(Arrays.equals(bits(a.get("c1.weight")), bits(other.get("c1.weight"))),
                "another seed must give other weights");
        // the running statistics moved away from their initial 0 and 1
        assertTrue(a.get("bn2.running_mean").data()[0] != 0f);
    }

    @Test
    void lenetLikeConvNetReducesItsLossInAFewSteps() {
        AnalyzedNetwork net = Nets.lenet();
        int[] labels = new int[120];
        float[][] images = Nets.barImages(120, 10, 5, labels);
        List<EpochStats> epochs = new ArrayList<>();
        Trainer.train(net, images, labels, TrainConfig.of(3, 20, OptimizerSpec.adam(0.003), 1).withThreads(2),
                epochs::add);
        // 3 epochs of 6 steps; an untrained 10-class net starts near ln 10 = 2.30
        assertTrue(epochs.get(2).meanLoss() < 0.8 * epochs.get(0).meanLoss(), epochs.toString());
    }

    @Test
    void binaryWeightsTrainOnSeparableProblem() {
        AnalyzedNetwork net = Nets.mlp(20, 64, 4);
        Map<String, LayerQat> qat = Map.of("fc1",
                LayerQat.weightsOnly(WeightQuant.binary(WeightQuant.BinaryScale.MEAN_ABS, true)), "fc2",
                LayerQat.weightsOnly(WeightQuant.binary(WeightQuant.BinaryScale.MEAN_ABS, true)));
        Map<String, Tensor> p = Trainer.train(net, train(), trainLabels(),
                TrainConfig.of(8, 32, OptimizerSpec.adam(0.01), 3).withQat(qat));
        // every output row of the returned weights holds only +alpha and -alpha
        float[] w = p.get("fc1.weight").data();
        for (int row = 0; row < 64; row++) {
            TreeSet<Float> magnitudes = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                magnitudes.add(Math.abs(w[row * 20 + i]));
            }
            assertEquals(1, magnitudes.size(), "row " + row + " magnitudes " + magnitudes);
        }
        double acc = testAccuracy(net, p, qat);
        assertTrue(acc > 0.9, "held-out accuracy with binary weights " + acc);
    }

    @Test
    void integerLevelWeightsAndQuantisedActivationsStayOnTheirGrids() {
        AnalyzedNetwork net = Nets.mlp(20, 16, 4);
        ActivationQuant uint4 = ActivationQuant.unsigned(4, ActivationQuant.ClipMode.RUNNING_MAX);
        Map<String, LayerQat> qat = Map.of("fc1", new LayerQat(WeightQuant.levels(4, false), uint4), "fc2",
                LayerQat.weightsOnly(WeightQuant.levels(4, false)));
        Map<String, Tensor> p = Trainer.train(net, train(), trainLabels(),
                TrainConfig.of(4, 32, OptimizerSpec.adam(0.01), 5).withQat(qat));
        // SPIRIT-style weights: w / scale is an integer in -4..4, scale = max|w| / 4
        float[] w = p.get("fc2.weight").data();
        float max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        for (float v : w) {
            double level = v / (max / 4.0);
            assertEquals(Math.rint(level), level, 1e-4, "weight " + v);
            assertTrue(Math.abs(level) <= 4 + 1e-4);
        }
        float clip = p.get("fc1.act_clip").data()[0];
        assertTrue(clip > 0, "running-max clip " + clip);
        // fc1's outputs are multiples of clip / 15 within [0, clip]
        FloatModel m = FloatModel.of(net, p, qat);
        float[] h = m.forwardAll(Tensor.of(BLOBS.x[0].clone(), 1, 20)).get("fc1").data();
        for (float v : h) {
            double level = v / (clip / 15.0);
            assertEquals(Math.rint(level), level, 1e-3, "activation " + v);
            assertTrue(level >= 0 && level <= 15 + 1e-3);
        }
        assertTrue(testAccuracy(net, p, qat) > 0.9);
    }

    @Test
    void learnedClipMovesDuringTraining() {
        AnalyzedNetwork net = Nets.mlp(20, 16, 4);
        Map<String, LayerQat> qat = Map.of("fc1", LayerQat.activationsOnly(
                new ActivationQuant(NumberType.unsigned(2), ActivationQuant.ClipMode.LEARNED, 0f)));
        List<EpochStats> epochs = new ArrayList<>();
        Trainer.train(net, train(), trainLabels(), TrainConfig.of(3, 32, OptimizerSpec.adam(0.01), 5).withQat(qat),
                epochs::add);
        float first = epochs.get(0).parameters().get("fc1.act_clip").data()[0];
        float last = epochs.get(2).parameters().get("fc1.act_clip").data()[0];
        assertTrue(first > 0 && last > 0 && first != last, "clip " + first + " -> " + last);
    }

    private static int[] bits(Tensor t) {
        float[] d = t.data();
        int[] b = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = Float.floatToRawIntBits(d[i]);
        }
        return b;
    }

    @Test
    void trainsFromADatasetAsFromArrays() {
        List<float[]> images = new ArrayList<>(Arrays.asList(Arrays.copyOfRange(XOR.x, 0, 200)));
        Dataset data = Dataset.of("xor", 1, 1, 2, 2, images, Arrays.copyOfRange(XOR.y, 0, 200), 0, 0, 1);
        TrainConfig config = TrainConfig.of(1, 32, OptimizerSpec.adam(0.01), 4);
        Map<String, Tensor> fromData = Trainer.train(Nets.mlp(2, 8, 2), data, config, TrainListener.NONE);
        Map<String, Tensor> fromArrays = Trainer.train(Nets.mlp(2, 8, 2), Arrays.copyOfRange(XOR.x, 0, 200),
                Arrays.copyOfRange(XOR.y, 0, 200), config);
        assertArrayEquals(bits(fromArrays.get("fc1.weight")), bits(fromData.get("fc1.weight")));
    }

    @Test
    void labelOutsideTheClassesIsRefusedWithItsSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(Nets.mlp(2, 4, 2), new float[][] {{0, 1}, {1, 0}}, new int[] {1, 2},
                        TrainConfig.of(1, 2, OptimizerSpec.adam(0.01), 1)));
        assertEquals("training label 2 of sample 1 is outside the classes 0..1 of layer 'fc2'", e.getMessage());
    }

    @Test
    void quantisationSettingsForAnUnknownLayerAreRefused() {
        Map<String, LayerQat> qat = Map.of("fc9", LayerQat.weightsOnly(WeightQuant.symmetric(4, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(Nets.mlp(2, 4, 2), new float[][] {{0, 1}}, new int[] {1},
                        TrainConfig.of(1, 2, OptimizerSpec.adam(0.01), 1).withQat(qat)));
        assertTrue(e.getMessage().contains("'fc9'"), e.getMessage());
    }

    @Test
    void fineTuningStartsFromTheGivenParameters() {
        AnalyzedNetwork net = Nets.mlp(2, 8, 2);
        Map<String, Tensor> start = ParameterInit.kaimingUniform(net, 99);
        // zero epochs: the given parameters come back unchanged
        Map<String, Tensor> same = Trainer.train(net, start, new float[][] {{0, 1}}, new int[] {1},
                TrainConfig.of(0, 1, OptimizerSpec.adam(0.01), 1), TrainListener.NONE);
        for (String name : start.keySet()) {
            assertArrayEquals(bits(start.get(name)), bits(same.get(name)), name);
        }
    }
}
