package org.cimlang.compiler.shape;

import static org.cimlang.compiler.shape.TestNetworks.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.ir.Shape;
import org.junit.jupiter.api.Test;

class NetworkAnalysisTest {

    private static Diagnostic only(AnalyzedNetwork a) {
        assertEquals(1, a.diagnostics().size(), () -> "diagnostics: " + a.diagnostics());
        return a.diagnostics().get(0);
    }

    private static void assertDiagnostic(Diagnostic d, Severity severity, String code, Object origin, String feature,
            String message) {
        assertEquals(severity, d.severity());
        assertEquals(code, d.code());
        assertEquals(origin, d.origin());
        assertEquals(feature, d.feature());
        assertEquals(message, d.message());
    }

    @Test
    void lenet5ShapesFollowConvAndPoolFormulas() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(TestNetworks.lenet5());
        assertTrue(a.diagnostics().isEmpty(), a.diagnostics()::toString);
        // c1: (28 + 2*2 - 5)/1 + 1 = 28; p1: (28 - 2)/2 + 1 = 14; c2: (14 - 5)/1 + 1 = 10; p2: (10 - 2)/2 + 1 = 5
        assertEquals(Shape.of(6, 28, 28), a.shapeOf("c1"));
        assertEquals(Shape.of(6, 14, 14), a.shapeOf("p1"));
        assertEquals(Shape.of(16, 10, 10), a.shapeOf("c2"));
        assertEquals(Shape.of(16, 5, 5), a.shapeOf("p2"));
        assertEquals(Shape.of(400), a.shapeOf("f")); // 16*5*5
        assertEquals(Shape.of(120), a.shapeOf("fc1"));
        assertEquals(Shape.of(10), a.shapeOf("out"));
        assertEquals(List.of(Shape.of(16, 5, 5)), a.inputShapesOf("f"));
    }

    @Test
    void lenet5MacsAreOutputsTimesKernelVolume() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(TestNetworks.lenet5());
        assertEquals(117_600, a.macsOf("c1")); // 6*28*28 outputs x 1*5*5 = 4704 x 25
        assertEquals(240_000, a.macsOf("c2")); // 16*10*10 x 6*5*5 = 1600 x 150
        assertEquals(48_000, a.macsOf("fc1")); // 400 x 120
        assertEquals(0, a.macsOf("p1"));
        // 117,600 + 240,000 + 48,000 + 120*84 + 84*10 = 416,520
        assertEquals(416_520, a.totalMacs());
    }

    @Test
    void resnet18EndsWith512ChannelsBeforeFlatten() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(TestNetworks.resnet18());
        assertTrue(a.diagnostics().isEmpty(), a.diagnostics()::toString);
        assertEquals(Shape.of(64, 112, 112), a.shapeOf("conv1")); // (224 + 6 - 7)/2 + 1 = 112
        assertEquals(Shape.of(64, 56, 56), a.shapeOf("pool1")); // (112 + 2 - 3)/2 + 1 = 56
        assertEquals(Shape.of(128, 28, 28), a.shapeOf("s2b1add"));
        assertEquals(Shape.of(512, 7, 7), a.shapeOf("s4b2add"));
        assertEquals(Shape.of(512, 1, 1), a.shapeOf("gap"));
        assertEquals(Shape.of(1000), a.shapeOf("fc"));
    }

    @Test
    void resnet50FinalFeatureIs2048x1x1BeforeFlatten() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(TestNetworks.resnet50());
        assertTrue(a.diagnostics().isEmpty(), a.diagnostics()::toString);
        assertEquals(Shape.of(256, 56, 56), a.shapeOf("s1b3add"));
        assertEquals(Shape.of(512, 28, 28), a.shapeOf("s2b1c3")); // 3x3 stride 2: (56 + 2 - 3)/2 + 1 = 28
        assertEquals(Shape.of(1024, 14, 14), a.shapeOf("s3b6add"));
        assertEquals(Shape.of(2048, 7, 7), a.shapeOf("s4b3add"));
        assertEquals(Shape.of(2048, 1, 1), a.shapeOf("gap"));
        assertEquals(Shape.of(2048), a.shapeOf("flat"));
        // conv1: 64*112*112 outputs x 3*7*7 = 802,816 x 147
        assertEquals(118_013_952L, a.macsOf("conv1"));
        // s4b1c2: 512*7*7 outputs x 512*3*3 = 25,088 x 4,608
        assertEquals(115_605_504L, a.macsOf("s4b1c2"));
        // all convolutions and the classifier: the 4.09 GMACs usually quoted for ResNet-50
        assertEquals(4_089_184_256L, a.totalMacs());
        long crossbar = a.order().stream().filter(l -> l.kind().hasCrossbarWeights()).count();
        assertEquals(54, crossbar); // conv1 + 16 blocks x 3 + 4 projections + fc
        assertEquals(a.network().layers().size(), a.order().size());
    }

    @Test
    void vgg16EndsWith512x7x7AndFlattensTo25088() {
        AnalyzedNetwork a = NetworkAnalysis.analyze(TestNetworks.vgg16());
        assertTrue(a.diagnostics().isEmpty(), a.diagnostics()::toString);
        assertEquals(Shape.of(512, 7, 7), a.shapeOf("pool5")); // 224 / 2^5
        assertEquals(Shape.of(25088), a.shapeOf("flat")); // 512*7*7
        assertEquals(102_760_448L, a.macsOf("fc6")); // 25,088 x 4,096
    }

    @Test
    void orderPutsProducersBeforeReadersEvenWhenWrittenLater() {
        Network n = new TestNetworks.Builder("N").dense("b", "a", 4, Activation.NONE).input("x", 8)
                .dense("a", "x", 4, Activation.NONE).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertEquals(List.of("x", "a", "b"), a.order().stream().map(Layer::name).toList());
        assertEquals(Shape.of(4), a.shapeOf("b"));
    }

    @Test
    void cycleIsReportedOnceOnItsFirstLayerWithThePath() {
        Network n = new TestNetworks.Builder("N").input("x", 4)
                .add(Layer.builder("a", LayerKind.ADD).inputs("x", "c").origin(at("a")))
                .dense("b", "a", 4, Activation.NONE).dense("c", "b", 4, Activation.NONE).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.ERROR, DiagnosticCodes.GRAPH_CYCLE, at("a"), "from",
                "the layers of N form a cycle: a -> b -> c -> a: a layer cannot read its own output");
        assertEquals(Shape.of(4), a.shapeOf("x"));
        assertNull(a.shapeOf("b"));
    }

    @Test
    void unknownInputNamesTheMissingLayer() {
        Network n = new TestNetworks.Builder("N").input("x", 4).dense("fc", "nope", 4, Activation.NONE).build();
        List<Diagnostic> d = NetworkAnalysis.analyze(n).diagnostics();
        assertDiagnostic(d.get(0), Severity.ERROR, DiagnosticCodes.INPUT_UNKNOWN, at("fc"), "from",
                "dense fc reads 'nope', which is not a layer of N");
    }

    @Test
    void layerFeedingNothingThatIsNotLastIsAWarning() {
        Network n = new TestNetworks.Builder("N").input("x", 4).dense("side", "x", 4, Activation.NONE)
                .dense("out", "x", 2, Activation.NONE).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.WARNING, DiagnosticCodes.LAYER_UNUSED, at("side"), "name",
                "layer side is never used: its output feeds no layer and it is not the last layer of N");
        assertFalse(a.hasErrors());
    }

    @Test
    void denseOnPooledFeatureMapAsksForFlattenAndStillInfersTheRest() {
        Network n = new TestNetworks.Builder("N").input("image", 1, 28, 28).conv("c1", "image", 6, 5, 1, 2)
                .maxpool("p1", "c1", 2, 0, 0).conv("c2", "p1", 16, 5, 1, 0).maxpool("p2", "c2", 2, 0, 0)
                .dense("fc1", "p2", 120, Activation.RELU).dense("fc2", "fc1", 84, Activation.NONE).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.ERROR, DiagnosticCodes.DENSE_NOT_FLAT, at("fc1"), "from",
                "dense fc1 expects a flat input [N] or a sequence [T, N] but p2 produces [16, 5, 5]: insert 'flatten'");
        assertEquals(Shape.of(120), a.shapeOf("fc1"));
        assertEquals(Shape.of(84), a.shapeOf("fc2"));
    }

    @Test
    void kernelLargerThanPaddedInputIsAnErrorWithBothSizes() {
        Network n = new TestNetworks.Builder("N").input("x", 3, 4, 4).conv("c2", "x", 8, 5, 1, 0).build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.ERROR, DiagnosticCodes.KERNEL_TOO_LARGE, at("c2"), "kernel",
                "kernel 5x5 of c2 is larger than its padded input 4x4: the output would have no pixel;"
                        + " use a smaller kernel or more padding");
        assertNull(a.shapeOf("c2"));
    }

    @Test
    void paddingCanMakeAKernelFit() {
        // (4 + 2*1 - 5)/1 + 1 = 2
        Network n = new TestNetworks.Builder("N").input("x", 3, 4, 4).conv("c2", "x", 8, 5, 1, 1).build();
        assertEquals(Shape.of(8, 2, 2), NetworkAnalysis.analyze(n).shapeOf("c2"));
    }

    @Test
    void strideFloorsTheOutputSize() {
        // (7 + 0 - 3)/2 + 1 = 3 (floor of 2 + 1)
        Network n = new TestNetworks.Builder("N").input("x", 1, 7, 8).conv("c", "x", 2, 3, 2, 0).build();
        assertEquals(Shape.of(2, 3, 3), NetworkAnalysis.analyze(n).shapeOf("c"));
    }

    @Test
    void addOfDifferentShapesNamesBoth() {
        Network n = new TestNetworks.Builder("N").input("x", 3, 8, 8).conv("a", "x", 8, 1, 1, 0)
                .conv("b", "x", 16, 1, 2, 0).addRelu("r", "a", "b").build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.ERROR, DiagnosticCodes.ADD_SHAPE_MISMATCH, at("r"), "from",
                "add r adds a [8, 8, 8] and b [16, 4, 4]: the shapes must be equal");
    }

    @Test
    void addOfOneInputIsAWrongInputCount() {
        Network n = new TestNetworks.Builder("N").input("x", 4).addRelu("r", "x").build();
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.INPUT_COUNT, at("r"), "from",
                "add r needs at least 2 inputs but reads 1: write 'from [a, b]'");
    }

    @Test
    void concatAddsTheAxisAndChecksTheOtherDimensions() {
        Network ok = new TestNetworks.Builder("N").input("x", 3, 8, 8).conv("a", "x", 8, 1, 1, 0)
                .conv("b", "x", 4, 1, 1, 0).add(Layer.builder("m", LayerKind.CONCAT).inputs("a", "b").origin(at("m")))
                .build();
        assertEquals(Shape.of(12, 8, 8), NetworkAnalysis.analyze(ok).shapeOf("m")); // 8 + 4 channels

        Network bad = new TestNetworks.Builder("N").input("x", 3, 8, 8).conv("a", "x", 8, 1, 1, 0)
                .conv("b", "x", 4, 1, 2, 0).add(Layer.builder("m", LayerKind.CONCAT).inputs("a", "b").origin(at("m")))
                .build();
        assertDiagnostic(only(NetworkAnalysis.analyze(bad)), Severity.ERROR, DiagnosticCodes.CONCAT_MISMATCH, at("m"),
                "from", "concat m joins a [8, 8, 8] and b [4, 4, 4] along axis 0: all other dimensions must be equal");
    }

    @Test
    void concatAxisOutsideTheRankIsAnError() {
        Network n = new TestNetworks.Builder("N").input("x", 4).dense("a", "x", 2, Activation.NONE)
                .add(Layer.builder("m", LayerKind.CONCAT).inputs("x", "a").axis(1).origin(at("m"))).build();
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.CONCAT_AXIS, at("m"), "axis",
                "axis 1 of concat m is outside its inputs' rank 1: use 0..0");
    }

    @Test
    void groupsMustDivideInputChannelsAndFilters() {
        Network n = new TestNetworks.Builder("N").input("x", 64, 8, 8)
                .add(Layer.builder("c", LayerKind.CONV2D).inputs("x").filters(96).kernel(3).groups(3).origin(at("c")))
                .build();
        AnalyzedNetwork a = NetworkAnalysis.analyze(n);
        assertDiagnostic(only(a), Severity.ERROR, DiagnosticCodes.GROUPS_NOT_DIVIDING, at("c"), "groups",
                "groups 3 of c must divide its 64 input channels");
        assertEquals(Shape.of(96, 6, 6), a.shapeOf("c")); // the shape is still defined

        Network f = new TestNetworks.Builder("N").input("x", 64, 8, 8)
                .add(Layer.builder("c", LayerKind.CONV2D).inputs("x").filters(100).kernel(3).groups(8).origin(at("c")))
                .build();
        assertEquals("groups 8 of c must divide its 100 filters", only(NetworkAnalysis.analyze(f)).message());
    }

    @Test
    void convWithTwoInputsIsAWrongInputCount() {
        Network n = new TestNetworks.Builder("N").input("a", 1, 4, 4).input("b", 1, 4, 4)
                .add(Layer.builder("c", LayerKind.CONV2D).inputs("a", "b").filters(2).kernel(1).origin(at("c")))
                .build();
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.INPUT_COUNT, at("c"),
                "from", "conv2d c takes 1 input but reads 2: [a, b]");
    }

    @Test
    void convOnAFlatVectorIsARankError() {
        Network n = new TestNetworks.Builder("N").input("x", 400).conv("c", "x", 2, 1, 1, 0).build();
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.SHAPE_RANK, at("c"), "from",
                "conv2d c expects a [C, H, W] input but x produces [400]");
    }

    @Test
    void zeroFiltersAndNegativeStrideAreSizeErrors() {
        Network n = new TestNetworks.Builder("N").input("x", 1, 4, 4).conv("c", "x", 0, 3, -1, 0).build();
        List<Diagnostic> d = NetworkAnalysis.analyze(n).diagnostics();
        assertEquals(2, d.size());
        assertDiagnostic(d.get(0), Severity.ERROR, DiagnosticCodes.SIZE_NOT_POSITIVE, at("c"), "filters",
                "filters of c must be at least 1, found 0");
        assertDiagnostic(d.get(1), Severity.ERROR, DiagnosticCodes.SIZE_NOT_POSITIVE, at("c"), "stride",
                "stride of c must not be negative, found -1");
    }

    @Test
    void zeroInputDimensionIsASizeError() {
        Network n = new TestNetworks.Builder("N").input("x", 3, 0, 4).build();
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.SIZE_NOT_POSITIVE, at("x"),
                "shape", "input x has a non-positive dimension in [3, 0, 4]: every dimension must be at least 1");
    }

    @Test
    void absurdSizesOverflowIntoAnErrorNotAnException() {
        // 1e7^3 = 1e21 elements > 9.2e18
        Network big = new TestNetworks.Builder("N").input("x", 10_000_000, 10_000_000, 10_000_000).build();
        assertDiagnostic(only(NetworkAnalysis.analyze(big)), Severity.ERROR, DiagnosticCodes.SIZE_OVERFLOW, at("x"),
                "shape", "sizes of input x overflow a 64-bit count (elements or multiply-accumulates): check its"
                        + " dimensions");
        // dense 4e9 -> 4e9: 1.6e19 MACs
        Network macs = new TestNetworks.Builder("N").input("x", 4_000_000_000L)
                .dense("fc", "x", 4_000_000_000L, Activation.NONE).build();
        Diagnostic d = only(NetworkAnalysis.analyze(macs));
        assertEquals(DiagnosticCodes.SIZE_OVERFLOW, d.code());
        assertEquals("units", d.feature());
    }

    @Test
    void duplicateLayerNameIsAnError() {
        Network n = new TestNetworks.Builder("N").input("x", 4).dense("a", "x", 2, Activation.NONE)
                .dense("a", "x", 3, Activation.NONE).build();
        List<Diagnostic> d = NetworkAnalysis.analyze(n).diagnostics();
        assertEquals(DiagnosticCodes.LAYER_DUPLICATE, d.get(0).code());
        assertEquals("layer a is declared twice in N: rename one", d.get(0).message());
    }

    @Test
    void emptyNetworkIsAnError() {
        Network n = new Network("Empty", List.of(), null, "@Empty");
        assertDiagnostic(only(NetworkAnalysis.analyze(n)), Severity.ERROR, DiagnosticCodes.NETWORK_EMPTY, "@Empty",
                "layers", "network Empty has no layers: declare at least an 'input'");
    }

    @Test
    void globalPoolingKeepsChannels() {
        Network n = new TestNetworks.Builder("N").input("x", 32, 7, 5).globalAvgpool("g", "x").build();
        assertEquals(Shape.of(32, 1, 1), NetworkAnalysis.analyze(n).shapeOf("g"));
    }
}
