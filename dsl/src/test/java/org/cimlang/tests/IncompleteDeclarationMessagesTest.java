package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Messages while a declaration is being typed: the parser leaves names and values unset, and no message
 * may show Java's "null" in their place. Every prefix of the valid design is validated, as an editor
 * validates after each keystroke.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class IncompleteDeclarationMessagesTest {
    @Inject
    CimTestSupport support;

    @Test
    void noMessageOfAnyPrefixOfTheDesignSaysNull() throws Exception {
        String design = Src.VALID.replace("flatten f from c1", "flatten f from c1\n    activation a from f relu")
                .replace("from f units", "from a units").replace("adc bits 8", "adc bits 8\n    node 32 nm\n    clock 1 GHz");
        Set<String> withNull = new TreeSet<>();
        for (int end = 1; end <= design.length(); end++) {
            char last = design.charAt(end - 1);
            if (!Character.isWhitespace(last)) {
                continue; // one prefix per word: the editor's state after each word is typed
            }
            for (Issue i : support.issues(design.substring(0, end))) {
                if (i.getMessage().matches("(?s).*\\bnull\\b.*")) {
                    withNull.add(i.getMessage());
                }
            }
        }
        assertEquals(Set.of(), withNull);
    }
}
