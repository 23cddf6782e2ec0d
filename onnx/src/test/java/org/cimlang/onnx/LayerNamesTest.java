package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LayerNamesTest {
    @Test
    void weightNameGivesTheModulePathWithDotsAsUnderscores() {
        assertEquals("layer1_0_conv1", LayerNames.readable("/layer1/layer1.0/conv1/Conv", "Conv",
                "layer1.0.conv1.weight"));
    }

    @Test
    void pyTorchScopeNamesGiveTheModulePathAndTheOpWhenTheScopeDoesNotSayIt() {
        assertEquals("layer1_0_relu", LayerNames.readable("/layer1/layer1.0/relu/Relu", "Relu", null));
        assertEquals("layer1_0_add", LayerNames.readable("/layer1/layer1.0/Add", "Add", null));
        assertEquals("features_3", LayerNames.readable("/features/features.3/MaxPool", "MaxPool", null));
        assertEquals("layer1_0_downsample_0", LayerNames.readable("/layer1/layer1.0/downsample/downsample.0/Conv",
                "Conv", "onnx::Conv_50"));
        assertEquals("fc", LayerNames.readable("/fc/Gemm", "Gemm", "onnx::Gemm_12"));
    }

    @Test
    void functionalCallsOutsideAModuleKeepTheirOpName() {
        assertEquals("Flatten", LayerNames.readable("/Flatten", "Flatten", null));
        assertEquals("Relu_1", LayerNames.readable("/Relu_1", "Relu", null));
    }

    @Test
    void oldStyleAndEmptyNamesStayReadable() {
        assertEquals("Conv_0", LayerNames.readable("Conv_0", "Conv", null));
        assertEquals("conv", LayerNames.readable("", "Conv", null));
    }

    @Test
    void sanitisingReplacesOddCharactersPrefixesDigitsAndAvoidsKeywords() {
        assertEquals("a_b_c", LayerNames.sanitise("a.b::c", "x"));
        assertEquals("conv_0", LayerNames.sanitise("0", "conv"));
        assertEquals("relu_1", LayerNames.sanitise("relu", "relu"));
        assertEquals("input_1", LayerNames.sanitise("input", "x"));
        assertNull(LayerNames.sanitise("::", "x"));
    }

    @Test
    void uniqueNamesGetNumberedFromTwo() {
        LayerNames names = new LayerNames();
        assertEquals("conv", names.unique("conv"));
        assertEquals("conv_2", names.unique("conv"));
        assertEquals("conv_3", names.unique("conv"));
    }

    @Test
    void networkNamesComeFromFileNames() {
        assertEquals("lenet_5", OnnxImporter.networkName("lenet-5"));
        assertEquals("net_3d", OnnxImporter.networkName("3d"));
    }
}
