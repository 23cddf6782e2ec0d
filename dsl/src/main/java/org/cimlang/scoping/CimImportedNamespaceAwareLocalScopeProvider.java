package org.cimlang.scoping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cimlang.cim.Import;
import org.cimlang.cim.Model;
import org.cimlang.cim.Network;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.ISelectable;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.ImportNormalizer;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;
import org.eclipse.xtext.scoping.impl.MultimapBasedSelectable;
import org.eclipse.xtext.scoping.impl.SelectableBasedScope;

import com.google.inject.Inject;

/**
 * Namespace imports ({@code import chips.*}) as Xtext does them, plus file imports
 * ({@code import "lib/chips.cim"}): the imported file is loaded, its declarations are added to the scope
 * by their qualified names, and by their simple names through an import of the file's package. Its
 * declarations are added directly rather than looked up in the index, because a file imported from
 * outside the workspace is in no index.
 */
public class CimImportedNamespaceAwareLocalScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

    @Inject
    private IResourceDescription.Manager descriptions;

    @Override
    protected IScope getResourceScope(Resource res, EReference reference) {
        EObject root = res.getContents().get(0);
        IScope result = getGlobalScope(res, reference);
        if (root instanceof Model model) {
            // later imports shadow earlier ones, as in the list of namespace imports
            for (Import imp : model.getImports()) {
                Optional<Resource> imported = FileImports.loadedResource(imp);
                if (imported.isPresent() && imported.get() != res) {
                    result = SelectableBasedScope.createScope(result,
                            descriptions.getResourceDescription(imported.get()), reference.getEReferenceType(),
                            isIgnoreCase(reference));
                }
            }
        }
        return getResourceScope(result, root, reference);
    }

    /**
     * The file's own names as this scope offers them: its declarations, not the layers inside networks. Every
     * reference to a layer is scoped by CimScopeProvider (within a network) before it gets here, so no name
     * looked up here can be a layer's; Xtext's version named all 280,000 objects of a 70,000-layer file on
     * every edit that linked a declaration's reference again.
     */
    @Override
    protected ISelectable internalGetAllDescriptions(Resource resource) {
        List<EObject> named = new ArrayList<>();
        for (TreeIterator<EObject> it = EcoreUtil.getAllContents(resource, false); it.hasNext();) {
            EObject o = it.next();
            named.add(o);
            if (o instanceof Network) {
                it.prune();
            }
        }
        return new MultimapBasedSelectable(Scopes.scopedElementsFor(named, getQualifiedNameProvider()));
    }

    @Override
    protected List<ImportNormalizer> internalGetImportedNamespaceResolvers(EObject context, boolean ignoreCase) {
        List<ImportNormalizer> resolvers = super.internalGetImportedNamespaceResolvers(context, ignoreCase);
        if (context instanceof Model model) {
            for (Import imp : model.getImports()) {
                // a file without a package declares simple names already: nothing to import
                FileImports.loadedResource(imp).flatMap(FileImports::model).map(Model::getName)
                        .filter(pkg -> !pkg.isBlank()).ifPresent(pkg -> {
                            QualifiedName name = getQualifiedNameConverter().toQualifiedName(pkg);
                            resolvers.add(doCreateImportNormalizer(name, true, ignoreCase));
                        });
            }
        }
        return resolvers;
    }
}
