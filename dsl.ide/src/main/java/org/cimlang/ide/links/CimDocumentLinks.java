package org.cimlang.ide.links;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Import;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.cimlang.cim.WeightsDecl;
import org.cimlang.scoping.FileImports;
import org.cimlang.semantic.WeightsFileCheck;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Singleton;

/**
 * Document links on the paths of {@code import "file.cim"} and {@code weights "file.npz"}, resolved as
 * the language resolves them (against the folder of the file that names them: {@link FileImports},
 * {@link WeightsFileCheck}). Only a path naming an existing file gets a link: a missing one has the
 * validator's diagnostic instead, and a link to nothing would only fail when clicked.
 */
@Singleton
public class CimDocumentLinks {

    public List<DocumentLink> documentLinks(Document document, XtextResource resource) {
        List<DocumentLink> links = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            return links;
        }
        for (Import imp : model.getImports()) {
            Optional<URI> target = FileImports.resolve(imp);
            if (target.isPresent() && target.get().isFile()) {
                link(document, imp, CimPackage.Literals.IMPORT__FILE_URI, Path.of(target.get().toFileString()), links);
            }
        }
        for (EObject element : model.getElements()) {
            if (element instanceof Network n) {
                for (WeightsDecl w : n.getWeights()) {
                    Optional<Path> file = WeightsFileCheck.fileOf(w);
                    if (file.isPresent()) {
                        link(document, w, CimPackage.Literals.WEIGHTS_DECL__PATH, file.get(), links);
                    }
                }
            }
        }
        return links;
    }

    /** A link over the string literal, quotes included (the whole literal is what the user points at). */
    private static void link(Document document, EObject owner, EStructuralFeature path, Path file, List<DocumentLink> out) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, path);
        if (nodes.isEmpty()) {
            return;
        }
        INode literal = nodes.get(0);
        Range range = new Range(document.getPosition(literal.getOffset()), document.getPosition(literal.getEndOffset()));
        // java.nio's form, file:///..., which clients expect (EMF's is file:/...)
        DocumentLink link = new DocumentLink(range, file.toAbsolutePath().normalize().toUri().toString());
        link.setTooltip("Open " + file.getFileName());
        out.add(link);
    }
}
