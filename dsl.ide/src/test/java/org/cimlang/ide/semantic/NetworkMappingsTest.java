package org.cimlang.ide.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cimlang.CimStandaloneSetup;
import org.cimlang.cim.Chip;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;

import com.google.inject.Injector;

class NetworkMappingsTest {
    private static final String CHIP = """
            chip Small {
                tiles 2
                arrays per tile 16
                array 128 x 128 { cell bits 2 }
                adc bits 6
            }
            """;
    private static final String NET = """
            network Net {
                input img [256]
                dense fc from img units 64
            }
            """;

    /**
     * A mapping in another file holds its network as a proxy naming the network's place in its file
     * (the first declaration). A chip pasted above the network takes that place: the generated getter
     * {@code getNetwork()} then throws a ClassCastException (ChipImpl to Network); the mappings of the
     * network must still be found without it.
     */
    @Test
    void aMappingWhoseNetworkPlaceNowHoldsAChipIsNotTakenForAMappingOfTheNetwork() throws Exception {
        Injector injector = new CimStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
        XtextResource net = load(set, "file:/ws/net.cim", NET);
        load(set, "file:/ws/chip.cim", CHIP);
        Resource map = load(set, "file:/ws/map.cim", "mapping M for Net on Small {\n    place fc on tile 0\n}\n");
        EcoreUtil.resolveAll(set);
        Mapping mapping = (Mapping) ((Model) map.getContents().get(0)).getElements().get(0);
        NetworkMappings mappings = injector.getInstance(NetworkMappings.class);
        Network before = (Network) ((Model) net.getContents().get(0)).getElements().get(0);
        assertEquals(List.of(mapping), mappings.mappingsOf(before));

        // the editor's edit: the network's old object becomes a proxy to "the first declaration of net.cim"
        net.unload();
        net.load(new ByteArrayInputStream((CHIP.replace("Small", "Pasted") + NET).getBytes(StandardCharsets.UTF_8)),
                null);
        assertTrue(((Model) net.getContents().get(0)).getElements().get(0) instanceof Chip);
        Network after = (Network) ((Model) net.getContents().get(0)).getElements().get(1);
        assertThrows(ClassCastException.class, mapping::getNetwork, "the condition of the issue's trace");

        List<Mapping> found = mappings.mappingsOf(after);
        assertTrue(found.isEmpty(), found::toString);
    }

    private static XtextResource load(XtextResourceSet set, String uri, String text) throws Exception {
        XtextResource r = (XtextResource) set.createResource(URI.createURI(uri));
        r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
        return r;
    }
}
