package org.cimlang.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.resource.CimResource;
import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Validation analyses a network and then compiles each mapping of it: the compile takes the analysis
 * already made of the same version of the file, and an edit of the file makes both anew.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimSemanticsReuseTest {
    private static final String TEXT = "network Net {\n    input x [64]\n    dense h from x units 32\n"
            + "    dense y from h units 10\n}\n"
            + "chip Tiny {\n    tiles 1\n    arrays per tile 64\n    array 128 x 128 {\n        cell bits 2\n    }\n"
            + "    adc bits 8\n}\n"
            + "mapping M for Net on Tiny {\n}\n";

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @Inject
    private CimSemantics semantics;

    @Test
    void aMappingsCompileTakesTheAnalysisOfItsNetworkMadeForTheSameVersionAndAnEditMakesItAnew()
            throws IOException {
        XtextResourceSet rs = resourceSets.get();
        CimResource r = (CimResource) rs.createResource(URI.createURI("memory:/net.cim"));
        r.load(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
        Model model = (Model) r.getContents().get(0);
        assertEquals(List.of(), r.getErrors());
        Network net = (Network) model.getElements().get(0);
        Mapping m = (Mapping) model.getElements().get(2);

        AnalyzedNetwork analysis = semantics.analyze(net);
        Compilation compiled = semantics.compile(m);
        assertSame(analysis, compiled.analysis(), "one analysis of the network, not two");
        assertSame(compiled, semantics.compile(m), "a second request on the same version");

        assertTrue(r.replaceText(TEXT.replace("units 32", "units 38")));
        assertSame(model, r.getContents().get(0), "the edit was made in place: the objects are kept");
        assertSame(net, model.getElements().get(0));
        AnalyzedNetwork edited = semantics.analyze(net);
        assertNotSame(analysis, edited);
        assertEquals(38, edited.network().layers().get(1).units(), "the analysis is of the edited text");
        Compilation recompiled = semantics.compile(m);
        assertNotSame(compiled, recompiled);
        assertSame(edited, recompiled.analysis());
        assertEquals(64L * 38 + 38L * 10, recompiled.result().totals().macs(), "the compile is of the edited text");
    }
}
