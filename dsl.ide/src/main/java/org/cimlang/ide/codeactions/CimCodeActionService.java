package org.cimlang.ide.codeactions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cimlang.cim.AdcAttr;
import org.cimlang.cim.Chip;
import org.cimlang.cim.ChipAttribute;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Placement;
import org.cimlang.cim.Quantity;
import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.DocumentExtensions;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

/**
 * Quick fixes that compute the repair from the diagnostic's data or the engine: lower {@code replicate} to
 * what fits, move a placement to free tiles that fit, allow reprogramming, lower the weight bits or map on the
 * smallest chip that holds the network ({@link FitRepairFixes}), raise the chip's ADC bits to what the layer needs, insert a
 * {@code flatten} before a dense layer on a non-flat input, take the closest name for a misspelled
 * reference, and write the expected unit.
 */
public class CimCodeActionService implements ICodeActionService2 {

    static final Set<String> HANDLED = Set.of(DiagnosticCodes.PLACE_CAPACITY, DiagnosticCodes.CAPACITY_OVERFLOW,
            DiagnosticCodes.ADC_CLIPPING, DiagnosticCodes.PACK_WOULD_HELP,
            DiagnosticCodes.DENSE_NOT_FLAT, CimIssueCodes.UNRESOLVED, CimIssueCodes.UNKNOWN_WORD, CimIssueCodes.UNIT_MISSING,
            CimIssueCodes.UNIT_WRONG);

    @Inject
    private EObjectAtOffsetHelper atOffset;

    @Inject
    private DocumentExtensions documents;

    @Inject
    private UriExtensions uris;

    @Inject
    private org.cimlang.semantic.CimSemantics semantics;

    @Inject
    private FitRepairFixes fitRepairs;

