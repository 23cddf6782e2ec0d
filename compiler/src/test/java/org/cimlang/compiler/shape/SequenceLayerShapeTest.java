package org.cimlang.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.compiler.params.ParameterSpec;
import org.junit.jupiter.api.Test;

/** The shape rules and tensors of lstm, gru and embedding. */
class SequenceLayerShapeTest {

    private static AnalyzedNetwork analyse(long[] input, Layer.Builder layer) {
        return NetworkAnalysis.analyze(new TestNetworks.Builder("S").input("x", input).add(layer.origin("@l")).build());
    }

    @Test
    void anLstmGivesEveryStepsStateOrWithLastTheLastOne() {
        AnalyzedNetwork all = analyse(new long[] {7, 3}, Layer.builder("l", LayerKind.LSTM).inputs("x").units(5));
        assertEquals(Shape.of(7, 5), all.shapeOf("l"));
        AnalyzedNetwork last = analyse(new long[] {7, 3}, Layer.builder("l", LayerKind.GRU).inputs("x").units(5)
                .last(true));
        assertEquals(Shape.of(5), last.shapeOf("l"));
        assertTrue(last.diagnostics().isEmpty(), last.diagnostics()::toString);
    }

    @Test
    void recurrentTensorsArePytorchsWeightsSideBySideAndOneBiasPerColumn() {
        AnalyzedNetwork lstm = analyse(new long[] {7, 3}, Layer.builder("l", LayerKind.LSTM).inputs("x").units(5));
        AnalyzedNetwork gru = analyse(new long[] {7, 3}, Layer.builder("l", LayerKind.GRU).inputs("x").units(5));
        assertEquals(List.of("l.weight " + Shape.of(20, 8), "l.bias " + Shape.of(20)), tensors(lstm));
        assertEquals(List.of("l.weight " + Shape.of(15, 8), "l.bias " + Shape.of(20)), tensors(gru));
    }

    @Test
    void anLstmOnAnImageIsAShapeErrorAskingForASequence() {
        AnalyzedNetwork a = analyse(new long[] {1, 28, 28}, Layer.builder("l", LayerKind.LSTM).inputs("x").units(5));
        Diagnostic d = a.diagnostics().get(0);
        assertEquals(DiagnosticCodes.SHAPE_RANK, d.code());
        assertEquals("lstm l expects a sequence [T, N] but x produces [1, 28, 28]: declare the input as "
                + "[steps, features]", d.message());
    }

    @Test
    void anEmbeddingTurnsTokenIdsIntoVectorsFromItsTable() {
        AnalyzedNetwork a = analyse(new long[] {12}, Layer.builder("e", LayerKind.EMBEDDING).inputs("x")
                .vocabulary(100).dim(8));
        assertEquals(Shape.of(12, 8), a.shapeOf("e"));
        assertEquals(List.of("e.weight " + Shape.of(100, 8)), tensors(a));
        assertEquals(0, a.macsOf("e"));
    }

    @Test
    void anEmbeddingOfASequenceOrWithoutAVocabularyIsAnError() {
        AnalyzedNetwork seq = analyse(new long[] {4, 3}, Layer.builder("e", LayerKind.EMBEDDING).inputs("x")
                .vocabulary(10).dim(2));
        assertEquals("embedding e reads token ids [T] but x produces [4, 3]: declare the input as [tokens]",
                seq.diagnostics().get(0).message());
        AnalyzedNetwork none = analyse(new long[] {4}, Layer.builder("e", LayerKind.EMBEDDING).inputs("x").dim(2));
        assertEquals("vocabulary of e must be at least 1, found 0", none.diagnostics().get(0).message());
    }

    private static List<String> tensors(AnalyzedNetwork a) {
        return ParameterCheck.expected(a).stream().map(ParameterSpec::name)
                .map(n -> n + " " + ParameterCheck.expected(a).stream().filter(s -> s.name().equals(n)).findFirst()
                        .orElseThrow().shape())
                .toList();
    }
}
