package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * One typo must not hide the diagnostics of the rest of the file (issue 2), nor bury itself under
 * errors about the things the parser skipped after it.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class SyntaxRecoveryTest {
    @Inject
    CimTestSupport support;

    private static final String SYNTAX = Diagnostic.SYNTAX_DIAGNOSTIC;

    @Test
    void aTypoInOneLayerStillReportsTheErrorsBeforeAndAfterItInTheFile() throws Exception {
        Src src = Src.valid().replace("tiles 4", "tiles 0")
                .replace("conv2d c1 from img filters 4 kernel 3", "conv2d c1 from img filterz 4 kernel 3")
                .replace("dataset mnist", "dataset mnist split val");
        List<Issue> issues = support.issues(src.text());
        assertEquals(Src.lines(
                src.errorIn(CimIssueCodes.RANGE_POSITIVE, "tiles 0", "0", "tiles 0 is out of range: write a value in "
                        + "1..16777216"),
                src.error(SYNTAX, "filterz", "unknown word 'filterz' in network N: did you mean 'filters'?"),
                src.error(CimIssueCodes.DATASET, "val", "unknown split 'val': write 'split train' or 'split test'")),
                frontEnd(issues));
        Issue typo = issues.stream().filter(i -> SYNTAX.equals(i.getCode())).findFirst().get();
        assertArrayEquals(new String[] {"filters"}, typo.getData());
    }

    @Test
    void aMisspeltChipAttributeIsOneErrorNotACascadeOfMissingAttributes() throws Exception {
        // the parser skips the rest of the chip after 'tilez'; "chip C needs 'tiles N'" etc. would mislead
        Src src = Src.valid().replace("tiles 4", "tilez 4").replace("units 10", "units 0");
        assertEquals(Src.lines(
                src.error(SYNTAX, "tilez", "unknown word 'tilez' in chip C: did you mean 'tiles'?"),
                src.errorIn(CimIssueCodes.RANGE_POSITIVE, "units 0", "0", "units 0 is out of range: write a value in "
                        + "1..16777216")),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aMisspeltHeaderKeywordSuggestsAKeywordOfThatDeclaration() throws Exception {
        // 'one' (of a chip's 'stuck at one') is as close to 'onn' as 'on', but cannot follow in a mapping
        Src src = Src.valid().replace("mapping M for N on C with Q", "mapping M for N onn C with Q");
        assertEquals(src.error(SYNTAX, "onn", "unknown word 'onn' in mapping M: did you mean 'on'?"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void aMisspeltLayerKindSuggestsTheKind() throws Exception {
        Src src = Src.valid().replace("dense d from f units 10", "dens d from f units 10");
        assertEquals(src.error(SYNTAX, "dens", "unknown word 'dens' in network N: did you mean 'dense'?"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void everyLayerOfAnotherFrameworkIsReportedWithTheLayerKindsNotANearMiss() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c1\n    groupnorm ln from f\n    rnn g from ln");
        String issues = frontEnd(support.issues(src.text()));
        String kinds = "the layer kinds are activation, add, avgpool, batchnorm, concat, conv2d, dense, embedding, flatten, gru, input,"
                + " layernorm, lstm, matmul, maxpool, mul, reshape, softmax, transpose (docs/language.md lists what each takes)";
        assertTrue(issues.contains("'groupnorm' is not a layer kind of cimlang (yet) in network N: " + kinds), issues);
        assertTrue(issues.contains("'rnn' is not a layer kind of cimlang (yet) in network N: " + kinds), issues);
        assertTrue(!issues.contains("did you mean 'batchnorm'"), issues);
    }

    @Test
    void aWordThatResemblesNoKeywordListsTheWordsAllowedWhereItStands() throws Exception {
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c1 frobnicate");
        assertEquals(src.error(SYNTAX, "frobnicate", "unknown word 'frobnicate' in network N: remove it, or write one "
                + "of activation, activity, add, avgpool, axis, batchnorm, bias, ceil, concat, dense, dim, embedding, false, filters, flatten, "
                + "from, gelu, global, groups, gru, hardswish, input, inputs, kernel, last, layernorm, lstm, matmul, maxpool, mul, "
                + "network, none, padding, relu, reshape, sigmoid, sign, silu, softmax, "
                + "stride, tanh, transpose, true, units, vocabulary, weights"), frontEnd(support.issues(src.text())));
    }

    @Test
    void aSyntaxErrorThatIsNoWordSaysWhatWasExpectedInPlainWords() throws Exception {
        Src src = Src.valid().replace("network N {", "network N {{");
        assertEquals(src.errorIn(SYNTAX, "network N {{", "{", "expected '}' in network N, found '{'"),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void noSyntaxErrorSpeaksOfTheParsersMachinery() throws Exception {
        String[] broken = {"dense d from f units 10 softmax", "dense d from f softmax units 10", "softmax s",
                "dense d from", "dense d from f units", "conv2d c1 from img filters 4 kernel 3 x", "relu r from f"};
        StringBuilder jargon = new StringBuilder();
        for (String line : broken) {
            Src src = Src.valid().replace("dense d from f units 10", line);
            for (Issue i : support.issues(src.text())) {
                if (i.getMessage().matches("(?s).*(no viable alternative|mismatched input|extraneous input|missing .* at"
                        + "|RULE_|<EOF>).*")) {
                    jargon.append(line).append(" -> ").append(i.getMessage()).append('\n');
                }
            }
        }
        assertEquals("", jargon.toString());
    }

    @Test
    void aLayerLeftIncompleteIsReportedInPlainWordsAtTheWordThatCannotFollow() throws Exception {
        // 'softmax' starts a layer that lacks its name and 'from', so the '}' after it cannot follow
        Src src = Src.valid().replace("dense d from f units 10", "dense d from f units 10 softmax");
        List<String> syntax = support.issues(src.text()).stream().filter(i -> SYNTAX.equals(i.getCode()))
                .map(Issue::getMessage).toList();
        assertEquals(List.of("'}' cannot stand here: the words before it are incomplete or out of order"
                + " (see docs/language.md)"), syntax);
    }

    @Test
    void everyLineTheParserSkippedThatStartsWithAnUnknownWordIsReported() throws Exception {
        // after 'tilez' ANTLR skips the rest of the chip without a word about 'colour'
        Src src = Src.valid().replace("tiles 4", "tilez 4\n    colour blue");
        List<Issue> issues = support.issues(src.text());
        assertEquals(Src.lines(
                src.error(SYNTAX, "tilez", "unknown word 'tilez' in chip C: did you mean 'tiles'?"),
                src.error(CimIssueCodes.UNKNOWN_WORD, "colour", "unknown word 'colour' in chip C: did you mean 'clock'?")),
                frontEnd(issues));
        Issue skipped = issues.stream().filter(i -> CimIssueCodes.UNKNOWN_WORD.equals(i.getCode())).findFirst().get();
        assertArrayEquals(new String[] {"clock"}, skipped.getData());
    }

    @Test
    void anUnknownActivationFunctionListsTheFunctionsAndSaysSoftmaxIsALayer() throws Exception {
        Src src = Src.valid().replace("dense d from f units 10", "dense d from f units 10 activation softmax");
        List<String> syntax = support.issues(src.text()).stream().filter(i -> SYNTAX.equals(i.getCode()))
                .map(Issue::getMessage).toList();
        assertEquals("'softmax' is not an activation function: write one of gelu, hardswish, none, relu, relu6, sigmoid, sign, silu, tanh"
                + " (softmax is a layer of its own: 'softmax NAME from LAYER')", syntax.get(0));
    }

    @Test
    void anActivationFunctionWrittenAsALayerSaysHowToWriteIt() throws Exception {
        // PyTorch's nn.GELU() is a module; in cimlang gelu is the function of an activation layer
        Src src = Src.valid().replace("flatten f from c1", "flatten f from c1\n    gelu g from f\n    relu6 r from g");
        List<String> messages = support.issues(src.text()).stream().filter(i -> SYNTAX.equals(i.getCode())
                || CimIssueCodes.UNKNOWN_WORD.equals(i.getCode())).map(Issue::getMessage).toList();
        // the second line, skipped by the parser's recovery, is reported too
        assertEquals(List.of("'gelu' is an activation function, not a layer kind in network N: write 'activation g from "
                + "LAYER gelu', or 'activation gelu' at the end of the layer before",
                "'relu6' is an activation function, not a layer kind in network N: write 'activation r from "
                + "LAYER relu6', or 'activation relu6' at the end of the layer before"), messages);
    }
}
