package org.cimlang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cimlang.tests.CimInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Injector;

@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class CimResourceDescriptionStrategyTest {
    private static final Path EXAMPLES = Paths.get("..", "examples").toAbsolutePath().normalize();

    @Inject
    private Injector injector;

    @Inject
    private IDefaultResourceDescriptionStrategy bound;

    @Test
    void theExamplesReferencesToOtherFilesAreXtextsOwn() throws IOException {
        assertInstanceOf(CimResourceDescriptionStrategy.class, bound, "the runtime module binds it");
        DefaultResourceDescriptionStrategy xtexts = injector.getInstance(DefaultResourceDescriptionStrategy.class);
        XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".cim")).sorted().toList()) {
                resources.add(rs.getResource(URI.createFileURI(p.toString()), true));
            }
        }
        EcoreUtil.resolveAll(rs);
        int references = 0;
        for (Resource r : resources) {
            List<String> ours = described(new CimResourceDescription((CimResource) r, bound,
                    new org.eclipse.xtext.util.IResourceScopeCache.NullImpl()));
            List<String> theirs = described(new DefaultResourceDescription(r, xtexts));
            assertEquals(theirs, ours, r.getURI().lastSegment());
            references += ours.size();
        }
        assertTrue(references > 50, "the examples refer to other files " + references + " times");
    }

    @Test
    void theExamplesExportedNamesAreXtextsOwnInOrder() throws IOException {
        DefaultResourceDescriptionStrategy xtexts = injector.getInstance(DefaultResourceDescriptionStrategy.class);
        XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
        int names = 0;
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".cim")).sorted().toList()) {
                Resource r = rs.getResource(URI.createFileURI(p.toString()), true);
                List<String> ours = exported(new DefaultResourceDescription(r, bound));
                List<String> theirs = exported(new DefaultResourceDescription(r, xtexts));
                assertEquals(theirs, ours, p.getFileName().toString());
                names += ours.size();
            }
        }
        assertTrue(names > 500, "the examples export " + names + " names (packages, declarations and layers)");
    }

    private static List<String> exported(DefaultResourceDescription d) {
        List<String> out = new ArrayList<>();
        for (org.eclipse.xtext.resource.IEObjectDescription o : d.getExportedObjects()) {
            out.add(o.getQualifiedName() + " " + o.getEClass().getName() + " " + o.getEObjectURI());
        }
        return out;
    }

    private static List<String> described(DefaultResourceDescription d) {
        List<String> out = new ArrayList<>();
        for (IReferenceDescription ref : d.getReferenceDescriptions()) {
            out.add(ref.getSourceEObjectUri() + " -" + ref.getEReference().getName() + "[" + ref.getIndexInList() + "]-> "
                    + ref.getTargetEObjectUri() + " in " + ref.getContainerEObjectURI());
        }
        return out;
    }
}