    @Override
    public List<Either<Command, CodeAction>> getCodeActions(Options options) {
        List<String> only = options.getCodeActionParams().getContext().getOnly();
        if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> k.equals(CodeActionKind.QuickFix)
                || CodeActionKind.QuickFix.startsWith(k + "."))) {
            return List.of();
        }
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (Diagnostic d : options.getCodeActionParams().getContext().getDiagnostics()) {
            String code = d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : null;
            if (code == null || !HANDLED.contains(code)) {
                continue;
            }
            List<CodeAction> fixes = options.getLanguageServerAccess().doSyncRead(options.getURI(),
                    ctx -> fixes(code, d, ctx.getDocument(), (XtextResource) ctx.getResource(), options.getURI()));
            for (CodeAction a : fixes) {
                actions.add(Either.forRight(a));
            }
        }
        return actions;
    }

    /** The fixes of one diagnostic, computed against the current text of its document. */
    List<CodeAction> fixes(String code, Diagnostic d, Document document, XtextResource resource, String uri) {
        DiagnosticData data = DiagnosticData.of(d.getData());
        int offset = document.getOffSet(d.getRange().getStart());
        // the element written there, not what a reference there names
        EObject at = atOffset.resolveContainedElementAt(resource, offset);
        List<CodeAction> out = new ArrayList<>();
        switch (code) {
            case DiagnosticCodes.PLACE_CAPACITY -> {
                placeCapacity(EcoreUtil2.getContainerOfType(at, Placement.class), data, d, document, uri, out);
                // on a chip the network overfills, moving or lowering copies cannot help: rewriting can
                allowReprogramming(EcoreUtil2.getContainerOfType(at, Mapping.class), d, document, uri, out);
            }
            case DiagnosticCodes.CAPACITY_OVERFLOW -> {
                Mapping m = EcoreUtil2.getContainerOfType(at, Mapping.class);
                allowReprogramming(m, d, document, uri, out);
                fitRepairs.add(m, d, document, uri, out);
            }
            case DiagnosticCodes.ADC_CLIPPING -> adcClipping(at, data, d, out);
            case DiagnosticCodes.PACK_WOULD_HELP -> lastLine(EcoreUtil2.getContainerOfType(at, Mapping.class), document)
                    .ifPresent(edit -> out.add(action(packTitle(data), d, Map.of(uri, List.of(edit.apply("    pack"))))));
            case DiagnosticCodes.DENSE_NOT_FLAT -> insertFlatten(EcoreUtil2.getContainerOfType(at, Layer.class), d,
                    document, uri, out);
            case CimIssueCodes.UNRESOLVED, CimIssueCodes.UNKNOWN_WORD -> data.get(0).filter(s -> !s.isEmpty()).ifPresent(name -> out.add(
                    action("Change to '" + name + "'", d, Map.of(uri, List.of(new TextEdit(d.getRange(), name))))));
            case CimIssueCodes.UNIT_MISSING -> data.get(0).filter(s -> !s.isEmpty()).ifPresent(unit -> {
                Quantity q = EcoreUtil2.getContainerOfType(at, Quantity.class);
                if (q != null) {
                    Position end = document.getPosition(NodeModelUtils.findActualNodeFor(q).getEndOffset());
                    out.add(action("Add unit '" + unit + "'", d, Map.of(uri, List.of(insert(end, " " + unit)))));
                }
            });
            case CimIssueCodes.UNIT_WRONG -> data.get(0).filter(s -> !s.isEmpty()).ifPresent(unit -> out.add(
                    action("Change unit to '" + unit + "'", d, Map.of(uri, List.of(new TextEdit(d.getRange(), unit))))));
            default -> {
            }
        }
        return out;
    }

    /** {@code replicate N} lowered to what the directive's arrays hold; the tiles moved to free ones that fit. */
    private void placeCapacity(Placement p, DiagnosticData data, Diagnostic d, Document document, String uri,
            List<CodeAction> out) {
        if (p == null) {
            return;
        }
        long max = data.number("maxReplicate").orElse(0L);
        INode replicate = node(p, CimPackage.Literals.PLACEMENT__REPLICATE);
        if (max >= 1 && replicate != null) {
            out.add(action("Lower replicate to " + max + " (the most copies that fit)", d,
                    Map.of(uri, List.of(replace(document, replicate.getOffset(), replicate.getEndOffset(),
                            Long.toString(max))))));
        }
        data.get("tiles").ifPresent(tiles -> {
            String clause = tiles.contains("..") ? "tiles " + tiles : "tile " + tiles;
            INode range = node(p, CimPackage.Literals.PLACEMENT__TILES);
            TextEdit edit;
            if (range != null) {
                int start = keywordBefore(p, range, "tile", "tiles");
                edit = replace(document, start, range.getEndOffset(), clause);
            } else {
                INode target = node(p, p.getPattern() != null ? CimPackage.Literals.PLACEMENT__PATTERN
                        : CimPackage.Literals.PLACEMENT__LAYER);
                if (target == null) {
                    return;
                }
                edit = insert(document.getPosition(target.getEndOffset()), " on " + clause);
            }
            out.add(action("Place on " + clause + " (free, and enough arrays)", d, Map.of(uri, List.of(edit))));
        });
    }

    /** {@code reprogram allowed} as the mapping's last line, titled with the rounds and lifetime the engine gives it. */
    private void allowReprogramming(Mapping m, Diagnostic d, Document document, String uri, List<CodeAction> out) {
        if (m == null || m.getChip() == null || m.getChip().eIsProxy()) {
            return;
        }
        lastLine(m, document).ifPresent(edit -> ReprogramFix.of(semantics.compile(m)).ifPresent(fix ->
                out.add(action(fix.title(), d, Map.of(uri, List.of(edit.apply("    reprogram allowed")))))));
    }

    /** An edit adding a line (indented text, no newline) before the mapping's closing brace. */
    private static Optional<java.util.function.Function<String, TextEdit>> lastLine(Mapping m, Document document) {
        if (m == null) {
            return Optional.empty();
        }
        ILeafNode close = null;
        for (ILeafNode leaf : NodeModelUtils.findActualNodeFor(m).getLeafNodes()) {
            if (leaf.getGrammarElement() instanceof Keyword k && k.getValue().equals("}")) {
                close = leaf;
            }
        }
        if (close == null) {
            return Optional.empty();
        }
        Position at = document.getPosition(close.getOffset());
        String before = document.getLineContent(at.getLine()).substring(0, at.getCharacter());
        return Optional.of(text -> before.isBlank()
                ? insert(new Position(at.getLine(), 0), before + text + "\n")
                : insert(at, "\n" + text + "\n"));
    }

    /** The chip's {@code adc bits} raised to what the layer needs; the chip may be in another file. */
    private void adcClipping(EObject at, DiagnosticData data, Diagnostic d, List<CodeAction> out) {
        long needs = data.number("needs").orElse(0L);
        if (needs < 1 || needs > Limits.MAX_ADC_BITS) {
            return;
        }
        AdcAttr adc = EcoreUtil2.getContainerOfType(at, AdcAttr.class);
        if (adc == null) {
            Mapping m = EcoreUtil2.getContainerOfType(at, Mapping.class);
            Chip chip = m == null || m.getChip() == null || m.getChip().eIsProxy() ? null : m.getChip();
            if (chip != null) {
                for (ChipAttribute a : chip.getAttributes()) {
                    if (a instanceof AdcAttr found) {
                        adc = found;
                    }
                }
            }
        }
        INode bits = adc == null ? null : node(adc, CimPackage.Literals.ADC_ATTR__BITS);
        if (bits == null) {
            return;
        }
        Resource r = adc.eResource();
        Chip chip = EcoreUtil2.getContainerOfType(adc, Chip.class);
        TextEdit edit = new TextEdit(documents.newRange(r, bits.getOffset(), bits.getEndOffset()), Long.toString(needs));
        out.add(action("Raise the ADC of " + (chip == null ? "the chip" : chip.getName()) + " to " + needs + " bits ("
                + whoseSums(data.names()) + " need " + needs + ")", d, Map.of(uris.toUriString(r.getURI()), List.of(edit))));
    }

    /** "fc1's column sums", "the column sums of fc1 and fc2", "the column sums of fc1, fc2 and 3 more layers". */
    static String whoseSums(List<String> layers) {
        if (layers.isEmpty()) {
            return "the column sums";
        }
        if (layers.size() == 1) {
            return layers.get(0) + "'s column sums";
        }
        if (layers.size() == 2) {
            return "the column sums of " + layers.get(0) + " and " + layers.get(1);
        }
        int more = layers.size() - 2;
        return "the column sums of " + layers.get(0) + ", " + layers.get(1) + " and " + more
                + (more == 1 ? " more layer" : " more layers");
    }

    /** {@code flatten X_flat from X} on a line of its own before the dense layer, which then reads it. */
    private void insertFlatten(Layer dense, Diagnostic d, Document document, String uri, List<CodeAction> out) {
        if (dense == null || dense.getInputs().isEmpty() || !(dense.eContainer() instanceof Network n)) {
            return;
        }
        INode from = node(dense, CimPackage.Literals.LAYER__INPUTS);
        if (from == null) {
            return;
        }
        String input = NodeModelUtils.getTokenText(from);
        Set<String> taken = new HashSet<>();
        for (Layer l : n.getLayers()) {
            taken.add(l.getName());
        }
        String name = input + "_flat";
        for (int i = 2; taken.contains(name); i++) {
            name = input + "_flat" + i;
        }
        ICompositeNode layerNode = NodeModelUtils.findActualNodeFor(dense);
        Position layerStart = document.getPosition(layerNode.getOffset());
        String line = document.getLineContent(layerStart.getLine());
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        TextEdit flatten = insert(new Position(layerStart.getLine(), 0), indent + "flatten " + name + " from " + input + "\n");
        TextEdit reread = replace(document, from.getOffset(), from.getEndOffset(), name);
        out.add(action("Insert 'flatten " + name + "' before " + dense.getName(), d, Map.of(uri, List.of(flatten, reread))));
    }

    static INode node(EObject o, EStructuralFeature feature) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(o, feature);
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    /** Offset of the last of the given keywords before {@code node} within {@code owner}. */
    private static int keywordBefore(EObject owner, INode node, String... keywords) {
        int start = node.getOffset();
        for (ILeafNode leaf : NodeModelUtils.findActualNodeFor(owner).getLeafNodes()) {
            if (leaf.getOffset() >= node.getOffset()) {
                break;
            }
            if (leaf.getGrammarElement() instanceof Keyword k && List.of(keywords).contains(k.getValue())) {
                start = leaf.getOffset();
            }
        }
        return start;
    }

    static TextEdit replace(Document document, int from, int to, String text) {
        return new TextEdit(new org.eclipse.lsp4j.Range(document.getPosition(from), document.getPosition(to)), text);
    }

    private static TextEdit insert(Position at, String text) {
        return new TextEdit(new org.eclipse.lsp4j.Range(at, at), text);
    }

    static CodeAction action(String title, Diagnostic d, Map<String, List<TextEdit>> changes) {
        CodeAction a = new CodeAction(title);
        a.setKind(CodeActionKind.QuickFix);
        a.setDiagnostics(List.of(d));
        a.setEdit(new WorkspaceEdit(changes));
        return a;
    }

    /** "Pack the groups of dw (16 arrays -> 2)", "Pack 3 small layers into shared arrays (3 arrays -> 1)". */
    private static String packTitle(DiagnosticData data) {
        String arrays = " (" + Quantities.count(data.number("arrays").orElse(0L)) + " arrays -> "
                + Quantities.count(data.number("packed").orElse(0L)) + ")";
        long layers = data.number("layers").orElse(1L);
        return switch (data.get("what").orElse("groups")) {
            case "layers" -> "Pack " + layers + " small layers into shared arrays" + arrays;
            case "both" -> "Pack the groups and the small layers" + arrays;
            default -> "Pack the groups of " + (layers > 1 ? layers + " layers" : data.get("layer").orElse("the layer"))
                    + arrays;
        };
    }
}
