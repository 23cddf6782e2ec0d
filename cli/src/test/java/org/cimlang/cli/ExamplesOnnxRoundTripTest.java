package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.onnx.FloatReference;
import org.cimlang.onnx.ImportedModel;
import org.cimlang.onnx.OnnxExporter;
import org.cimlang.onnx.OnnxImporter;
import org.cimlang.onnx.OnnxModelFile;
import org.cimlang.onnx.ReferenceReport;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.simulator.nn.ParameterInit;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.inject.Injector;

/**
 * The shipped example networks, with seeded PyTorch-style weights (training is `cim train`'s test):
 * export to ONNX, import, and the same layers and weights come back; ONNX Runtime agrees with the
 * float engine. VGG-16 and ResNet-50 are left out for their size (138 M and 25 M weights).
 */
class ExamplesOnnxRoundTripTest {
    private static Injector injector;

    @BeforeAll
    static void injector() {
        injector = Workspace.createInjector();
    }

    private static Network example(String file, String name) {
        Path p = Path.of("../examples/" + file).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p), p + " is missing");
        Workspace ws = Workspace.load(injector, List.of(p));
        return DesignBuilder.network(Sources.networks(ws.targets().get(0)).stream()
                .filter(n -> n.getName().equals(name)).findFirst().orElseThrow());
    }

    private static void roundTrip(String file, String name, int samples) {
        Network network = example(file, name);
        AnalyzedNetwork net = NetworkAnalysis.analyze(network);
        Map<String, Tensor> params = ParameterInit.kaimingUniform(net, 3);
        byte[] onnx = OnnxExporter.export(net, params).toByteArray();
        ImportedModel back = OnnxImporter.importModel(OnnxModelFile.parse(onnx, name + ".onnx"), name,
                network.weightsPath(), name + ".onnx");
        List<Layer> expected = network.layers();
        List<Layer> actual = back.network().layers();
        assertEquals(expected.stream().map(Layer::name).toList(), actual.stream().map(Layer::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            Layer e = expected.get(i);
            Layer a = actual.get(i);
            String what = name + " layer " + e.name();
            assertEquals(List.of(e.kind(), e.inputs(), e.filters(), e.units(), e.kernelH(), e.kernelW(),
                    e.effectiveStrideH(), e.effectiveStrideW(), e.padH(), e.padW(), e.groups(), e.bias(), e.global(),
                    e.axis(), e.activation()),
                    List.of(a.kind(), a.inputs(), a.filters(), a.units(), a.kernelH(), a.kernelW(),
                            a.effectiveStrideH(), a.effectiveStrideW(), a.padH(), a.padW(), a.groups(), a.bias(),
                            a.global(), a.axis(), a.activation()), what);
        }
        AnalyzedNetwork imported = NetworkAnalysis.analyze(back.network());
        assertEquals(net.outputShapes(), imported.outputShapes());
        assertEquals(params.keySet(), back.weights().keySet());
        for (String k : params.keySet()) {
            assertArrayEquals(params.get(k).data(), back.weights().get(k).data(), k);
        }
        ReferenceReport r = FloatReference.compare(onnx, name + ".onnx", imported, back.weights(),
                FloatReference.randomInputs(imported, samples, 5));
        System.out.println("example " + name + ": " + r.summary());
        assertTrue(r.agrees(), r.summary());
    }

    @Test
    void mlpRoundTrips() {
        roundTrip("networks/mlp.cim", "Mlp", 8);
    }

    @Test
    void lenet5RoundTrips() {
        roundTrip("networks/lenet5.cim", "LeNet5", 8);
    }

    @Test
    void vgg8RoundTrips() {
        roundTrip("networks/vgg8.cim", "Vgg8", 2);
    }

    @Test
    void resnet18WithBatchnormsAndResidualAddsRoundTrips() {
        roundTrip("networks/resnet18.cim", "ResNet18", 1);
    }

    @Test
    void spiritSingleLayerWithoutBiasRoundTrips() {
        roundTrip("spirit/spirit.cim", "SpiritMnist", 8);
    }

    @Test
    void binarisedMlpWithSignActivationsRoundTrips() {
        roundTrip("sram-bnn/sram-bnn.cim", "BinaryMnist", 8);
    }

    @Test
    void mobileNetV2WithDepthwiseConvolutionsAndRelu6RoundTrips() {
        roundTrip("mobilenet/mobilenetv2.cim", "MobileNetV2Cifar", 2);
    }
}
