package org.cimlang.conversion;

import java.util.Set;

import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.impl.AbstractNullSafeConverter;
import org.eclipse.xtext.nodemodel.INode;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * {@code ValidID} names are IDs (or the keyword {@code x}): an escaped name {@code ^add} names a
 * layer {@code add}, and a name that is a keyword is written back escaped. A parser rule cannot use
 * the lexer-based ID converter, hence this small one.
 *
 * <p>A singleton, as Xtext's {@link DefaultTerminalConverters} is (a scope annotation is not
 * inherited): otherwise every resource the builder creates, one per edit in the language server,
 * injects a new instance and collects the grammar's keywords again (a fifth of an edit's time).
 */
@Singleton
public class CimValueConverters extends DefaultTerminalConverters {

    private Set<String> keywords;

    @Inject
    void readKeywords(IGrammarAccess grammarAccess) {
        keywords = GrammarUtil.getAllKeywords(grammarAccess.getGrammar());
    }

    @ValueConverter(rule = "ValidID")
    public IValueConverter<String> ValidID() {
        return new AbstractNullSafeConverter<>() {
            @Override
            protected String internalToValue(String text, INode node) {
                return text.startsWith("^") ? text.substring(1) : text;
            }

            @Override
            protected String internalToString(String value) {
                // `x` is a ValidID on its own; every other keyword needs the escape to be a name
                return !value.equals("x") && keywords.contains(value) ? "^" + value : value;
            }
        };
    }
}
