package org.cimlang.ide.inlay;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.cim.Placement;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.LayerMapping;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.ide.semantic.MappingTexts;
import org.cimlang.ide.semantic.NetworkMappings;
import org.cimlang.ide.semantic.PlacedLayers;
import org.cimlang.semantic.CimSemantics;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Inlay hints: after each layer its output shape ({@code → [16, 5, 5]}); after each layer of a mapped
 * network and after each {@code place} what the mapping engine gave it ({@code 9x4 arrays · 87% · ADC 9b}).
 * Shapes and mappings come from {@link CimSemantics}, memoised on the model, so a request after the
 * validation of the same version costs no analysis.
 */
@Singleton
public class CimInlayHintService {

    @Inject
    private CimSemantics semantics;

    @Inject
    private NetworkMappings mappings;

    /** The hints of a document within {@code range} (null: the whole document). */
    public List<InlayHint> inlayHints(Document document, XtextResource resource, Range range,
            CancelIndicator cancelIndicator) {
        List<InlayHint> hints = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            return hints;
        }
        int from = range == null ? 0 : offset(document, range.getStart());
        int to = range == null ? Integer.MAX_VALUE : offset(document, range.getEnd());
        for (EObject element : model.getElements()) {
            if (cancelIndicator.isCanceled()) {
                return hints;
            }
            if (!overlaps(element, from, to)) {
                continue;
            }
            if (element instanceof Network n) {
                networkHints(document, n, from, to, hints);
            } else if (element instanceof Mapping m) {
                placementHints(document, m, from, to, hints);
            }
        }
        return hints;
    }

    private void networkHints(Document document, Network n, int from, int to, List<InlayHint> hints) {
        AnalyzedNetwork analysis = semantics.analyze(n);
        NetworkMappings.Mapped mapped = mappings.primaryMappingOf(n);
        Compilation compilation = mapped == null ? null : mapped.compilation();
        for (Layer layer : n.getLayers()) {
            if (layer.getName() == null || !overlaps(layer, from, to)) {
                continue;
            }
            Position end = document.getPosition(endOf(layer));
            Shape shape = analysis.shapeOf(layer.getName());
            if (shape != null) {
                hints.add(hint(end, "→ " + shape, InlayHintKind.Type, "output shape of " + layer.getName()));
            }
            LayerMapping lm = compilation == null || compilation.result() == null ? null
                    : compilation.result().layer(layer.getName());
            if (lm != null) {
                hints.add(hint(end, MappingTexts.layerSummary(lm), null, tooltip(mapped, lm)));
            }
        }
    }

    private void placementHints(Document document, Mapping m, int from, int to, List<InlayHint> hints) {
        List<Placement> placements = new ArrayList<>();
        for (EObject item : m.getItems()) {
            if (item instanceof Placement p && overlaps(p, from, to)) {
                placements.add(p);
            }
        }
        if (placements.isEmpty()) {
            return;
        }
        Compilation c = semantics.compile(m);
        if (c.result() == null) {
            return;
        }
        for (Placement p : placements) {
            List<LayerMapping> placed = PlacedLayers.of(p, c.result());
            if (placed.isEmpty()) {
                continue;
            }
            String label;
            if (placed.size() == 1) {
                label = MappingTexts.layerSummary(placed.get(0));
            } else {
                long arrays = 0;
                for (LayerMapping lm : placed) {
                    arrays = Math.addExact(arrays, lm.arrays());
                }
                label = placed.size() + " layers · " + org.cimlang.compiler.cost.Quantities.count(arrays) + " arrays";
            }
            hints.add(hint(document.getPosition(endOf(p)), label, null, "what mapping " + m.getName()
                    + " gives the layers this directive places"));
        }
    }

    private static String tooltip(NetworkMappings.Mapped mapped, LayerMapping lm) {
        return "mapping " + mapped.mapping().getName() + ": " + lm.arrays() + " arrays of "
                + lm.rowBlocks() + " row blocks x " + lm.colBlocks() + " column blocks"
                + (lm.replicate() > 1 ? " x " + lm.replicate() + " copies" : "") + ", ADC needs "
                + lm.adcBitsNeeded() + " bits, chip has " + lm.adcBitsAvailable();
    }

    private static InlayHint hint(Position at, String label, InlayHintKind kind, String tooltip) {
        InlayHint h = new InlayHint(at, Either.forLeft(label));
        h.setKind(kind);
        h.setPaddingLeft(true);
        h.setTooltip(tooltip);
        return h;
    }

    /** The offset of a position; past the end of the text for a position beyond it (clients send such ranges). */
    private static int offset(Document document, Position p) {
        try {
            return document.getOffSet(p);
        } catch (IndexOutOfBoundsException e) {
            return p.getLine() < 0 ? 0 : document.getContents().length();
        }
    }

    /** End of the element's last token (trailing comments and whitespace excluded). */
    static int endOf(EObject o) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
        return node == null ? 0 : node.getEndOffset();
    }

    private static boolean overlaps(EObject o, int from, int to) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
        return node != null && node.getOffset() <= to && node.getEndOffset() >= from;
    }
}
