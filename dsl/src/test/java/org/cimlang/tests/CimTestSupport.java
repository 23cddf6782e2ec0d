package org.cimlang.tests;

import java.util.List;
import java.util.stream.Collectors;

import org.cimlang.cim.Model;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Parses several .cim sources into one resource set and validates one of them, as the editor does. */
public class CimTestSupport {
    @Inject
    private Provider<ResourceSet> resourceSets;

    @Inject
    private IResourceValidator validator;

    /** Loads {@code sources} as files a.cim, b.cim, ... (in that order) and returns the resources. */
    public List<Resource> load(String... sources) throws java.io.IOException {
        ResourceSet rs = resourceSets.get();
        List<Resource> out = new java.util.ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            Resource r = rs.createResource(URI.createURI("file:/test/" + (char) ('a' + i) + ".cim"));
            r.load(new java.io.ByteArrayInputStream(sources[i].getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    null);
            out.add(r);
        }
        return out;
    }

    /**
     * Loads {@code files} (path under file:/test/ to source, in the map's order) into one resource set,
     * as a workspace of files in folders; used by the import tests.
     */
    public List<Resource> loadFiles(java.util.Map<String, String> files) throws java.io.IOException {
        ResourceSet rs = resourceSets.get();
        List<Resource> out = new java.util.ArrayList<>();
        for (var e : files.entrySet()) {
            Resource r = rs.createResource(URI.createURI("file:/test/" + e.getKey()));
            r.load(new java.io.ByteArrayInputStream(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    null);
            out.add(r);
        }
        return out;
    }

    /** A fresh resource set of this language, e.g. to load files from disk. */
    public ResourceSet newResourceSet() {
        return resourceSets.get();
    }

    public List<Issue> validate(Resource r) {
        return validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
    }

    /** Issues of the last source, validated together with the others. */
    public List<Issue> issues(String... sources) throws java.io.IOException {
        List<Resource> rs = load(sources);
        return validate(rs.get(rs.size() - 1));
    }

    public static Model model(Resource r) {
        return (Model) r.getContents().get(0);
    }

    /** "line:col severity code message", one per line, for readable assertion failures. */
    public static String render(List<Issue> issues) {
        return issues.stream().map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getSeverity() + " "
                + i.getCode() + " " + i.getMessage()).collect(Collectors.joining("\n"));
    }

    public static XtextResource xtext(Resource r) {
        return (XtextResource) r;
    }
}
