package org.cimlang.ide.lens;

import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Model;
import org.cimlang.cim.Simulation;
import org.cimlang.ide.semantic.MappingTexts;
import org.cimlang.semantic.CimSemantics;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Code lenses: above each mapping {@code Compile · 592 arrays · 4.90 k inf/s} (or what keeps it from
 * fitting), above each simulation {@code Run}. The figures are the mapping engine's, through
 * {@link CimSemantics#compile}, which validation has usually memoised for this version of the file, so
 * the lenses are computed eagerly (no {@code codeLens/resolve}).
 */
@Singleton
public class CimCodeLensService implements ICodeLensService {

    @Inject
    private CimSemantics semantics;

    @Override
    public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource, CodeLensParams params,
            CancelIndicator cancelIndicator) {
        List<CodeLens> lenses = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            return lenses;
        }
        String uri = params.getTextDocument().getUri();
        for (EObject element : model.getElements()) {
            if (cancelIndicator.isCanceled()) {
                return lenses;
            }
            if (element instanceof Mapping m && m.getName() != null) {
                String title = "Compile · " + MappingTexts.mappingSummary(semantics.compile(m));
                lenses.add(lens(document, m, CimPackage.Literals.DECLARATION__NAME,
                        new Command(title, ClientCommands.COMPILE, List.of(uri, m.getName()))));
            } else if (element instanceof Simulation s && s.getName() != null) {
                lenses.add(lens(document, s, CimPackage.Literals.DECLARATION__NAME,
                        new Command("Run", ClientCommands.RUN, List.of(uri, s.getName()))));
            }
        }
        return lenses;
    }

    /**
     * A lens on the declaration's head, from its keyword to its name: editors draw it above the first
     * line of the range, which is the declaration's line even when a doc comment precedes it.
     */
    private static CodeLens lens(Document document, EObject declaration, EStructuralFeature name, Command command) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(declaration);
        List<INode> names = NodeModelUtils.findNodesForFeature(declaration, name);
        int start = node == null ? 0 : node.getOffset();
        int end = names.isEmpty() ? start : names.get(0).getEndOffset();
        return new CodeLens(new Range(document.getPosition(start), document.getPosition(end)), command, null);
    }
}
