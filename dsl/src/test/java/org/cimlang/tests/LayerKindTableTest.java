package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimlang.cim.Network;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerKindSpec;
import org.cimlang.compiler.ir.LayerParam;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The grammar, the editor's checks and the compiler's shape analysis follow one table of layer kinds
 * (compiler ir.LayerKinds): every kind and parameter is tried, so a new entry is covered without a new test.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class LayerKindTableTest {
    @Inject
    CimTestSupport support;

    @Test
    void theGrammarsLayerKeywordsAreTheTablesKinds() {
        Set<String> grammar = Arrays.stream(org.cimlang.cim.LayerKind.values()).map(k -> k.getLiteral())
                .collect(Collectors.toSet());
        Set<String> table = Arrays.stream(LayerKind.values()).map(LayerKind::keyword).collect(Collectors.toSet());
        assertEquals(table, grammar);
    }

    @Test
    void theGrammarsParameterClassesAreTheTablesParameters() {
        Set<String> grammar = org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam().getEPackage().getEClassifiers()
                .stream().filter(c -> c instanceof org.eclipse.emf.ecore.EClass e
                        && org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam().isSuperTypeOf(e)
                        && e != org.cimlang.cim.CimPackage.eINSTANCE.getLayerParam())
                .map(c -> c.getName().replace("Param", "").toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> table = Arrays.stream(LayerParam.values()).map(LayerParam::keyword).collect(Collectors.toSet());
        assertEquals(table, grammar);
    }

    @Test
    void everyLayerKeywordMayBePartOfAGlobPattern() throws Exception {
        for (LayerKind k : LayerKind.values()) {
            Resource r = support.load(Src.VALID + "\nquantization G for N { weights int8 layers *" + k.keyword()
                    + "* activations uint8 }\n").get(0);
            assertEquals(List.of(), r.getErrors(), "pattern *" + k.keyword() + "*");
        }
    }

    @Test
    void theEditorAndTheShapeAnalysisRejectTheSameInputCountsTheTableRejects() throws Exception {
        for (LayerKind k : LayerKind.values()) {
            for (int n = 0; n <= 3; n++) {
                String text = network(k, List.of("a", "b", "c").subList(0, n), requiredParameters(k.spec()));
                boolean tableAccepts = k.spec().inputs().accepts(n);
                List<Issue> issues = support.issues(text);
                boolean editorRejects = issues.stream().anyMatch(i -> CimIssueCodes.INPUT_COUNT.equals(i.getCode()));
                assertEquals(!tableAccepts, editorRejects, k.keyword() + " reading " + n + ":\n" + Src.render(issues));
                Network net = CimTestSupport.model(support.load(text).get(0)).getElements().stream()
                        .filter(Network.class::isInstance).map(Network.class::cast).findFirst().orElseThrow();
                boolean analysisRejects = NetworkAnalysis.analyze(DesignBuilder.network(net)).diagnostics().stream()
                        .anyMatch(d -> DiagnosticCodes.INPUT_COUNT.equals(d.code()));
                assertEquals(!tableAccepts, analysisRejects, k.keyword() + " reading " + n + " in the analysis");
            }
        }
    }

    @Test
    void aParameterIsRejectedExactlyWhenTheTableDoesNotAllowIt() throws Exception {
        for (LayerKind k : LayerKind.values()) {
            List<String> inputs = List.of("a", "b", "c").subList(0, k.spec().inputs().min());
            for (LayerParam p : LayerParam.values()) {
                List<String> params = new ArrayList<>(requiredParameters(k.spec()));
                if (!k.spec().required().contains(Set.of(p))) {
                    params.add(written(p));
                }
                List<Issue> issues = support.issues(network(k, inputs, params));
                boolean rejected = issues.stream().anyMatch(i -> CimIssueCodes.PARAM_NOT_APPLICABLE.equals(i.getCode()));
                assertEquals(!k.spec().allows(p), rejected, k.keyword() + " with " + p.keyword() + ":\n"
                        + Src.render(issues));
            }
        }
    }

    @Test
    void leavingOutARequiredParameterIsAnErrorNamingItsFirstKeyword() throws Exception {
        for (LayerKind k : LayerKind.values()) {
            List<String> inputs = List.of("a", "b", "c").subList(0, k.spec().inputs().min());
            for (Set<LayerParam> oneOf : k.spec().required()) {
                List<String> params = new ArrayList<>(requiredParameters(k.spec()));
                params.remove(written(oneOf.iterator().next()));
                List<Issue> missing = support.issues(network(k, inputs, params)).stream()
                        .filter(i -> CimIssueCodes.PARAM_MISSING.equals(i.getCode())).toList();
                assertEquals(List.of(oneOf.iterator().next().keyword()),
                        missing.stream().map(i -> i.getData()[0]).toList(), k.keyword() + " without " + oneOf);
            }
        }
    }

    /** A network of three [4, 8, 8] inputs and a layer x of kind {@code k} reading {@code inputs}. */
    private static String network(LayerKind k, List<String> inputs, List<String> params) {
        String from = inputs.isEmpty() ? "" : " from [" + String.join(", ", inputs) + "]";
        String shape = k.spec().declaresShape() ? " [4, 8, 8]" : "";
        return "network N {\n    input a [4, 8, 8]\n    input b [4, 8, 8]\n    input c [4, 8, 8]\n    "
                + k.keyword() + " x" + from + shape + (params.isEmpty() ? "" : " " + String.join(" ", params))
                + "\n}\n";
    }

    /** The first alternative of each requirement of the kind, written. */
    private static List<String> requiredParameters(LayerKindSpec spec) {
        return spec.required().stream().map(oneOf -> written(oneOf.iterator().next())).toList();
    }

    /** A valid use of the parameter on a [4, 8, 8] input. */
    private static String written(LayerParam p) {
        return switch (p) {
            case FILTERS -> "filters 4";
            case UNITS -> "units 2";
            case KERNEL -> "kernel 1";
            case STRIDE -> "stride 1";
            case PADDING -> "padding 0";
            case GROUPS -> "groups 1";
            case BIAS -> "bias true";
            case GLOBAL -> "global";
            case CEIL -> "ceil";
            case AXIS -> "axis 0";
            case ACTIVATION -> "activation relu";
            case LAST -> "last";
            case VOCABULARY -> "vocabulary 4";
            case DIM -> "dim 2";
        };
    }
}
