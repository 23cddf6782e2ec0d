package org.cimlang.ide.codeactions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.QuantItem;
import org.cimlang.cim.Quantization;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.FitRepairs;
import org.cimlang.semantic.CimSemantics;
import org.cimlang.semantic.DesignBuilder;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.DocumentExtensions;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScopeProvider;

import com.google.inject.Inject;

/**
 * The fixes of a whole network that does not fit, each a repair the engine ({@link FitRepairs}) found by
 * compiling the changed design: narrower weights in the mapping's quantization, or the smallest chip in
 * scope (every chip of the workspace, by the name the file may write) that holds the network.
 */
class FitRepairFixes {

    @Inject
    private CimSemantics semantics;

    @Inject
    private IScopeProvider scopes;

    @Inject
    private IQualifiedNameConverter names;

    @Inject
    private DocumentExtensions documents;

    @Inject
    private UriExtensions uris;

    void add(Mapping m, Diagnostic d, Document document, String uri, List<CodeAction> out) {
        if (m == null || !resolved(m.getChip()) || !resolved(m.getNetwork())) {
            return;
        }
        Compilation c = semantics.compile(m);
        lowerWeights(m, c, d, out);
        pack(m, c, d, document, uri, out);
        smallestChip(m, c, d, document, uri, out);
    }

    private void pack(Mapping m, Compilation c, Diagnostic d, Document document, String uri, List<CodeAction> out) {
        INode close = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualNodeFor(m);
        if (close == null) {
            return;
        }
        FitRepairs.pack(c).ifPresent(a -> {
            // before the mapping's closing brace, on a line of its own
            int brace = close.getEndOffset() - 1;
            String text = document.getContents();
            int lineStart = text.lastIndexOf('\n', brace - 1) + 1;
            String insert = text.substring(lineStart, brace).isBlank() ? "    pack\n" : "\n    pack\n";
            int at = text.substring(lineStart, brace).isBlank() ? lineStart : brace;
            out.add(CimCodeActionService.action("Pack small layers and groups: " + c.network().name() + " needs "
                    + Quantities.count(a.after(), "array") + " instead of " + Quantities.count(a.before()) + " (frees "
                    + Quantities.count(a.freed()) + "; " + c.chip().name() + " has " + Quantities.count(a.available())
                    + ")", d, Map.of(uri, List.of(CimCodeActionService.replace(document, at, at, insert)))));
        });
    }

    /** The {@code weights} line of the mapping's quantization, wherever that is declared. */
    private void lowerWeights(Mapping m, Compilation c, Diagnostic d, List<CodeAction> out) {
        Quantization q = m.getQuantization();
        if (!resolved(q)) {
            return;
        }
        INode type = null;
        for (QuantItem item : q.getItems()) {
            if (item instanceof DefaultQuant dq && dq.isWeights() && dq.getSpec() != null) {
                type = CimCodeActionService.node(dq.getSpec(), CimPackage.Literals.QUANT_SPEC__TYPE);
            }
        }
        if (type == null) {
            return;
        }
        INode typeNode = type;
        FitRepairs.lowerWeightBits(c).ifPresent(w -> {
            Resource r = q.eResource();
            TextEdit edit = new TextEdit(documents.newRange(r, typeNode.getOffset(), typeNode.getEndOffset()),
                    keyword(w.type()));
            out.add(CimCodeActionService.action("Lower the weights of " + q.getName() + " to " + keyword(w.type())
                    + ": " + c.network().name() + " needs " + Quantities.count(w.arrays().after(), "array")
                    + " instead of " + Quantities.count(w.arrays().before()) + " (frees "
                    + Quantities.count(w.arrays().freed()) + "; " + c.chip().name() + " has "
                    + Quantities.count(w.arrays().available()) + ")", d,
                    Map.of(uris.toUriString(r.getURI()), List.of(edit))));
        });
    }

    private void smallestChip(Mapping m, Compilation c, Diagnostic d, Document document, String uri,
            List<CodeAction> out) {
        INode ref = CimCodeActionService.node(m, CimPackage.Literals.MAPPING__CHIP);
        if (ref == null) {
            return;
        }
        // one entry per chip, under the shortest name the file may write (an import's simple name over
        // the qualified one)
        Map<Chip, String> candidates = new LinkedHashMap<>();
        Map<EObject, String> shortest = new LinkedHashMap<>();
        for (IEObjectDescription e : scopes.getScope(m, CimPackage.Literals.MAPPING__CHIP).getAllElements()) {
            EObject o = EcoreUtil.resolve(e.getEObjectOrProxy(), m);
            if (!(o instanceof org.cimlang.cim.Chip chip) || o.eIsProxy() || chip == m.getChip()) {
                continue;
            }
            String name = names.toString(e.getName());
            shortest.merge(chip, name, (a, b) -> a.length() <= b.length() ? a : b);
        }
        List<Chip> irChips = new ArrayList<>();
        for (Map.Entry<EObject, String> e : shortest.entrySet()) {
            Chip ir = DesignBuilder.chip((org.cimlang.cim.Chip) e.getKey());
            irChips.add(ir);
            candidates.put(ir, e.getValue());
        }
        FitRepairs.smallestChip(c, irChips).ifPresent(choice -> {
            String name = candidates.get(choice.chip());
            out.add(CimCodeActionService.action("Map on " + name + ", the smallest chip that holds "
                    + c.network().name() + " (" + Quantities.count(choice.arrays().after(), "array") + " of "
                    + Quantities.count(choice.arrays().available()) + ")", d,
                    Map.of(uri, List.of(CimCodeActionService.replace(document, ref.getOffset(), ref.getEndOffset(),
                            name)))));
        });
    }

    private static boolean resolved(EObject o) {
        return o != null && !o.eIsProxy();
    }

    private static String keyword(NumberType t) {
        return (t.signed() ? "int" : "uint") + t.bits();
    }
}
