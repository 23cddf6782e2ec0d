package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.io.NpzWriter;
import org.cimlang.io.Tensor;
import org.cimlang.validation.CompilerDiagnosticsValidator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Inject;

/** The network's weights line is checked against the file it names, as cim run would. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class WeightsFileValidationTest {
    @Inject
    CimTestSupport support;

    @TempDir
    Path dir;

    static final String NET = """
            network N {
                input x [4]
                dense d from x units 2
                weights "w.npz"
            }
            """;

    private List<Issue> weightsIssues() throws Exception {
        Path file = dir.resolve("n.cim");
        Files.writeString(file, NET);
        ResourceSet rs = support.newResourceSet();
        Resource r = rs.getResource(URI.createFileURI(file.toString()), true);
        return support.validate(r).stream().filter(i -> i.getCode() != null && i.getCode().startsWith("cim.weights"))
                .toList();
    }

    private static String render(List<Issue> issues) {
        return Src.render(issues);
    }

    @Test
    void aMissingWeightsFileIsAnInfoThatTrainingWritesIt() throws Exception {
        Src src = Src.of(NET);
        assertEquals("INFO " + CompilerDiagnosticsValidator.WEIGHTS_MISSING + " " + src.at("\"w.npz\"")
                + " w.npz does not exist yet: 'cim train' (or 'cim run', which trains first) writes it",
                render(weightsIssues()));
    }

    @Test
    void aMisShapedTensorIsAnErrorNamingTheLayerAndBothShapes() throws Exception {
        NpzWriter.write(dir.resolve("w.npz"), Map.of("d.weight", Tensor.zeros(2, 3), "d.bias", Tensor.zeros(2)));
        Src src = Src.of(NET);
        assertEquals("ERROR " + CompilerDiagnosticsValidator.WEIGHTS_INVALID + " " + src.at("\"w.npz\"")
                + " weights file w.npz: layer 'd': tensor 'd.weight' has shape [2, 3] but the layer needs [2, 4]",
                render(weightsIssues()));
    }

    @Test
    void aMissingTensorIsAnError() throws Exception {
        NpzWriter.write(dir.resolve("w.npz"), Map.of("d.weight", Tensor.zeros(2, 4)));
        List<Issue> issues = weightsIssues();
        assertEquals(1, issues.size(), render(issues));
        assertEquals("weights file w.npz: layer 'd': missing tensor 'd.bias' of shape [2]", issues.get(0).getMessage());
    }

    @Test
    void fittingWeightsGiveNoDiagnostic() throws Exception {
        NpzWriter.write(dir.resolve("w.npz"), Map.of("d.weight", Tensor.zeros(2, 4), "d.bias", Tensor.zeros(2)));
        assertEquals("", render(weightsIssues()));
    }

    @Test
    void aFileThatIsNotAnNpzIsAnErrorFromTheReader() throws Exception {
        Files.writeString(dir.resolve("w.npz"), "not a zip");
        List<Issue> issues = weightsIssues();
        assertEquals(1, issues.size(), render(issues));
        assertEquals(CompilerDiagnosticsValidator.WEIGHTS_INVALID, issues.get(0).getCode());
        assertEquals(true, issues.get(0).getMessage().startsWith("weights file w.npz: "), issues.get(0).getMessage());
    }
}
