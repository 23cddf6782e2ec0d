package org.cimlang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cimlang.cim.Layer;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.tests.CimInjectorProvider;
import org.cimlang.validation.BoundedResourceValidator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The language server applies each edit of an open file to its loaded resource ({@link CimResource#replaceText})
 * instead of parsing the file again. Whatever the edit, the resource must then be what parsing the new text
 * from scratch gives: the same text, the same model and the same diagnostics, through broken states and back.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimResourceInPlaceEditTest {
    private static final Path EXAMPLES = Paths.get("..", "examples").toAbsolutePath().normalize();
    private static final String[] INSERTS = {" ", "\n", "x", "7", "{", "}", ",", "[", "]", "# note", "dense ", ":",
            "units 3 ", "from "};

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Inject
    private IResourceValidator validator;

    @Inject
    private IResourceDescription.Manager descriptions;

    @Test
    void randomEditsOfEveryExampleLeaveWhatAFreshParseOfTheNewTextGives() throws IOException {
        List<Path> files = exampleFiles();
        XtextResourceSet edited = loadAll(files);
        XtextResourceSet fresh = loadAll(files);
        int edits = 0;
        int inPlace = 0;
        int linkedInPart = 0;
        int sameNames = 0;
        for (Path file : files) {
            URI uri = URI.createFileURI(file.toString());
            CimResource r = (CimResource) edited.getResource(uri, false);
            String original = Files.readString(file);
            String text = original;
            Random random = new Random(file.getFileName().toString().hashCode());
            for (int i = 0; i < 14; i++) {
                int kind = random.nextInt(5);
                String next = i == 13 ? original : edit(text, random, kind);
                EObject rootBefore = r.getContents().isEmpty() ? null : r.getContents().get(0);
                long namesBefore = r.namesVersion();
                assertTrue(r.replaceText(next), file + ": edit " + i);
                if (r.namesVersion() == namesBefore) {
                    sameNames++;
                }
                if (rootBefore != null && !r.getContents().isEmpty() && r.getContents().get(0) == rootBefore) {
                    inPlace++;
                }
                if (r.linkedInPart()) {
                    linkedInPart++;
                }
                edits++;
                assertEquals(next, r.getParseResult().getRootNode().getText(), file + ": text after edit " + i);
                Resource expected = reload(fresh, uri, next);
                String where = file.getFileName() + " after edit " + i + " (" + describe(text, next) + ")";
                assertEquals(issues(expected), issues(r), where + ": diagnostics");
                assertEquals(List.of(), unloadedTargets(r), where + ": references that hold an unloaded object");
                assertTrue(sameContents(expected, r), where + ": model");
                assertEquals(references(expected), references(r), where + ": references");
                assertEquals(exports(expected), exports(r), where + ": exported names");
                text = next;
            }
        }
        assertTrue(edits > 400, edits + " edits");
        // Xtext's partial parser parses the whole text itself for an edit in a comment, between declarations or
        // one whose rule does not parse alone (56 of the 546 random edits here were partial, among them a
        // quarter of the changed digits); the partial path must be taken at least that often
        assertTrue(inPlace >= edits / 12, inPlace + " of " + edits + " edits kept the root object");
        // an edit in place that keeps every name links only what it replaced (40 of the 56 here)
        assertTrue(linkedInPart >= inPlace / 2, linkedInPart + " of " + inPlace + " edits in place linked in part");
        // and those export the names their file exported before (CimResourceDescription), without asking for them
        assertTrue(sameNames >= linkedInPart, sameNames + " edits kept the exported names, " + linkedInPart
                + " linked in part");
    }

    /** What the file's description exports: names, classes, URIs, and whether each names a live object. */
    private List<String> exports(Resource r) {
        List<String> out = new java.util.ArrayList<>();
        IResourceDescription d = descriptions.getResourceDescription(r);
        for (IEObjectDescription o : d.getExportedObjects()) {
            EObject object = o.getEObjectOrProxy();
            out.add(o.getName() + " " + o.getEClass().getName() + " " + o.getEObjectURI().fragment()
                    + (object.eIsProxy() || object.eResource() != r ? " (not live)" : ""));
        }
        return out;
    }

    @Test
    void aChangedNumberInALayerReplacesThatParameterOnlyAndTheLayerAndNetworkStay() throws IOException {
        Path file = EXAMPLES.resolve("networks/resnet50.cim");
        XtextResourceSet rs = loadAll(List.of(file));
        CimResource r = (CimResource) rs.getResource(URI.createFileURI(file.toString()), false);
        Model model = (Model) r.getContents().get(0);
        Network net = (Network) model.getElements().stream().filter(Network.class::isInstance).findFirst().get();
        Layer fc = net.getLayers().get(net.getLayers().size() - 1);
        Layer before = net.getLayers().get(net.getLayers().size() - 2);
        String text = Files.readString(file);
        assertTrue(r.replaceText(text.replace("units 1000", "units 1001")));
        assertSame(model, r.getContents().get(0), "the root object is kept");
        assertSame(net, model.getElements().stream().filter(Network.class::isInstance).findFirst().get());
        assertSame(before, net.getLayers().get(net.getLayers().size() - 2), "the layer before is kept");
        Layer now = net.getLayers().get(net.getLayers().size() - 1);
        assertSame(fc, now, "the layer is kept too: only its units parameter is parsed anew");
        assertTrue(NodeText.of(now).contains("units 1001"), NodeText.of(now));
    }

    @Test
    void aTextBeyondTheCheckedBoundIsLeftToTheWholeParse() throws IOException {
        Path file = EXAMPLES.resolve("networks/mlp.cim");
        XtextResourceSet rs = loadAll(List.of(file));
        CimResource r = (CimResource) rs.getResource(URI.createFileURI(file.toString()), false);
        String text = Files.readString(file);
        String huge = text + "#".repeat(BoundedResourceValidator.MAX_CHECKED_CHARS);
        assertFalse(r.replaceText(huge), "the bounded parser has to see it whole");
        assertEquals(text, r.getParseResult().getRootNode().getText(), "and nothing changed");
        assertTrue(r.replaceText(text), "an equal text is nothing to do");
    }

    @Test
    void theReplacementIsWhatLiesBetweenTheCommonPrefixAndSuffix() {
        assertEquals(new TextReplacement(9, 1, "1"), TextReplacement.between("units 1000 x", "units 1001 x"));
        assertEquals(new TextReplacement(3, 0, "b"), TextReplacement.between("aaaa", "aaaba"));
        assertEquals(new TextReplacement(2, 1, ""), TextReplacement.between("aaa", "aa"));
        assertEquals(new TextReplacement(0, 3, ""), TextReplacement.between("abc", ""));
        assertEquals(null, TextReplacement.between("same", "same"));
    }

    private static String edit(String text, Random random, int kind) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        switch (kind) {
            case 0 -> { // another digit
                for (int tries = 0; tries < 50; tries++) {
                    int p = random.nextInt(Math.max(1, text.length()));
                    if (p < text.length() && Character.isDigit(text.charAt(p))) {
                        return text.substring(0, p) + (char) ('0' + random.nextInt(10)) + text.substring(p + 1);
                    }
                }
                return text + "\n";
            }
            case 1 -> {
                return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
            }
            case 2 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                return text.substring(0, at) + text.substring(end);
            }
            case 3 -> { // a line doubled (a duplicate name, often)
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                if (end < 0) {
                    return text + "\n";
                }
                return text.substring(0, end + 1) + text.substring(start, end + 1) + text.substring(end + 1);
            }
            default -> { // a word renamed where it is declared or used
                int start = at;
                while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
                    start--;
                }
                return text.substring(0, start) + "q" + text.substring(start);
            }
        }
    }

    private static String describe(String before, String after) {
        TextReplacement c = TextReplacement.between(before, after);
        return c == null ? "no change" : "at " + c.offset() + " replace " + c.length() + " by '" + c.text() + "'";
    }

    private String issues(Resource r) {
        List<Issue> list = validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
        return list.stream().map(i -> i.getOffset() + "+" + i.getLength() + " " + i.getSeverity() + " " + i.getCode()
                + " " + i.getMessage()).sorted().collect(Collectors.joining("\n"));
    }

    /** A reference of an object and what it holds, unresolved. */
    private record Held(EObject source, EReference reference, EObject target) {
    }

    /** Every reference of the model, in content order, without resolving any. */
    private static List<Held> held(Resource r) {
        List<Held> out = new ArrayList<>();
        for (Iterator<EObject> it = r.getAllContents(); it.hasNext();) {
            EObject o = it.next();
            for (EReference ref : o.eClass().getEAllReferences()) {
                if (ref.isContainment() || ref.isContainer()) {
                    continue;
                }
                Object v = o.eGet(ref, false);
                for (Object t : ref.isMany() ? ((InternalEList<?>) v).basicList() : Collections.singletonList(v)) {
                    out.add(new Held(o, ref, (EObject) t));
                }
            }
        }
        return out;
    }

    /**
     * Every reference of the model, in content order, by where it starts and what it holds: a resolved one by
     * the target's file and place, one that resolves to nothing by the text it links from. (Xtext numbers the
     * lazy links of a file as it makes them, which an edit in place does for fewer of them.)
     */
    private static List<String> references(Resource r) {
        return held(r).stream().map(h -> r.getURIFragment(h.source()) + " ." + h.reference().getName() + " -> "
                + describeTarget(r, h.target())).toList();
    }

    private static String describeTarget(Resource from, EObject t) {
        if (t == null) {
            return "null";
        }
        if (t.eIsProxy()) {
            URI uri = ((InternalEObject) t).eProxyURI();
            if (isLazyLink(from, uri)) {
                var link = ((LazyLinkingResource) from).getEncoder().decode(from, uri.fragment());
                return "unresolved '" + link.getThird().getText().trim() + "' of " + from.getURIFragment(link.getFirst());
            }
            return "proxy " + uri;
        }
        return t.eResource() == null ? "detached " + t.eClass().getName()
                : t.eResource().getURI() + "#" + t.eResource().getURIFragment(t);
    }

    private static boolean isLazyLink(Resource r, URI uri) {
        return r instanceof LazyLinkingResource lazy && lazy.getEncoder().isCrossLinkFragment(r, uri.fragment());
    }

    /**
     * The references that hold an object unloaded from this file: EMF would resolve one by its old place,
     * which after an edit may hold another object. Every one must have been linked again.
     */
    private static List<String> unloadedTargets(Resource r) {
        return held(r).stream()
                .filter(h -> h.target() instanceof InternalEObject p && p.eIsProxy()
                        && p.eProxyURI().trimFragment().equals(r.getURI()) && !isLazyLink(r, p.eProxyURI()))
                .map(h -> r.getURIFragment(h.source()) + " ." + h.reference().getName() + " -> "
                        + ((InternalEObject) h.target()).eProxyURI())
                .toList();
    }

    /** The same objects with the same values; what references hold is compared by {@link #references}. */
    private static boolean sameContents(Resource expected, Resource actual) {
        EcoreUtil.resolveAll(expected);
        EcoreUtil.resolveAll(actual);
        return new EcoreUtil.EqualityHelper() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean haveEqualReference(EObject a, EObject b, EReference reference) {
                return !reference.isContainment() || super.haveEqualReference(a, b, reference);
            }
        }.equals(expected.getContents(), actual.getContents());
    }

    private Resource reload(XtextResourceSet rs, URI uri, String text) {
        Resource r = rs.getResource(uri, false);
        r.unload();
        try {
            r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    private XtextResourceSet loadAll(List<Path> files) {
        XtextResourceSet rs = resourceSets.get();
        for (Path f : files) {
            rs.getResource(URI.createFileURI(f.toString()), true);
        }
        return rs;
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".cim")).sorted().toList();
        }
    }

    /** The text of an object's node. */
    private static final class NodeText {
        static String of(EObject o) {
            return org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(o).getText();
        }
    }
}
