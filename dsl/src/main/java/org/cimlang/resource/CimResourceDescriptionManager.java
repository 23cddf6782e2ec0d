package org.cimlang.resource;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionManager;

/** Xtext's manager, describing our files with {@link CimResourceDescription}. */
public class CimResourceDescriptionManager extends DefaultResourceDescriptionManager {

    @Override
    protected IResourceDescription internalGetResourceDescription(Resource resource,
            IDefaultResourceDescriptionStrategy strategy) {
        return resource instanceof CimResource cim ? new CimResourceDescription(cim, strategy, getCache())
                : super.internalGetResourceDescription(resource, strategy);
    }
}
