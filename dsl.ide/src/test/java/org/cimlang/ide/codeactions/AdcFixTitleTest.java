package org.cimlang.ide.codeactions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The ADC fix names whose column sums need the bits, in a sentence, for one layer or many. */
class AdcFixTitleTest {
    @Test
    void oneLayerIsNamedWithItsColumnSums() {
        assertEquals("fc1's column sums", CimCodeActionService.whoseSums(List.of("fc1")));
    }

    @Test
    void twoLayersAreJoinedWithAnd() {
        assertEquals("the column sums of fc1 and fc2", CimCodeActionService.whoseSums(List.of("fc1", "fc2")));
    }

    @Test
    void manyLayersNameTheFirstTwoAndCountTheRest() {
        assertEquals("the column sums of a, b and 1 more layer", CimCodeActionService.whoseSums(List.of("a", "b", "c")));
        assertEquals("the column sums of a, b and 2 more layers",
                CimCodeActionService.whoseSums(List.of("a", "b", "c", "d")));
    }

    @Test
    void theNamesSkipTheNeedsEntryOfTheData() {
        assertEquals(List.of("fc1", "fc2"), DiagnosticData.of(new String[] {"needs=9", "fc1", "fc2"}).names());
    }
}
