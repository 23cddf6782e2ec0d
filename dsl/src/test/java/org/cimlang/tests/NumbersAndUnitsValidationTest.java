package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.log4j.Level;
import org.cimlang.cim.Mapping;
import org.cimlang.semantic.CimSemantics;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.logging.LoggingTester;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Units, whole numbers and the size limits that keep absurd files from overflowing or allocating. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class NumbersAndUnitsValidationTest {
    @Inject
    CimTestSupport support;

    @Inject
    CimSemantics semantics;

    private String frontEndIssues(Src src) throws Exception {
        return frontEnd(support.issues(src.text()));
    }

    @Test
    void theValidDesignHasNoErrorsAtAll() throws Exception {
        assertEquals("", Src.errors(support.issues(Src.VALID)));
    }

    @Test
    void quantitiesWithTheUnitsOfTheirDimensionPass() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", """
                    tiles 4
                    node 32 nm
                    clock 1.2 GHz
                    buffer 64 KB per tile
                    nonideal { variation 2 % read noise 100 % stuck at zero 0 % adc offset 0.5 lsb drift 0.05 per decade }
                """);
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void aTimeUnitOnTheNodeSizeIsAnErrorNamingTheLengthUnits() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    node 32 ns\n");
        assertEquals(src.error(CimIssueCodes.UNIT_WRONG, "ns",
                "'ns' is not a unit of length: node takes nm or um, e.g. 'node 32 nm'"), frontEndIssues(src));
    }

    @Test
    void aQuantityWithoutUnitIsAnErrorSuggestingThePreferredUnit() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    clock 1.2\n");
        assertEquals(src.error(CimIssueCodes.UNIT_MISSING, "1.2",
                "clock 1.2 has no unit: write a frequency in Hz, kHz, MHz or GHz, e.g. 'clock 1.2 GHz'"),
                frontEndIssues(src));
    }

    @Test
    void aUnitOnAPlainNumberIsAnError() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    nonideal { drift 5 % per decade }\n");
        assertEquals(src.error(CimIssueCodes.UNIT_WRONG, "%", "drift is a plain number, found unit '%': remove the unit"),
                frontEndIssues(src));
    }

    @Test
    void aPercentageAbove100IsAnError() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    nonideal { variation 120 % }\n");
        assertEquals(src.error(CimIssueCodes.RANGE_PERCENT, "120",
                "variation 120 % is out of range: a percentage lies in 0..100"), frontEndIssues(src));
    }

    @Test
    void aZeroClockIsAnError() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    clock 0 GHz\n");
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "0",
                "clock 0 GHz is not positive: write a value above 0"), frontEndIssues(src));
    }

    @Test
    void aQuantityBeyondDoubleRangeIsAnErrorNotInfinity() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    clock 1e400 GHz\n");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "1e400",
                "clock 1e400 is too large: write a number below 1e308"), frontEndIssues(src));
    }

    @Test
    void aFractionalCountIsAnErrorSuggestingTheNeighbouringWholeNumbers() throws Exception {
        Src src = Src.valid().replace("tiles 4", "tiles 2.5");
        assertEquals(src.error(CimIssueCodes.NUMBER_NOT_INTEGER, "2.5",
                "2.5 is not a whole number: write a count such as 2 or 3"), frontEndIssues(src));
    }

    @Test
    void aCountWrittenWithAnExponentIsAccepted() throws Exception {
        // 1e2 = 100 tiles, 1.5e1 = 15 arrays: whole numbers written with an exponent
        Src src = Src.valid().replace("tiles 4", "tiles 1e2").replace("arrays per tile 8", "arrays per tile 1.5e1");
        assertEquals("", frontEndIssues(src));
    }

    @Test
    void anArrayOf1e12RowsIsAnErrorAndNoException() throws Exception {
        // 1e12 is below the 2^40 = 1099511627776 a count may hold, so the array's own limit (2^20) reports it
        Src src = Src.valid().replace("array 128 x 128", "array 1e12 x 128");
        List<Issue> issues = new ArrayList<>();
        // a validator that throws is logged by Xtext and yields no issue: the log must stay empty
        LoggingTester.captureLogging(Level.ERROR, ResourceValidatorImpl.class, () -> {
            try {
                issues.addAll(support.issues(src.text()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).assertNoLogEntries();
        assertEquals(src.error(CimIssueCodes.RANGE_POSITIVE, "1e12",
                "array rows 1000000000000 is out of range: write a value in 1..65536"), frontEnd(issues));
        // the semantic layer and the mapping engine take the file too, and answer with errors
        Mapping m = (Mapping) CimTestSupport.model(support.load(src.text()).get(0)).getElements().get(3);
        assertTrue(semantics.compile(m).diagnostics().stream().anyMatch(d -> d.isError()),
                "the compiler reports the 1e12-row array as an error");
    }

    @Test
    void aCountAbove2To40IsTooLargeNamingTheRangeOfItsPlace() throws Exception {
        Src src = Src.valid().replace("array 128 x 128", "array 128 x 1e15");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "1e15",
                "array columns 1e15 is too large: write a value in 1..65536"), frontEndIssues(src));
    }

    @Test
    void aCountWhoseExponentBigDecimalCannotHoldIsTooLargeNamingTheRangeOfItsPlace() throws Exception {
        Src src = Src.valid().replace("tiles 4", "tiles 1e9999999999");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "1e9999999999",
                "tiles 1e9999999999 is too large: write a value in 1..16777216"), frontEndIssues(src));
    }

    @Test
    void aQuantityWhoseExponentBigDecimalCannotHoldIsTooLarge() throws Exception {
        Src src = Src.valid().replace("    tiles 4\n", "    tiles 4\n    node 1e9999999999 nm\n");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "1e9999999999",
                "node 1e9999999999 is too large: write a number below 1e308"), frontEndIssues(src));
    }

    @Test
    void aTileCountBeyondLongIsOneTooLargeErrorWithTheTilesRange() throws Exception {
        // 2^63: before, 'too large' and the compiler's "tiles of C must be at least 1, found 0"
        Src src = Src.valid().replace("tiles 4", "tiles 9223372036854775808");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "9223372036854775808",
                "tiles 9223372036854775808 is too large: write a value in 1..16777216"), Src.errors(support.issues(src.text())));
    }

    @Test
    void anArrayOf1e12By1e12IsOneErrorPerDimension() throws Exception {
        // before: the front end's two range errors and the compiler's two "the engine maps onto at most"
        Src src = Src.valid().replace("array 128 x 128", "array 1e12 x 1e12");
        assertEquals(Src.lines(src.error(CimIssueCodes.RANGE_POSITIVE, "1e12", 1,
                "array rows 1000000000000 is out of range: write a value in 1..65536"),
                src.error(CimIssueCodes.RANGE_POSITIVE, "1e12", 2,
                        "array columns 1000000000000 is out of range: write a value in 1..65536")),
                Src.errors(support.issues(src.text())));
    }

    @Test
    void aLayerSizeTooLargeForACountIsOneErrorNotACascadeOfTheStandIn() throws Exception {
        // the unreadable 1e50 is read as 0, which the compiler would report as "must be at least 1"
        Src src = Src.valid().replace("units 10", "units 1e50");
        assertEquals(src.error(CimIssueCodes.NUMBER_TOO_LARGE, "1e50",
                "units 1e50 is too large: write a value in 1..16777216"), Src.errors(support.issues(src.text())));
    }
}
