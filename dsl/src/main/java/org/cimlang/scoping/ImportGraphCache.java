package org.cimlang.scoping;

import java.util.Collection;
import java.util.function.Supplier;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.resource.IResourceDescriptions;

/**
 * Keeps one {@link ImportGraph} per resource set, so that validating every file of a workspace reads
 * each file's imports once instead of once per file that reaches it (which made a chain of N files
 * cost N^2). An adapter on the resource set and on each of its resources: a resource added, removed,
 * loaded, unloaded, renamed or given new contents (an edit re-parsed) drops the graph, and the next
 * validation builds a new one. Files the graph loads itself do not drop it: it read them as they are.
 */
final class ImportGraphCache extends AdapterImpl {
    private ImportGraph graph;
    /** How deep the graph is in loads of its own (whose notifications say nothing new). */
    private int ownLoads;

    private ImportGraphCache() {
    }

    /** The graph of {@code resourceSet}'s files, built with {@code index} if there is none yet. */
    static ImportGraph graphOf(ResourceSet resourceSet, IResourceDescriptions index, IQualifiedNameConverter names) {
        ImportGraphCache cache;
        // a class-wide lock only around finding or adding the adapter: locking the resource set could
        // meet a synchronized resource set's own lock taken in the other order during a load
        synchronized (ImportGraphCache.class) {
            cache = (ImportGraphCache) resourceSet.eAdapters().stream().filter(ImportGraphCache.class::isInstance)
                    .findFirst().orElse(null);
            if (cache == null) {
                cache = new ImportGraphCache();
                for (Resource r : resourceSet.getResources()) {
                    r.eAdapters().add(cache);
                }
                resourceSet.eAdapters().add(cache);
            }
        }
        synchronized (cache) {
            if (cache.graph == null) {
                cache.graph = new ImportGraph(index, resourceSet, names, cache);
            }
            return cache.graph;
        }
    }

    /** Runs {@code load} (a load the graph asks for) without dropping the graph. */
    synchronized <T> T ownLoad(Supplier<T> load) {
        ownLoads++;
        try {
            return load.get();
        } finally {
            ownLoads--;
        }
    }

    @Override
    public synchronized void notifyChanged(Notification n) {
        if (n.getEventType() == Notification.REMOVING_ADAPTER) {
            return;
        }
        if (n.getNotifier() instanceof ResourceSet) {
            if (n.getFeatureID(ResourceSet.class) == ResourceSet.RESOURCE_SET__RESOURCES) {
                adopt(n.getNewValue());
                changed();
            }
            return;
        }
        int feature = n.getFeatureID(Resource.class);
        if (feature == Resource.RESOURCE__CONTENTS || feature == Resource.RESOURCE__IS_LOADED
                || feature == Resource.RESOURCE__URI) {
            changed();
        }
    }

    private void adopt(Object added) {
        if (added instanceof Resource r && !r.eAdapters().contains(this)) {
            r.eAdapters().add(this);
        } else if (added instanceof Collection<?> many) {
            many.forEach(this::adopt);
        }
    }

    private void changed() {
        if (ownLoads == 0) {
            graph = null;
        }
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == ImportGraphCache.class;
    }
}
