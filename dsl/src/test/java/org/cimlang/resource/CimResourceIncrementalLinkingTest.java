package org.cimlang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.Chip;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.InternalEList;
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
 * After an edit in place that keeps every name, only what the edit can have changed is linked again
 * (CimLinker#linkReplaced); whatever else the file's references held, they still hold.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimResourceIncrementalLinkingTest {
    private static final String CHIP = "chip Tiny {\n    tiles 1\n    arrays per tile 64\n"
            + "    array 128 x 128 {\n        cell bits 2\n    }\n    adc bits 8\n}\n";

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Inject
    private IResourceValidator validator;

    private static String chain(int layers, String extra) {
        StringBuilder b = new StringBuilder("network Chain {\n    input x0 [64]\n");
        for (int i = 1; i < layers; i++) {
            b.append("    dense x").append(i).append(" from x").append(i - 1).append(" units 64\n");
        }
        return b.append(extra).append("}\n").toString();
    }

    private CimResource load(XtextResourceSet rs, String name, String text) throws IOException {
        CimResource r = (CimResource) rs.createResource(URI.createURI("memory:/" + name));
        r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
        return r;
    }

    private static Network network(CimResource r) {
        return ((Model) r.getContents().get(0)).getElements().stream().filter(Network.class::isInstance)
                .map(Network.class::cast).findFirst().orElseThrow();
    }

    /** What a layer's first input holds, without resolving it. */
    private static EObject heldInput(Layer l) {
        return (EObject) ((InternalEList<?>) l.getInputs()).basicGet(0);
    }

    private List<String> errors(CimResource r) {
        List<String> out = new ArrayList<>();
        for (Issue i : validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)) {
            out.add(i.getSeverity() + " " + i.getMessage());
        }
        return out;
    }

    @Test
    void aLayerEditedInPlaceIsLinkedAgainAndEveryOtherLayerKeepsTheInputItHeld() throws IOException {
        String text = chain(200, "");
        CimResource r = load(resourceSets.get(), "chain.cim", text);
        errors(r); // resolves every reference, as the language server's validation does
        List<Layer> before = List.copyOf(network(r).getLayers());
        List<EObject> held = before.stream().skip(1).map(CimResourceIncrementalLinkingTest::heldInput).toList();

        assertTrue(r.replaceText(text.replace("dense x100 from x99 units", "dense x100 from [x99] units")));

        assertTrue(r.linkedInPart(), "the edit kept every name");
        List<Layer> after = network(r).getLayers();
        Layer x100 = after.get(100);
        assertNotSame(before.get(100), x100, "the edited layer was parsed anew");
        for (int i = 1; i < 200; i++) {
            if (i != 100 && i != 101) {
                assertSame(held.get(i - 1), heldInput(after.get(i)), "x" + i + " holds the input it held");
            }
        }
        assertSame(before.get(99), x100.getInputs().get(0), "the edited layer's input resolves to x99");
        assertTrue(heldInput(after.get(101)).eIsProxy(), "x101 held the old x100: it is linked again");
        assertSame(x100, after.get(101).getInputs().get(0), "and now names the new x100");
        assertEquals(List.of(), errors(r));
    }

    @Test
    void aRenamedLayerLinksTheWholeFileAgainAndItsOldNameNoLongerResolves() throws IOException {
        String text = chain(50, "");
        CimResource r = load(resourceSets.get(), "chain.cim", text);
        errors(r);

        assertTrue(r.replaceText(text.replace("dense x20 from", "dense x20b from")));

        assertFalse(r.linkedInPart(), "a changed name can change what any reference resolves to");
        assertTrue(errors(r).stream().anyMatch(e -> e.startsWith("ERROR") && e.contains("x20")), errors(r).toString());
    }

    @Test
    void aReferenceThatResolvesToNothingOutsideTheEditIsStillReported() throws IOException {
        String text = chain(30, "    dense stray from nothere units 8\n");
        CimResource r = load(resourceSets.get(), "chain.cim", text);
        List<String> first = errors(r);
        assertTrue(first.stream().anyMatch(e -> e.contains("nothere")), first.toString());

        assertTrue(r.replaceText(text.replace("dense x7 from x6 units 64", "dense x7 from x6 units 65")));

        assertTrue(r.linkedInPart());
        assertEquals(first, errors(r), "the same diagnostics as before the edit");
        assertTrue(r.replaceText(text.replace("dense x7 from x6 units 64", "dense x7 from x6 units 66")
                .replace("    dense stray from nothere units 8\n", "    dense stray from x29 units 8\n")
                .replace("units 66", "units 64")));
        assertEquals(List.of(), errors(r), "an edit that names a layer there is resolves the reference");
    }

    @Test
    void aReferenceToAnotherFileIsLinkedAgainToThatFilesCurrentObject() throws IOException {
        XtextResourceSet rs = resourceSets.get();
        CimResource chipFile = load(rs, "chip.cim", CHIP);
        assertEquals(List.of(), chipFile.getErrors());
        String text = "import \"chip.cim\"\n" + chain(10, "") + "mapping M for Chain on Tiny {\n}\n";
        CimResource r = load(rs, "net.cim", text);
        errors(r);
        Mapping m = (Mapping) ((Model) r.getContents().get(0)).getElements().get(1);
        assertSame(chipFile.getContents().get(0).eContents().get(0), m.getChip());

        // the chip's file is read again (as the builder does when it changes), then this file is edited
        chipFile.unload();
        chipFile.load(new ByteArrayInputStream(CHIP.replace("arrays per tile 64", "arrays per tile 65").getBytes(StandardCharsets.UTF_8)),
                rs.getLoadOptions());
        assertTrue(r.replaceText(text.replace("dense x3 from x2 units 64", "dense x3 from x2 units 63")));

        assertTrue(r.linkedInPart());
        Chip now = (Chip) chipFile.getContents().get(0).eContents().get(0);
        EObject held = (EObject) m.eGet(org.cimlang.cim.CimPackage.Literals.MAPPING__CHIP, false);
        assertTrue(held.eIsProxy() && ((InternalEObject) held).eProxyURI().fragment().startsWith("|"),
                "a reference into another file is linked again: " + held);
        assertSame(now, m.getChip());
    }

    @Test
    void aNameThatAFileImportedLaterBringsInIsSeenByTheNextEditAsByAFreshParse() throws IOException {
        String lib = "package lib\nnetwork n {\n    input y [8]\n    dense z from y units 4\n}\n";
        String text = "import \"lib.cim\"\n" + CHIP + "network n {\n    input x [8]\n    dense h from x units 4\n}\n"
                + "mapping m for n on Tiny {\n    schedule pipeline\n}\n";
        String edited = text.replace("schedule pipeline", "schedule sequential");

        XtextResourceSet rs = resourceSets.get();
        CimResource r = load(rs, "b.cim", text); // lib.cim does not exist yet
        errors(r);
        load(rs, "lib.cim", lib);
        assertTrue(r.replaceText(edited));
        errors(r);

        XtextResourceSet fresh = resourceSets.get();
        load(fresh, "lib.cim", lib);
        CimResource expected = load(fresh, "b.cim", edited);
        errors(expected);
        assertEquals(targetOf(expected), targetOf(r), "the mapping's network, as a fresh parse resolves it");
        assertEquals(errors(expected), errors(r));
    }

    private static String targetOf(CimResource r) {
        Mapping m = ((Model) r.getContents().get(0)).getElements().stream().filter(Mapping.class::isInstance)
                .map(Mapping.class::cast).findFirst().orElseThrow();
        EObject n = m.getNetwork();
        return n.eIsProxy() ? "unresolved" : n.eResource().getURI() + "#" + n.eResource().getURIFragment(n);
    }
}
