package org.cimlang.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.cimlang.cim.Declaration;
import org.cimlang.linking.ClosestNames;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Syntax errors in the user's words. A misspelt keyword ({@code filterz 4}) is the commonest syntax
 * error, and ANTLR's "mismatched input 'filterz' expecting '}'" sends the reader to the wrong place:
 * this says which word is unknown, where, and the keyword it probably is. The suggestion travels as
 * issue data for a quick fix. Other syntax errors keep ANTLR's message.
 */
@Singleton
public class CimSyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

    private final Grammar grammar;
    private final Set<String> keywords;
    /** Every keyword, also those with digits ({@code conv2d}) that {@link #keywords} leaves out. */
    private final Set<String> allKeywords;
    private final Set<String> activationFunctions;
    private final Set<String> layerKinds;
    /** Keywords usable inside each kind of element, by the element's type name. */
    private final Map<String, Set<String>> keywordsWithin = new ConcurrentHashMap<>();

    @Inject
    public CimSyntaxErrorMessageProvider(IGrammarAccess grammarAccess) {
        this.grammar = grammarAccess.getGrammar();
        this.keywords = words(GrammarUtil.getAllKeywords(grammar));
        this.allKeywords = Set.copyOf(GrammarUtil.getAllKeywords(grammar));
        this.activationFunctions = enumLiterals(grammar, "ActivationFunction");
        this.layerKinds = enumLiterals(grammar, "LayerKind");
    }

    private static Set<String> words(Iterable<String> all) {
        Set<String> words = new TreeSet<>();
        for (String k : all) {
            if (k.length() > 1 && k.chars().allMatch(c -> Character.isLetter(c) || c == '_' || c == '-')) {
                words.add(k);
            }
        }
        return Set.copyOf(words);
    }

    /**
     * The keywords of the rule that parses {@code type} and of every rule it calls: what may be written
     * inside such an element. Suggesting only those keeps 'onn' in a mapping header from becoming
     * 'one' (a chip's 'stuck at one').
     */
    private Set<String> keywordsWithin(EObject parsing) {
        if (parsing == null) {
            return keywords;
        }
        return keywordsWithin.computeIfAbsent(parsing.eClass().getName(), name -> {
            AbstractRule rule = GrammarUtil.findRuleForName(grammar, name);
            if (rule == null) {
                return keywords;
            }
            Set<AbstractRule> seen = new HashSet<>();
            Deque<AbstractRule> todo = new ArrayDeque<>(List.of(rule));
            List<String> found = new ArrayList<>();
            while (!todo.isEmpty()) {
                AbstractRule r = todo.pop();
                if (!seen.add(r)) {
                    continue;
                }
                for (Keyword k : GrammarUtil.containedKeywords(r)) {
                    found.add(k.getValue());
                }
                for (RuleCall call : GrammarUtil.containedRuleCalls(r)) {
                    // a terminal's "keywords" are characters ('e' of 1e8, 'Z' of ID): no words of the language
                    // a name's words (ValidID's soft keywords) are no keywords to suggest either
                    if (!(call.getRule() instanceof TerminalRule) && !"ValidID".equals(call.getRule().getName())) {
                        todo.push(call.getRule());
                    }
                }
            }
            return words(found);
        });
    }

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        RecognitionException e = context.getRecognitionException();
        Token token = e == null ? null : e.token;
        String text = token == null ? null : token.getText();
        String where = where(context.getCurrentContext());
        String previous = previousWord(e);
        if (text != null && "activation".equals(previous) && isWord(text) && !activationFunctions.contains(text)
                && (layerKinds.contains(text) || !keywords.contains(text))) {
            // 'activation softmax': softmax is a layer kind, so ANTLR only says the word cannot stand here
            return new SyntaxErrorMessage("'" + text + "' is not an activation function" + where + ": write one of "
                    + String.join(", ", activationFunctions)
                    + (layerKinds.contains(text) ? " (" + text + " is a layer of its own: '" + text
                            + " NAME from LAYER')" : ""), Diagnostic.SYNTAX_DIAGNOSTIC);
        }
        if (text != null && isWord(text) && !keywords.contains(text) && previous != null
                && activationFunctions.contains(previous) && !layerKinds.contains(previous)
                && EcoreUtil2.getContainerOfType(context.getCurrentContext(), org.cimlang.cim.Network.class) != null) {
            // 'gelu g from c': PyTorch's nn.GELU is a module, cimlang's gelu a function of a layer
            return new SyntaxErrorMessage(activationWrittenAsLayer(previous, text, context.getCurrentContext()),
                    Diagnostic.SYNTAX_DIAGNOSTIC);
        }
        if (text != null && isWord(text) && !keywords.contains(text) && previous != null && !keywords.contains(previous)
                && EcoreUtil2.getContainerOfType(context.getCurrentContext(), org.cimlang.cim.Network.class) != null) {
            // 'densse fc2': the misspelt kind was taken for a name, and the error lands on the word after it
            Optional<String> kind = ClosestNames.closest(previous, layerKinds);
            if (kind.isPresent()) {
                return new SyntaxErrorMessage("'" + text + "' cannot follow '" + previous + "'" + where
                        + ": did you mean '" + kind.get() + " " + text + "'?", Diagnostic.SYNTAX_DIAGNOSTIC);
            }
        }
        if (text == null || text.isEmpty() || !Character.isLetter(text.charAt(0)) || keywords.contains(text)) {
            SyntaxErrorMessage antlr = super.getSyntaxErrorMessage(context);
            return new SyntaxErrorMessage(ParserMessages.plain(antlr.getMessage(), where), antlr.getIssueCode(),
                    antlr.getIssueData());
        }
        UnknownWord u = unknownWord(text, context.getCurrentContext());
        return new SyntaxErrorMessage(u.message(), Diagnostic.SYNTAX_DIAGNOSTIC,
                u.suggestion() == null ? null : new String[] {u.suggestion()});
    }

    /**
     * What to say of a word the language does not know, written inside {@code parsing}: the closest keyword
     * usable there, else every keyword usable there.
     *
     * @param suggestion the closest keyword, or null
     */
    public record UnknownWord(String message, String suggestion) {
    }

    /**
     * Layers of other frameworks that cimlang has no kind for yet: a near-miss suggestion ('layernorm' ->
     * 'batchnorm') would change the network's meaning, so these get the list of kinds instead.
     */
    private static final Set<String> FOREIGN_LAYERS = Set.of("groupnorm", "instancenorm",
            "swish", "hardsigmoid", "leakyrelu", "elu", "prelu", "mish", "clip",
            "gemm", "linear", "attention", "multiheadattention", "rnn",
            "permute", "split", "sub", "div", "upsample", "resize", "pad", "dropout", "conv1d",
            "conv3d", "convtranspose", "deconv", "globalavgpool", "adaptiveavgpool");

    public UnknownWord unknownWord(String text, EObject parsing) {
        String where = where(parsing);
        if (parsing instanceof org.cimlang.cim.Network || parsing instanceof org.cimlang.cim.Layer) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (FOREIGN_LAYERS.contains(lower)) {
                return new UnknownWord("'" + text + "' is not a layer kind of cimlang (yet)" + where
                        + ": the layer kinds are " + String.join(", ", new TreeSet<>(layerKinds))
                        + " (docs/language.md lists what each takes)", null);
            }
        }
        Optional<String> keyword = ClosestNames.closest(text, keywordsWithin(parsing));
        if (keyword.isPresent()) {
            return new UnknownWord("unknown word '" + text + "'" + where + ": did you mean '" + keyword.get() + "'?",
                    keyword.get());
        }
        return new UnknownWord("unknown word '" + text + "'" + where + ": remove it, or write one of "
                + String.join(", ", new TreeSet<>(keywordsWithin(parsing))), null);
    }

    /** Whether {@code word} is an activation function that is no layer kind ({@code gelu}, not {@code softmax}). */
    public boolean isActivationOnly(String word) {
        return activationFunctions.contains(word) && !layerKinds.contains(word);
    }

    /** What to say of {@code function NAME from ...} in a network: how the activation is written instead. */
    public String activationWrittenAsLayer(String function, String name, EObject parsing) {
        return "'" + function + "' is an activation function, not a layer kind" + where(parsing) + ": write 'activation "
                + (name == null ? "NAME" : name) + " from LAYER " + function + "', or 'activation " + function
                + "' at the end of the layer before";
    }

    /** Whether {@code text} is a keyword of the language (a word, not punctuation). */
    public boolean isKeyword(String text) {
        return allKeywords.contains(text);
    }

    private static boolean isWord(String text) {
        return !text.isEmpty() && Character.isLetter(text.charAt(0));
    }

    /** The last word before the failing token, skipping whitespace and comments; null if none. */
    private static String previousWord(RecognitionException e) {
        if (e == null || !(e.input instanceof org.antlr.runtime.TokenStream tokens) || e.token == null) {
            return null;
        }
        for (int i = e.token.getTokenIndex() - 1; i >= 0 && i < tokens.size(); i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                String text = t.getText();
                return text != null && isWord(text) ? text : null;
            }
        }
        return null;
    }

    /** The literals of an enum rule of the grammar, e.g. the activation functions. */
    private static Set<String> enumLiterals(Grammar grammar, String rule) {
        AbstractRule r = GrammarUtil.findRuleForName(grammar, rule);
        Set<String> out = new TreeSet<>();
        if (r != null) {
            for (Keyword k : GrammarUtil.containedKeywords(r)) {
                out.add(k.getValue());
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** " in network N" for the declaration being parsed, or nothing. */
    private static String where(EObject parsing) {
        Declaration d = parsing instanceof Declaration own ? own
                : parsing == null ? null : EcoreUtil2.getContainerOfType(parsing, Declaration.class);
        if (d == null || d.getName() == null) {
            return "";
        }
        return " in " + d.eClass().getName().toLowerCase(Locale.ROOT) + " " + d.getName();
    }
}
