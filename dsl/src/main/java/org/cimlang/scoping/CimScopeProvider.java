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

/**
 * Layer names are local: a layer's inputs come from its own network, a {@code place} or a
 * quantization override names a layer of the network the mapping or quantization is for.
 */
public class CimScopeProvider extends AbstractCimScopeProvider {

    @Override
    public IScope getScope(EObject context, EReference reference) {
        if (reference == CimPackage.Literals.LAYER__INPUTS) {
            Network n = EcoreUtil2.getContainerOfType(context, Network.class);
            return n == null ? IScope.NULLSCOPE : Scopes.scopeFor(n.getLayers());
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

    private static IScope layersOf(Network n) {
        if (n == null || n.eIsProxy()) {
            return IScope.NULLSCOPE;
        }
        Iterable<Layer> layers = n.getLayers();
        return Scopes.scopeFor(layers);
    }
}
