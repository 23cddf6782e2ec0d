package org.cimlang.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Declaration;
import org.cimlang.cim.Import;
import org.cimlang.linking.ClosestNames;
import org.cimlang.scoping.FileImports;
import org.cimlang.scoping.ImportGraph;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/** Imports resolve, import cycles, and names unique across the files of a workspace. */
public class ImportChecks extends CimChecks {
    /** A longer cycle is shown by its first and last imports. */
    static final int MAX_CYCLE_STEPS_SHOWN = 8;

    @Inject
    private ResourceDescriptionsProvider indexProvider;

    @Inject
    private IQualifiedNameConverter qualifiedNames;

    @Inject
    private IQualifiedNameProvider nameProvider;

    @Check(CheckType.NORMAL)
    public void checkImportResolves(Import imp) {
        if (imp.getFileURI() != null) {
            FileImports.load(imp).ifPresent(outcome -> {
                String written = "\"" + imp.getFileURI() + "\"";
                if (outcome instanceof FileImports.Missing m) {
                    boolean relative = !new java.io.File(imp.getFileURI()).isAbsolute();
                    error("cannot import " + written + ": there is no file " + shown(m.uri()) + ": fix the path"
                            + (relative ? ", which is relative to this file's folder" : ""), imp,
                            CimPackage.Literals.IMPORT__FILE_URI, CimIssueCodes.IMPORT_MISSING);
                } else if (outcome instanceof FileImports.Unreadable u) {
                    error("cannot import " + written + ": " + shown(u.uri()) + " " + u.reason(), imp,
                            CimPackage.Literals.IMPORT__FILE_URI, CimIssueCodes.IMPORT_MISSING);
                } else if (outcome instanceof FileImports.Outside o) {
                    error(o.message(), imp, CimPackage.Literals.IMPORT__FILE_URI, CimIssueCodes.PATH_OUTSIDE);
                }
            });
            return;
        }
        ImportGraph graph = importGraph(imp);
        QualifiedName namespace = graph.namespaceOf(imp);
        if (namespace == null || namespace.isEmpty() || !graph.filesDeclaringUnder(namespace).isEmpty()) {
            return;
        }
        boolean wildcard = imp.getImportedNamespace().endsWith("*");
        String ns = qualifiedNames.toString(namespace);
        List<String> known = new ArrayList<>(wildcard ? graph.packages() : graph.declaredNames());
        java.util.Collections.sort(known);
        String what = wildcard ? "no file declares 'package " + ns + "'" : "nothing named " + ns + " is declared";
        String fix = ClosestNames.closest(ns, known).map(c -> ": did you mean " + c + "?")
                .orElse(wildcard && !known.isEmpty() && known.size() <= 8 ? ": known packages are "
                        + String.join(", ", known) : ": check the name, or load the file that declares it");
        error("cannot import " + imp.getImportedNamespace() + ": " + what + fix, imp,
                CimPackage.Literals.IMPORT__IMPORTED_NAMESPACE, CimIssueCodes.IMPORT_MISSING);
    }

    @Check(CheckType.NORMAL)
    public void checkImportCycle(Import imp) {
        ImportGraph graph = importGraph(imp);
        graph.cycleThrough(imp).ifPresent(cycle -> {
            URI home = imp.eResource().getURI();
            java.util.function.Function<ImportGraph.Step, String> shownStep = step -> shown(step.from(), home)
                    + " imports " + (step.fileImport() ? shown(step.to(), home)
                            : step.imp().getImportedNamespace() + " (" + shown(step.to(), home) + ")");
            String path;
            if (cycle.size() <= MAX_CYCLE_STEPS_SHOWN) {
                path = cycle.stream().map(shownStep).collect(java.util.stream.Collectors.joining(", "));
            } else {
                // every file of a long cycle gets this error: listing all of it made messages of 75,000 characters
                int head = MAX_CYCLE_STEPS_SHOWN - 2;
                path = String.format(java.util.Locale.ROOT, "%,d imports: ", cycle.size())
                        + cycle.subList(0, head).stream().map(shownStep).collect(java.util.stream.Collectors.joining(", "))
                        + String.format(java.util.Locale.ROOT, ", (%,d more), ", cycle.size() - head - 2)
                        + cycle.subList(cycle.size() - 2, cycle.size()).stream().map(shownStep)
                                .collect(java.util.stream.Collectors.joining(", "));
            }
            error("import cycle: " + path + ": remove one of these imports, or move what the files share into a "
                    + "file that imports none of them", imp, imp.getFileURI() != null
                            ? CimPackage.Literals.IMPORT__FILE_URI : CimPackage.Literals.IMPORT__IMPORTED_NAMESPACE,
                    CimIssueCodes.IMPORT_CYCLE);
        });
    }

    /** Duplicates within one file are Xtext's check ({@link CimNamesAreUniqueValidationHelper}). */
    @Check(CheckType.NORMAL)
    public void checkNameUniqueAcrossFiles(Declaration d) {
        if (d.getName() == null || d.eResource() == null || d.eResource().getResourceSet() == null) {
            return;
        }
        QualifiedName name = nameProvider.getFullyQualifiedName(d);
        if (name == null) {
            return;
        }
        URI home = d.eResource().getURI();
        Map<URI, String> others = new java.util.LinkedHashMap<>();
        for (IEObjectDescription o : index(d).getExportedObjects(CimPackage.Literals.DECLARATION, name, false)) {
            URI file = o.getEObjectURI().trimFragment();
            if (!file.equals(home)) {
                others.putIfAbsent(file, o.getEClass().getName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (others.isEmpty()) {
            return;
        }
        String kind = d.eClass().getName().toLowerCase(java.util.Locale.ROOT);
        String where = others.entrySet().stream().map(e -> shown(e.getKey(), home)
                + (e.getValue().equals(kind) ? "" : " (as a " + e.getValue() + ")"))
                .collect(java.util.stream.Collectors.joining(", "));
        error(kind + " " + qualifiedNames.toString(name) + " is also declared in " + where
                + ": a name may be declared once per package across all files; rename one or delete the copy", d,
                CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.NAME_DUPLICATE);
    }

    private IResourceDescriptions index(EObject o) {
        return indexProvider.getResourceDescriptions(o.eResource().getResourceSet());
    }

    /** The graph of the resource set's files, shared by the validations of all of them (see ImportGraph). */
    private ImportGraph importGraph(Import imp) {
        return ImportGraph.of(imp.eResource().getResourceSet(), index(imp), qualifiedNames);
    }

    /** A file as the user wrote or knows it: a path when it is a file. */
    private static String shown(URI uri) {
        return uri.isFile() ? uri.toFileString() : uri.toString();
    }

    /** A file relative to the folder of {@code home} when both are in one tree, else in full. */
    private static String shown(URI uri, URI home) {
        if (uri.equals(home)) {
            return uri.lastSegment();
        }
        if (uri.isHierarchical() && !uri.isRelative() && home.isHierarchical() && !home.isRelative()) {
            URI relative = uri.deresolve(home, true, true, false);
            if (relative.isRelative()) {
                return relative.toString();
            }
        }
        return shown(uri);
    }
}
