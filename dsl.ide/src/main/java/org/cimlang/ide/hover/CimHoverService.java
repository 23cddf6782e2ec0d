package org.cimlang.ide.hover;

import org.cimlang.cim.Chip;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Placement;
import org.cimlang.cim.QuantOverride;
import org.cimlang.cim.Sweep;
import org.cimlang.cim.VaryDecl;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Hovers that show what the compiler knows: on a layer its shapes, parameters, MACs and mapping; on a
 * chip its capacity; on a mapping its totals; on a place directive the arrays of its layers; on a
 * quantisation line the effective types after overrides; on a sweep its points. A name that refers to a declaration shows
 * that declaration's hover. Doc comments ({@code /** ... *}{@code /}) follow the figures.
 */
@Singleton
public class CimHoverService extends HoverService {

    @Inject
    private EObjectAtOffsetHelper atOffset;

    @Inject
    private HoverContents contents;

    /**
     * A reference hovers as what it names; anything else as the innermost line or block that has a
     * hover of its own (a layer, place or quantisation line; else the chip, network or mapping around
     * it), over the whole of that element.
     */
    @Override
    protected HoverContext createContext(Document document, XtextResource resource, int offset) {
        IParseResult parse = resource.getParseResult();
        if (parse == null) {
            return null;
        }
        EObject referenced = atOffset.resolveCrossReferencedElementAt(resource, offset);
        if (referenced != null && !referenced.eIsProxy() && hoverable(referenced)) {
            ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(parse.getRootNode(), offset);
            return leaf == null ? null : new HoverContext(document, resource, offset, leaf.getTextRegion(), referenced);
        }
        EObject e = atOffset.resolveElementAt(resource, offset);
        while (e != null && !hoverable(e)) {
            e = e.eContainer();
        }
        if (e == null) {
            return null;
        }
        ICompositeNode node = NodeModelUtils.findActualNodeFor(e);
        return node == null ? null : new HoverContext(document, resource, offset, node.getTextRegion(), e);
    }

    private static boolean hoverable(EObject e) {
        return e instanceof Layer || e instanceof Placement || e instanceof QuantOverride || e instanceof DefaultQuant
                || e instanceof Chip || e instanceof Network || e instanceof Mapping || e instanceof Sweep
                || e instanceof VaryDecl;
    }

    @Override
    protected MarkupContent getMarkupContent(HoverContext ctx) {
        String figures = figures(ctx.getElement());
        String doc = getContents(ctx.getElement());
        if (figures.isEmpty() && doc.isEmpty()) {
            return null;
        }
        return toMarkupContent(getKind(ctx), doc.isEmpty() ? figures : figures + "\n---\n\n" + doc);
    }

    private String figures(EObject e) {
        if (e instanceof Layer l && l.getName() != null) {
            return contents.layer(l);
        }
        if (e instanceof Placement p) {
            return contents.placement(p);
        }
        if (e instanceof QuantOverride o) {
            return contents.quantOverride(o);
        }
        if (e instanceof DefaultQuant d) {
            return contents.defaultQuant(d);
        }
        if (e instanceof Chip c && c.getName() != null) {
            return contents.chip(c);
        }
        if (e instanceof Network n && n.getName() != null) {
            return contents.network(n);
        }
        if (e instanceof Mapping m && m.getName() != null) {
            return contents.mapping(m);
        }
        if (e instanceof Sweep s && s.getName() != null) {
            return SweepHover.of(s);
        }
        if (e instanceof VaryDecl v) {
            return SweepHover.of(v);
        }
        return "";
    }
}
