package org.cimlang.resource;

import java.util.Collection;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionManager;

/**
 * Xtext's manager, describing our files with {@link CimResourceDescription}, and checking a file again after
 * any change of a file it refers to. Xtext's manager counts a change of another file only when the names it
 * exports change; but a mapping's checks compile the chip and network it names, so a chip that gains tiles in
 * its own file must clear the overflow reported in the file that maps onto it.
 */
public class CimResourceDescriptionManager extends DefaultResourceDescriptionManager
        implements IResourceDescription.Manager.AllChangeAware {

    @Override
    protected IResourceDescription internalGetResourceDescription(Resource resource,
            IDefaultResourceDescriptionStrategy strategy) {
        return resource instanceof CimResource cim ? new CimResourceDescription(cim, strategy, getCache())
                : super.internalGetResourceDescription(resource, strategy);
    }

    @Override
    public boolean isAffectedByAny(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate,
            IResourceDescriptions context) {
        Set<URI> referenced = getDescriptionUtils().collectOutgoingReferences(candidate);
        if (!referenced.isEmpty()) {
            for (IResourceDescription.Delta delta : deltas) {
                if (referenced.contains(delta.getUri())) {
                    return true;
                }
            }
        }
        return isAffected(deltas, candidate, context);
    }
}
