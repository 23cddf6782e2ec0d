package org.cimlang.validation;

import java.util.List;
import java.util.OptionalLong;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Count;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.semantic.Numbers;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/**
 * What the front end's checks share: the language's package, no registration of their own (they are
 * composed into {@link CimValidator}; registering one alone would run its checks twice), and the helpers
 * that word range, missing-item and keyword messages the same way everywhere.
 */
abstract class CimChecks extends AbstractDeclarativeValidator {

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(CimPackage.eINSTANCE);
    }

    @Override
    public void register(EValidatorRegistrar registrar) {
    }

    /**
     * Reports a count outside [min, max] once: a number too large for any count gets this range in its
     * message too, and {@link NumberChecks} (which runs on the count after its container) then keeps quiet
     * about it. Fractional counts are NumberChecks' to report.
     */
    protected void range(Count c, long min, long max, String what, String code) {
        if (c == null) {
            return;
        }
        String bounds = max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max;
        if (Numbers.tooLarge(c)) {
            error(what + " " + c.getValue() + " is too large: write a value " + bounds, c,
                    CimPackage.Literals.COUNT__VALUE, CimIssueCodes.NUMBER_TOO_LARGE, Long.toString(max));
            RangeCheckedCounts.of(getContext()).add(c);
            return;
        }
        OptionalLong v = Numbers.count(c);
        if (v.isEmpty()) {
            return;
        }
        long n = v.getAsLong();
        if (n < min || n > max) {
            error(what + " " + n + " is out of range: write a value " + bounds, c, CimPackage.Literals.COUNT__VALUE,
                    code, Long.toString(Math.max(min, Math.min(max, n))));
        }
    }


    protected void bits(Count c, int max, String what) {
        range(c, Limits.MIN_BITS, max, what, CimIssueCodes.RANGE_BITS);
    }

    /** A percentile (of calibration data or of column sums) lies above 0 and at most 100. */
    protected void percentile(String value, EObject owner, EStructuralFeature feature) {
        java.math.BigDecimal p = Numbers.decimal(value);
        if (p == null || p.signum() <= 0 || p.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
            error("percentile " + value + " is out of range: write a value above 0 and at most 100, e.g. 99.9", owner,
                    feature, CimIssueCodes.RANGE_PERCENT, "99.9");
        }
    }


    /** "nm, um" as "nm or um". */
    protected static String orList(String commaList) {
        int last = commaList.lastIndexOf(", ");
        return last < 0 ? commaList : commaList.substring(0, last) + " or " + commaList.substring(last + 2);
    }

    /** The leading keywords of an item as written, quoted: 'arrays per tile', 'stuck at zero'. */
    protected static String keywordOf(EObject o) {
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualNodeFor(o);
        if (node == null) {
            return o.eClass().getName();
        }
        StringBuilder words = new StringBuilder();
        for (var leaf : node.getLeafNodes()) {
            if (leaf.isHidden()) {
                continue;
            }
            if (!(leaf.getGrammarElement() instanceof org.eclipse.xtext.Keyword)) {
                break;
            }
            words.append(words.length() == 0 ? "" : " ").append(leaf.getText());
        }
        return "'" + (words.length() == 0 ? o.eClass().getName() : words) + "'";
    }


    /**
     * An error about something absent, unless a syntax error may have swallowed it: then the syntax
     * error is the one to fix, and this one would mislead.
     */
    protected void missing(String message, EObject o, EStructuralFeature feature, String code, String... data) {
        if (!SyntaxErrors.mayHaveDroppedText(o)) {
            error(message, o, feature, code, data);
        }
    }


    /** An error spanning every value of a many-valued feature (Xtext's own marks only the first). */
    protected void errorOnAll(String message, EObject o, EStructuralFeature feature, String code) {
        List<org.eclipse.xtext.nodemodel.INode> nodes =
                org.eclipse.xtext.nodemodel.util.NodeModelUtils.findNodesForFeature(o, feature);
        if (nodes.isEmpty()) {
            error(message, o, feature, code);
            return;
        }
        int start = nodes.get(0).getOffset();
        int end = nodes.get(nodes.size() - 1).getEndOffset();
        getMessageAcceptor().acceptError(message, o, start, end - start, code);
    }
}
