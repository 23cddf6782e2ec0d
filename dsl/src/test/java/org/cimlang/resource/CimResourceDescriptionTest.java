package org.cimlang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * A file's description exports the names it exported before only while nothing but an edit in place that
 * kept every name has changed its model: a change made to the model itself (a refactoring setting a name)
 * is described afresh, and starts a new version of the resource.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimResourceDescriptionTest {
    private static final String TEXT = "network Net {\n    input x [64]\n    dense a from x units 32\n"
            + "    dense b from a units 10\n}\n";

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Inject
    private IResourceDescription.Manager descriptions;

    private CimResource load(String text) throws IOException {
        XtextResourceSet rs = resourceSets.get();
        CimResource r = (CimResource) rs.createResource(URI.createURI("memory:/net.cim"));
        r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
        return r;
    }

    private List<String> names(CimResource r) {
        return StreamSupport.stream(descriptions.getResourceDescription(r).getExportedObjects().spliterator(), false)
                .map(o -> o.getName().toString()).collect(Collectors.toList());
    }

    @Test
    void aNameSetOnTheModelIsExportedAfterEditsInPlaceHadKeptTheNames() throws IOException {
        CimResource r = load(TEXT);
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.b"), names(r));
        long names = r.namesVersion();
        assertTrue(r.replaceText(TEXT.replace("units 32", "units 33")));
        assertEquals(names, r.namesVersion(), "an edit of a number keeps the names");
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.b"), names(r));
        assertTrue(r.exportedNames() != null, "and the resource keeps them for the next description");

        // an edit of an input re-parses the whole layer: its description names the new layer at the old place
        EObject layerBefore = ((Network) ((Model) r.getContents().get(0)).getElements().get(0)).getLayers().get(2);
        String rewired = TEXT.replace("units 32", "units 33").replace("dense b from a", "dense b from x");
        assertTrue(r.replaceText(rewired));
        assertEquals(names, r.namesVersion(), "an edit of an input keeps the names");
        EObject layerNow = ((Network) ((Model) r.getContents().get(0)).getElements().get(0)).getLayers().get(2);
        assertTrue(layerBefore != layerNow && layerBefore.eIsProxy(), "the layer was parsed anew");
        IEObjectDescription b = StreamSupport.stream(descriptions.getResourceDescription(r).getExportedObjects()
                .spliterator(), false).filter(o -> o.getName().toString().equals("Net.b")).findFirst().orElseThrow();
        assertSame(layerNow, b.getEObjectOrProxy(), "the kept name names the layer now at its place");
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.b"), names(r));
        assertTrue(r.replaceText(TEXT.replace("units 32", "units 33")));

        long version = r.version();
        Network net = (Network) ((Model) r.getContents().get(0)).getElements().get(0);
        net.getLayers().get(2).setName("c");
        assertNotEquals(version, r.version(), "a change of the model is a new version");
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.c"), names(r));

        assertTrue(r.replaceText(TEXT.replace("dense b", "dense c")));
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.c"), names(r));
        assertTrue(r.replaceText(TEXT.replace("dense b", "dense c").replace("units 32", "units 35")));
        assertEquals(List.of("Net", "Net.x", "Net.a", "Net.c"), names(r));
        assertTrue(r.exportedNames() != null);
        // the edit replaced the network: the model's own
        net = (Network) ((Model) r.getContents().get(0)).getElements().get(0);
        net.getLayers().get(1).setName("q");
        assertEquals(List.of("Net", "Net.x", "Net.q", "Net.c"), names(r), "heard after an edit in place too");
    }
}
