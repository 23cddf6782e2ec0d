package org.cimlang.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.BuildContext;
import org.eclipse.xtext.build.Indexer;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.eclipse.xtext.service.OperationCanceledManager;

import com.google.inject.Inject;

/**
 * Xtext's indexer, except that a file which exports what its copy in the index exports
 * ({@link KeptExportsDescription#exportsAsNow}) is indexed with that copy's exported objects: Xtext described
 * the file afresh and copied every exported object into a new object with a new proxy, 70,000 of each per
 * edit of a 70,000-layer file, to find them equal to the index's.
 */
public class CimIndexer extends Indexer {
    @Inject
    private OperationCanceledManager cancels;

    @Override
    protected IResourceDescription.Delta addToIndex(Resource resource, boolean isPreIndexing,
            ResourceDescriptionsData oldIndex, BuildContext context) {
        URI uri = resource.getURI();
        IResourceDescription old = oldIndex == null ? null : oldIndex.getResourceDescription(uri);
        if (old instanceof KeptExportsDescription kept && kept.exportsAsNow(resource)) {
            cancels.checkCanceled(context.getCancelIndicator());
            IResourceDescription.Manager manager = context.getResourceServiceProvider(uri)
                    .getResourceDescriptionManager();
            // a copy of serialisable descriptions keeps each of them: a new list of the same objects
            return manager.createDelta(old, getResolvedResourceDescription(kept));
        }
        return super.addToIndex(resource, isPreIndexing, oldIndex, context);
    }
}
