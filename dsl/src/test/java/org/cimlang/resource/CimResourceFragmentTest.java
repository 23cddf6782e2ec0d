package org.cimlang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimResourceFragmentTest {
    private static final Path EXAMPLES = Paths.get("..", "examples").toAbsolutePath().normalize();

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Test
    void everyObjectOfEveryExampleHasEmfsFragmentInContentOrderAndShuffled() throws IOException {
        int objects = 0;
        for (Path file : exampleFiles()) {
            CimResource r = load(resourceSets.get(), file);
            List<EObject> all = new ArrayList<>();
            r.getAllContents().forEachRemaining(all::add);
            for (EObject o : all) {
                assertEquals(r.emfFragment(o), r.getURIFragment(o), file + ": " + o);
                assertSame(o, r.getEObject(r.getURIFragment(o)), file + ": the fragment leads back to the object");
            }
            // the hints must not lead astray when asked out of order
            java.util.Collections.shuffle(all, new java.util.Random(7));
            for (EObject o : all) {
                assertEquals(r.emfFragment(o), r.getURIFragment(o), file + " (shuffled): " + o);
            }
            objects += all.size();
        }
        assertTrue(objects > 3_000, "the examples hold " + objects + " objects");
    }

    @Test
    void unloadedObjectsBecomeProxiesWithEmfsUris() throws IOException {
        Path file = EXAMPLES.resolve("networks/resnet50.cim");
        CimResource r = load(resourceSets.get(), file);
        Map<EObject, String> expected = new IdentityHashMap<>();
        r.getAllContents().forEachRemaining(o -> expected.put(o, r.getURI().appendFragment(r.emfFragment(o)).toString()));
        r.unload();
        for (Map.Entry<EObject, String> e : expected.entrySet()) {
            assertTrue(e.getKey().eIsProxy(), "unloaded: " + e.getKey().eClass().getName());
            assertEquals(e.getValue(), ((InternalEObject) e.getKey()).eProxyURI().toString());
        }
    }

    @Test
    void afterAnEditInPlaceTheNewTreesFragmentsAreEmfs() throws IOException {
        Path file = EXAMPLES.resolve("networks/resnet50.cim");
        CimResource r = load(resourceSets.get(), file);
        r.getAllContents().forEachRemaining(r::getURIFragment); // hints on the old tree
        String text = Files.readString(file);
        int at = text.indexOf("units 1000");
        r.update(at, "units 1000".length(), "units 1001"); // Xtext's partial re-parse
        List<EObject> all = new ArrayList<>();
        r.getAllContents().forEachRemaining(all::add);
        for (EObject o : all) {
            assertEquals(r.emfFragment(o), r.getURIFragment(o), o.toString());
        }
        assertTrue(all.size() > 100);
    }

    @Test
    void aLargeNetworksLastLayerHasItsIndex() {
        StringBuilder text = new StringBuilder("network Big {\n    input x0 [8]\n");
        for (int i = 1; i < 5_000; i++) {
            text.append("    dense x").append(i).append(" from x").append(i - 1).append(" units 8\n");
        }
        text.append("}\n");
        XtextResourceSet rs = resourceSets.get();
        CimResource r = (CimResource) rs.createResource(URI.createURI("synthetic:/big.cim"));
        try {
            r.load(new java.io.ByteArrayInputStream(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    rs.getLoadOptions());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<EObject> layers = new ArrayList<>();
        r.getAllContents().forEachRemaining(o -> {
            if (o.eClass().getName().equals("Layer")) {
                layers.add(o);
            }
        });
        EObject last = layers.get(layers.size() - 1);
        assertEquals(r.emfFragment(last), r.getURIFragment(last));
        assertTrue(r.getURIFragment(last).endsWith("." + (layers.size() - 1)), r.getURIFragment(last));
    }

    private static CimResource load(XtextResourceSet rs, Path file) throws IOException {
        Resource r = rs.createResource(URI.createFileURI(file.toString()));
        r.load(rs.getLoadOptions());
        return assertInstanceOf(CimResource.class, r, "the runtime module binds CimResource");
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".cim")).sorted().toList();
        }
    }
}
