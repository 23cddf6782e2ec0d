package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimlang.cim.Model;
import org.cimlang.cim.Sweep;
import org.cimlang.compiler.sweep.SweepDesign;
import org.cimlang.compiler.sweep.SweepGrid;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.compiler.sweep.SweepPointDesign;
import org.cimlang.compiler.sweep.SweepValue;
import org.cimlang.semantic.SweepBuilder;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The sweep declaration: its target, parameters, values, objectives, size and its IR. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class SweepValidationTest {
    @Inject
    CimTestSupport support;

    private static Src sweep(String body) {
        return Src.of(Src.VALID + "\nsweep W of S {\n" + body + "\n}\n");
    }

    private static Src mappingSweep(String body) {
        return Src.of(Src.VALID + "\nsweep W of M {\n" + body + "\n}\n");
    }

    private String issues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    @Test
    void aSweepOfASimulationOverAdcBitsAndArraySizeIsValidAndSaysHowManyPointsItHas() throws Exception {
        Src src = sweep("""
                vary chip.adc bits 4..9
                vary chip.array [64, 128, 256]
                vary quantization.weights [int4, int8]
                objectives accuracy, energy, area
                trials 5
                seed 7""");
        assertEquals("INFO " + CimIssueCodes.SWEEP_SIZE + " " + src.at("W") + " sweep W: 6 x 3 x 2 = 36 points",
                issues(src));
    }

    @Test
    void anUnknownParameterIsAnErrorWithTheClosestParameterAndTheList() throws Exception {
        Src src = sweep("vary chip.adc bitz 4..9\nobjectives energy");
        String issues = issues(src);
        assertTrue(issues.contains("ERROR " + CimIssueCodes.SWEEP + " " + src.at("adc bitz")
                + " a sweep cannot vary 'chip.adc bitz': did you mean 'chip.adc bits'? It can vary chip.adc bits, "
                + "chip.dac bits,"), issues);
        assertTrue(issues.contains(" or simulation.input bits"), issues);
    }

    @Test
    void anEmptyRangeAndAnOutOfRangeValueAreErrorsOnTheValues() throws Exception {
        Src src = sweep("vary chip.adc bits 9..4\nvary chip.cell bits [1, 2, 12]\nobjectives energy");
        assertEquals(Src.lines(
                src.error(CimIssueCodes.SWEEP, "9..4", "the range 9..4 is empty: write the smaller value first"),
                src.error(CimIssueCodes.SWEEP, "12]", "chip.cell bits takes 1 to 8, not 12").replace("+3 ", "+2 ")), issues(src));
    }

    @Test
    void aWordWhereANumberBelongsAndANumberWhereATypeBelongsAreErrors() throws Exception {
        Src src = sweep("vary chip.adc bits [4, high]\nvary quantization.weights [int4, 8]\nobjectives energy");
        String issues = issues(src);
        assertTrue(issues.contains(src.error(CimIssueCodes.SWEEP, "high",
                "chip.adc bits takes a whole number, not 'high'")), issues);
        assertTrue(issues.contains("quantization.weights takes number types such as int4 or uint8, not 8"), issues);
    }

    @Test
    void accuracyOfASweepOverAMappingIsAnErrorThatSaysToSweepASimulation() throws Exception {
        Src src = mappingSweep("vary chip.adc bits 4..6\nobjectives accuracy, energy");
        assertTrue(issues(src).contains(src.error(CimIssueCodes.PARAM_NOT_APPLICABLE, "accuracy",
                "accuracy needs simulated chips; sweep W varies mapping M, which is only costed: "
                        + "write 'sweep W of SIMULATION'")), issues(src));
    }

    @Test
    void anUnknownObjectiveIsAnErrorListingTheObjectives() throws Exception {
        Src src = mappingSweep("vary chip.adc bits 4..6\nobjectives energy, speed");
        assertTrue(issues(src).contains(src.error(CimIssueCodes.SWEEP, "speed", "unknown objective 'speed': use "
                + "accuracy, energy, latency, throughput, area, power, arrays or efficiency")), issues(src));
    }

    @Test
    void aSweepWithoutTargetVaryOrObjectivesSaysWhatToAdd() throws Exception {
        Src src = Src.of(Src.VALID + "\nsweep W {\n}\n");
        String issues = issues(src);
        assertTrue(issues.contains("sweep W needs the mapping or simulation it varies: 'sweep W of MAPPING' (costs)"),
                issues);
        assertTrue(issues.contains("sweep W varies nothing: add a line such as 'vary chip.adc bits 4..8'"), issues);
        assertTrue(issues.contains("sweep W needs what its points are compared by, e.g. 'objectives energy, area'"),
                issues);
    }

    @Test
    void aSweepOfAChipIsAnErrorOnItsTarget() throws Exception {
        Src src = Src.of(Src.VALID + "\nsweep W of C {\nvary chip.adc bits 4..6\nobjectives energy\n}\n");
        assertTrue(issues(src).contains("ERROR " + CimIssueCodes.LINK_MISMATCH + " " + "27:12+1"
                + " a sweep varies a mapping or a simulation; C is a chip"), issues(src));
    }

    @Test
    void aSimulationSettingInASweepOfAMappingAndAVaryGivenTwiceAreErrors() throws Exception {
        Src src = mappingSweep("vary simulation.input bits [4, 8]\nvary chip.tiles [2, 4]\nvary chip.tiles [8]\n"
                + "objectives energy");
        String issues = issues(src);
        assertTrue(issues.contains("simulation.input bits is a setting of a simulation; sweep W varies mapping M: "
                + "write 'sweep W of SIMULATION'"), issues);
        assertTrue(issues.contains("chip.tiles is varied twice: put every value on one line"), issues);
    }

    @Test
    void aSweepOfMoreThanAMillionPointsIsAnErrorAndNeverEnumerated() throws Exception {
        Src src = sweep("vary chip.array 1..65536\nvary chip.tiles 1..1000\nobjectives energy");
        assertTrue(issues(src).contains("sweep W has 65536 x 1000 = 65,536,000 points, more than 1,000,000: split it"),
                issues(src));
    }

    @Test
    void theIrOfASweepChangesOnlyTheMappedChipAndQuantizationAtEachPoint() throws Exception {
        Src src = sweep("vary chip.adc bits 4..5\nvary quantization.weights [int4, int8]\nvary chip.variation [0, 5 %]\n"
                + "objectives accuracy, energy\ntrials 3\nseed 9");
        Resource r = support.load(src.text()).get(0);
        Sweep s = (Sweep) ((Model) r.getContents().get(0)).getElements().stream().filter(Sweep.class::isInstance)
                .findFirst().orElseThrow();
        SweepDesign sd = SweepBuilder.of(s).orElseThrow();
        assertEquals("M", sd.spec().mapping());
        assertEquals("S", sd.spec().simulation());
        assertEquals(List.of(SweepObjective.ACCURACY, SweepObjective.ENERGY), sd.spec().objectives());
        assertTrue(sd.spec().simulates());
        List<Map<SweepParameter, SweepValue>> points = SweepGrid.points(sd.spec().varies());
        assertEquals(8, points.size());
        Map<SweepParameter, SweepValue> last = points.get(7);
        assertEquals("5", last.get(SweepParameter.ADC_BITS).text());
        assertEquals("int8", last.get(SweepParameter.WEIGHTS).text());
        assertEquals("5", last.get(SweepParameter.VARIATION).text());
        assertEquals("0", points.get(0).get(SweepParameter.VARIATION).text());
        var design = SweepPointDesign.of(sd.design(), sd.spec(), last);
        assertEquals(5, design.chip("C").orElseThrow().adcBits());
        assertEquals(0.05, design.chip("C").orElseThrow().nonideal().variation(), 1e-12);
        assertEquals(8, design.quantization("Q").orElseThrow().weights().type().bits());
        assertEquals(3, design.simulation("S").orElseThrow().trials());
        assertEquals(SweepGrid.seed(9, last), design.simulation("S").orElseThrow().seed());
        assertEquals(8, sd.design().chip("C").orElseThrow().adcBits(), "the base design is unchanged");
    }
}
