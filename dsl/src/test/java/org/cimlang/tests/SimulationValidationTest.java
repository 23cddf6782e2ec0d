package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The simulation's 'of' link, its dataset and the ranges of its settings. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class SimulationValidationTest {
    @Inject
    CimTestSupport support;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    private static Src dataset(String line) {
        return Src.valid().replace("dataset mnist", line);
    }

    @Test
    void aSimulationWithEverySettingHasNoErrors() throws Exception {
        Src src = dataset("""
                dataset mnist "data/mnist" split test limit 100
                    resize 28 x 28
                    normalize mean 0.5 std 0.25
                    input bits 8
                    nonideal on
                    seed 7
                    trials 3
                    time 1 ms
                    report "out/s\"""");
        assertEquals("", Src.errors(support.issues(src.text())));
    }

    @Test
    void cifar10WithItsFolderPasses() throws Exception {
        assertEquals("", frontEndIssues(dataset("dataset cifar10 \"data/cifar-10-batches-bin\" split train")));
    }

    @Test
    void aSimulationWithoutOfIsAnErrorOnItsName() throws Exception {
        Src src = Src.valid().replace("simulation S of M", "simulation S");
        assertEquals(src.error(CimIssueCodes.LINK_MISSING, "S", "simulation S needs the mapping it runs: "
                + "'simulation S of MAPPING'"), frontEndIssues(src));
    }

    @Test
    void aSimulationWithoutDatasetIsAnErrorOnItsName() throws Exception {
        Src src = dataset("seed 1");
        assertEquals(src.errorIn(CimIssueCodes.DATASET, "simulation S", "S", "simulation S needs a dataset, e.g. "
                + "'dataset mnist' (the bundled digits) or 'dataset mnist \"data/mnist\" split test'"),
                frontEndIssues(src));
    }

    @Test
    void anUnknownDatasetFormatIsAnErrorListingTheKnownOnes() throws Exception {
        Src src = dataset("dataset imagenet \"data/imagenet\"");
        assertEquals(src.errorIn(CimIssueCodes.DATASET, "dataset imagenet", "imagenet", "unknown dataset format 'imagenet': use mnist or "
                + "cifar10"), frontEndIssues(src));
    }

    @Test
    void cifar10WithoutItsFolderIsAnError() throws Exception {
        Src src = dataset("dataset cifar10");
        assertEquals(src.error(CimIssueCodes.DATASET, "cifar10", "cifar10 needs the folder holding its binary batches: "
                + "'dataset cifar10 \"data/cifar-10-batches-bin\"'"), frontEndIssues(src));
    }

    @Test
    void anUnknownSplitIsAnError() throws Exception {
        Src src = dataset("dataset mnist split val");
        assertEquals(src.error(CimIssueCodes.DATASET, "val", "unknown split 'val': write 'split train' or 'split test'"),
                frontEndIssues(src));
    }

    @Test
    void aSettingGivenTwiceIsAnError() throws Exception {
        Src src = dataset("dataset mnist\n    seed 1\n    seed 2");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "seed 2", "'seed' is given twice: keep one"),
                frontEndIssues(src));
    }

    @Test
    void aSecondDatasetIsAnError() throws Exception {
        Src src = dataset("dataset mnist\n    dataset cifar10 \"c\"");
        assertEquals(src.error(CimIssueCodes.PARAM_DUPLICATE, "dataset cifar10 \"c\"",
                "'dataset' is given twice: keep one"), frontEndIssues(src));
    }

    @Test
    void inputBitsOutside1To16AreAnError() throws Exception {
        Src src = dataset("dataset mnist\n    input bits 0");
        assertEquals(src.error(CimIssueCodes.RANGE_BITS, "0", "input bits 0 is out of range: write a value in 1..16"),
                frontEndIssues(src));
    }

    @Test
    void aZeroResizeIsAnError() throws Exception {
        Src src = dataset("dataset mnist\n    resize 0 x 28");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "resize height 0 is out of range: write a value in 1..4096"), frontEndIssues(src));
    }

    @Test
    void aResizeBeyondWhatTheSimulatorLoadsIsAnError() throws Exception {
        Src src = dataset("dataset mnist\n    resize 16777216 x 16777216");
        String issues = frontEndIssues(src);
        assertTrue(issues.contains("resize height 16777216 is out of range: write a value in 1..4096"), issues);
        assertTrue(issues.contains("resize width 16777216 is out of range: write a value in 1..4096"), issues);
    }

    @Test
    void aSimulatedLayerBeyondTheSimulatorsCellsIsAnErrorOnTheMappingItRuns() throws Exception {
        // d: 4 x 254 x 254 = 258,064 rows x 100 outputs x 8 columns (int8 on 2-bit cells, differential)
        Src src = Src.valid().replace("input img [1, 28, 28]", "input img [1, 256, 256]")
                .replace("dense d from f units 10", "dense d from f units 100");
        List<org.eclipse.xtext.validation.Issue> issues = support.issues(src.text()).stream()
                .filter(i -> org.cimlang.compiler.ir.DiagnosticCodes.SIMULATION_LAYER_TOO_LARGE.equals(i.getCode()))
                .toList();
        assertEquals("ERROR cim.simulation.layer-too-large " + src.at("simulation S of M", "M") + " layer d needs "
                + "258,064 rows x 800 physical columns = 206,451,200 cells per group, more than the 134,217,728 the "
                + "simulator programs per layer: use fewer weight bits or more cell bits, or simulate a smaller network",
                Src.errors(issues));
    }

    @Test
    void zeroTrialsIsAnError() throws Exception {
        Src src = dataset("dataset mnist\n    trials 0");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0", "trials 0 is out of range: write a value in "
                + "1..1000000"), frontEndIssues(src));
    }
}
