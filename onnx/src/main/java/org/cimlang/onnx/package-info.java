/**
 * ONNX interchange: {@link org.cimlang.onnx.OnnxImporter} turns an ONNX model into a cimlang
 * network and PyTorch-named weights, {@link org.cimlang.onnx.OnnxExporter} writes a network with its
 * weights as an ONNX model, and {@link org.cimlang.onnx.FloatReference} runs a model in ONNX Runtime
 * and the simulator's float engine on the same inputs and reports how far they differ.
 *
 * <p>This module is the only one that sees protobuf and ONNX Runtime's native libraries; the
 * compiler and the simulator stay free of them.
 */
package org.cimlang.onnx;
