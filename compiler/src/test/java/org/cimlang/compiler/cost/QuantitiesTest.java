package org.cimlang.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void numbersFromAThousandUpHaveThousandsSeparatorsAndNoExponent() {
        assertEquals("18,939", Quantities.number(18_939.4));
        assertEquals("1,300,000", Quantities.number(1.3e6));
        assertEquals("1,000", Quantities.number(999.6)); // rounds up into the separated range, not "1000"
        assertEquals("-4,880", Quantities.number(-4_880));
    }

    @Test
    void numbersBelowAThousandHaveThreeSignificantDigits() {
        assertEquals("154", Quantities.number(154.2));
        assertEquals("13.3", Quantities.number(13.26));
        assertEquals("0.0512", Quantities.number(0.05123));
        assertEquals("0", Quantities.number(0));
    }

    @Test
    void onlyAstronomicalOrUndefinedNumbersLeaveThePlainForm() {
        assertEquals("3.3e18", Quantities.number(3.3e18));
        assertEquals("unlimited", Quantities.number(Double.POSITIVE_INFINITY));
        assertEquals("undefined", Quantities.number(Double.NaN));
    }

    @Test
    void siQuantitiesCarryOnePrefixAndThreeDigits() {
        assertEquals("92.9 us", Quantities.si(92.9e-6, "s"));
        assertEquals("67.7 uJ", Quantities.si(67.7e-6, "J"));
        assertEquals("1.75 mJ", Quantities.si(1.75e-3, "J"));
    }
}
