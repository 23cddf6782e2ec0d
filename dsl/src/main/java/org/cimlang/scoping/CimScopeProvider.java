package org.cimlang.scoping;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.QuantOverride;
import org.cimlang.cim.Quantization;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.MapBasedScope;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;

import com.google.inject.Inject;

/**
 * Layer names are local: a layer's inputs come from its own network, a {@code place} or a
 * quantization override names a layer of the network the mapping or quantization is for.
 */
public class CimScopeProvider extends AbstractCimScopeProvider {

    /** Per-resource cache, cleared when the resource changes. */
    @Inject
    private IResourceScopeCache cache;

    @Override
    public IScope getScope(EObject context, EReference reference) {
        if (reference == CimPackage.Literals.LAYER__INPUTS) {
            return layersOf(EcoreUtil2.getContainerOfType(context, Network.class));
        }
        if (reference == CimPackage.Literals.PLACEMENT__LAYER) {
            Mapping m = EcoreUtil2.getContainerOfType(context, Mapping.class);
            return layersOf(m == null ? null : m.getNetwork());
        }
        if (reference == CimPackage.Literals.QUANT_OVERRIDE__LAYER) {
            Quantization q = context instanceof QuantOverride o ? (Quantization) o.eContainer()
                    : EcoreUtil2.getContainerOfType(context, Quantization.class);
            return layersOf(q == null ? null : q.getNetwork());
        }
        return super.getScope(context, reference);
    }

    /**
     * One name-indexed scope per network, built once per version of its file: every {@code from} of a
     * 1,000-layer network looks its inputs up in it, where a list scope would make linking quadratic.
     */
    private IScope layersOf(Network n) {
        if (n == null || n.eIsProxy() || n.eResource() == null) {
            return IScope.NULLSCOPE;
        }
        return cache.get(Tuples.pair(CimScopeProvider.class, n), n.eResource(), () -> {
            Iterable<Layer> layers = n.getLayers();
            return MapBasedScope.createScope(IScope.NULLSCOPE, Scopes.scopedElementsFor(layers));
        });
    }
}
