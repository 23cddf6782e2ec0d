package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.cimlang.onnx.CimKeywords;
import org.cimlang.services.CimGrammarAccess;
import org.eclipse.xtext.GrammarUtil;
import org.junit.jupiter.api.Test;

/** The importer avoids the grammar's keywords in names; its list lives apart from the grammar, so compare. */
class CimKeywordsTest {
    private static final Set<String> SOFT = Set.of("x", "pe", "sar", "flash", "mlsa", "bus", "mesh", "htree", "width",
            "area", "drivers", "activity", "inputs", "interconnect", "floorplan", "sweep", "vary", "objectives", "step", "supply",
            "macro", "only", "compute", "capacitor", "current", "discharge", "charge", "pulses");

    @Test
    void importerKeywordListIsExactlyTheGrammarsWordKeywordsExceptTheOnesNamesMayUse() {
        CimGrammarAccess grammar = Workspace.createInjector().getInstance(CimGrammarAccess.class);
        Set<String> words = new TreeSet<>();
        for (String k : GrammarUtil.getAllKeywords(grammar.getGrammar())) {
            // 'x' and the cost model's words are keywords that ValidID also accepts as names; per-channel
            // cannot occur in a sanitised name
            if (k.matches("[A-Za-z_][A-Za-z0-9_]*") && !SOFT.contains(k)) {
                words.add(k);
            }
        }
        assertEquals(words, new TreeSet<>(CimKeywords.WORDS));
    }
}
