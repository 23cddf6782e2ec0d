package org.cimlang.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.cimlang.cim.CimFactory;
import org.cimlang.cim.Count;
import org.junit.jupiter.api.Test;

/** A count reads as its decimal value says, whether its text takes the plain-digits way or BigDecimal's. */
class NumbersTest {

    private static Count count(String text) {
        Count c = CimFactory.eINSTANCE.createCount();
        c.setValue(text);
        return c;
    }

    /** What the count is by BigDecimal alone: the reading before the plain-digits way. */
    private static OptionalLong byDecimal(String text) {
        try {
            BigDecimal d = new BigDecimal(text);
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(Numbers.MAX_COUNT)) > 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(d.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean tooLargeByDecimal(String text) {
        try {
            return new BigDecimal(text).compareTo(BigDecimal.valueOf(Numbers.MAX_COUNT)) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Test
    void everyCountReadsAsItsDecimalValue() {
        List<String> texts = new java.util.ArrayList<>(List.of("0", "1", "007", "64", "1099511627776",
                "1099511627777", "9999999999999", "10000000000000", "99999999999999999999", "1.0", "1.5", "1e3",
                "1E12", "-1", "+5", "", "x", "12a", "0.000", "1e9999999999"));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int digits = 1 + random.nextInt(16);
            for (int d = 0; d < digits; d++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
            texts.add(b.toString());
        }
        for (String t : texts) {
            assertEquals(byDecimal(t), Numbers.count(count(t)), t);
            assertEquals(t.isEmpty() || tooLargeByDecimal(t), Numbers.tooLarge(count(t)), t);
        }
    }
}
