package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.semantic.DesignBuilder;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The shipped examples validate the way the editor and {@code cim check examples/} see them: every
 * .cim file under {@code examples/} in one resource set (the {@code cim.workspace} marker makes the
 * folder one workspace), so that {@code import chips.*} and {@code import networks.*} resolve.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class ExamplesValidateTest {
    /** The examples folder, relative to the dsl module, where Maven runs the tests. */
    static final Path EXAMPLES = Paths.get("..", "examples").toAbsolutePath().normalize();

    /** What the issues promise to ship (issue 2: chips, networks, seed experiments; issue 4: runnable ones). */
    static final List<String> REQUIRED = List.of(
            "cim.workspace",
            "chips/isaac.cim", "chips/neurosim.cim", "chips/pimcomp.cim", "chips/spirit.cim", "chips/sram-bnn.cim",
            "networks/mlp.cim", "networks/lenet5.cim", "networks/vgg8.cim", "networks/resnet18.cim",
            "networks/resnet50.cim", "networks/vgg16.cim",
            "mlp/mlp.cim", "lenet5/lenet5.cim", "spirit/spirit.cim", "sram-bnn/sram-bnn.cim",
            "resnet18/resnet18.cim", "resnet50/resnet50.cim", "vgg8/vgg8.cim", "vgg16/vgg16.cim");

    /**
     * Warnings an example may carry because they are its point: the published chips' ADCs are
     * narrower than exact 128-row sums need (ISAAC and PUMA/PIMCOMP 8 bits for 9, NeuroSim 5 for 8,
     * the SRAM BNN's 5-bit read-out), and the engine says so; MobileNetV2's mapping without 'pack' is there
     * to show what one array per depthwise group costs, and the engine's warning on it.
     */
    static final Set<String> EXPECTED_WARNINGS = Set.of(DiagnosticCodes.ADC_CLIPPING, DiagnosticCodes.PACK_WOULD_HELP);

    @Inject
    private Provider<ResourceSet> resourceSets;

    @Inject
    private IResourceValidator validator;

    @Test
    void everyRequiredExampleExists() {
        List<String> missing = REQUIRED.stream().filter(f -> !Files.isRegularFile(EXAMPLES.resolve(f))).toList();
        assertEquals(List.of(), missing, "missing under " + EXAMPLES);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesWithoutErrors() {
        ResourceSet rs = loadAll();
        return cimFiles().stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
            List<Issue> errors = issues(rs, f).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
            assertEquals("", CimTestSupport.render(errors), name(f) + " has errors");
        }));
    }

    @TestFactory
    Stream<DynamicTest> examplesWarnOnlyWhereTheWarningIsThePoint() {
        ResourceSet rs = loadAll();
        return cimFiles().stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
            List<Issue> unexpected = issues(rs, f).stream()
                    .filter(i -> i.getSeverity() == Severity.WARNING && !EXPECTED_WARNINGS.contains(i.getCode()))
                    .toList();
            assertEquals("", CimTestSupport.render(unexpected), name(f) + " has warnings that are not its point");
        }));
    }

    @Test
    void resNet50EndsIn2048FeatureMapsOf7x7PooledTo2048x1x1() {
        AnalyzedNetwork net = analyze("networks/resnet50.cim", "ResNet50");
        assertEquals(Shape.of(64, 112, 112), net.shapeOf("conv1")); // (224 + 2*3 - 7) / 2 + 1 = 112
        assertEquals(Shape.of(64, 56, 56), net.shapeOf("pool")); // (112 + 2*1 - 3) / 2 + 1 = 56
        assertEquals(Shape.of(256, 56, 56), net.shapeOf("layer1_2_add")); // 4 x 64 channels, stride 1
        assertEquals(Shape.of(512, 28, 28), net.shapeOf("layer2_3_add"));
        assertEquals(Shape.of(1024, 14, 14), net.shapeOf("layer3_5_add"));
        assertEquals(Shape.of(2048, 7, 7), net.shapeOf("layer4_2_add")); // 224 / 32 = 7
        assertEquals(Shape.of(2048, 1, 1), net.shapeOf("gap"));
        assertEquals(Shape.of(1000), net.shapeOf("fc"));
        // 3 + 4 + 6 + 3 = 16 bottlenecks of 3 convolutions, 4 projections, the stem and fc: 54 weight layers
        assertEquals(54, net.order().stream().filter(l -> l.kind().hasCrossbarWeights()).count());
    }

    @Test
    void resNet18EndsIn512FeatureMapsOf7x7() {
        AnalyzedNetwork net = analyze("networks/resnet18.cim", "ResNet18");
        assertEquals(Shape.of(64, 56, 56), net.shapeOf("layer1_1_add"));
        assertEquals(Shape.of(128, 28, 28), net.shapeOf("layer2_1_add"));
        assertEquals(Shape.of(256, 14, 14), net.shapeOf("layer3_1_add"));
        assertEquals(Shape.of(512, 7, 7), net.shapeOf("layer4_1_add"));
        assertEquals(Shape.of(512), net.shapeOf("flat"));
        // 4 stages x 2 blocks x 2 convolutions + 3 projections + stem + fc = 21 weight layers
        assertEquals(21, net.order().stream().filter(l -> l.kind().hasCrossbarWeights()).count());
    }

    @Test
    void vggClassifiersReadTheFlattenedLastPooling() {
        // VGG-16: 224 / 2^5 = 7, 512 x 7 x 7 = 25,088; VGG-8: 32 / 2^3 = 4, 512 x 4 x 4 = 8,192
        assertEquals(Shape.of(25088), analyze("networks/vgg16.cim", "Vgg16").shapeOf("flat"));
        assertEquals(Shape.of(8192), analyze("networks/vgg8.cim", "Vgg8").shapeOf("flat"));
    }

    @Test
    void lenet5FlattensSixteenMapsOf5x5() {
        // 28 -> c1 (pad 2) 28 -> p1 14 -> c2 10 -> p2 5; 16 x 5 x 5 = 400
        assertEquals(Shape.of(400), analyze("networks/lenet5.cim", "LeNet5").shapeOf("f"));
    }

    /* ------------------------------------------------------------ helpers */

    private static List<Path> cimFiles() {
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".cim")).sorted().collect(Collectors.toList());
            assertFalse(files.isEmpty(), "no .cim files under " + EXAMPLES);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the examples under " + EXAMPLES, e);
        }
    }

    private static String name(Path f) {
        return EXAMPLES.relativize(f).toString().replace('\\', '/');
    }

    private static URI uri(Path f) {
        return URI.createFileURI(f.toString());
    }

    /** Every example in one resource set, as the CLI loads a workspace. */
    private ResourceSet loadAll() {
        ResourceSet rs = resourceSets.get();
        for (Path f : cimFiles()) {
            rs.getResource(uri(f), true);
        }
        return rs;
    }

    private List<Issue> issues(ResourceSet rs, Path f) {
        Resource r = rs.getResource(uri(f), false);
        assertNotNull(r, name(f) + " was not loaded");
        return new ArrayList<>(validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl));
    }

    private AnalyzedNetwork analyze(String file, String network) {
        ResourceSet rs = loadAll();
        Resource r = rs.getResource(uri(EXAMPLES.resolve(file)), false);
        Network n = ((Model) r.getContents().get(0)).getElements().stream().filter(Network.class::isInstance)
                .map(Network.class::cast).filter(x -> network.equals(x.getName())).findFirst().orElse(null);
        assertNotNull(n, file + " declares no network " + network);
        AnalyzedNetwork net = NetworkAnalysis.analyze(DesignBuilder.network(n));
        assertTrue(net.diagnostics().isEmpty(), () -> file + ": " + net.diagnostics());
        return net;
    }
}
