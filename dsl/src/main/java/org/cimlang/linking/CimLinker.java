package org.cimlang.linking;

import java.util.Iterator;

import org.cimlang.cim.Network;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.impl.EClassImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.diagnostics.IDiagnosticProducer;
import org.eclipse.xtext.linking.lazy.LazyLinker;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.OnChangeEvictingCache;
import org.eclipse.xtext.util.concurrent.IUnitOfWork;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import com.google.inject.Inject;

/**
 * Xtext's lazy linker, plus linking after an edit in place that replaced one object: that object's references
 * get proxies (resolved when first read, as always), and so does every reference elsewhere that pointed into
 * the replaced object or to another file or was not resolved; every other reference keeps its target.
 * Xtext's own linker clears and re-resolves all references of the file on every edit: on a network of 70,000
 * layers a third of each edit's time. Sound only where the new object has the old one's {@link ScopeSignature}
 * (the resource checks that): then no name resolves elsewhere than before.
 */
public class CimLinker extends LazyLinker {

    @Inject
    private OnChangeEvictingCache cache;

    /**
     * Links the model below {@code root} after {@code replaced} took the place of an object: that object, every
     * object outside networks that has references, and, with {@code everyObject} (the old object held
     * something a reference may name, or the resource's list of lazy links should be emptied), every layer whose
     * references do not all hold live objects of this file; without, the layers' links stay as they are. Unlike
     * {@link #linkModel}, what the file imported before stays recorded (a superset is safe: it can only make
     * the builder revisit this file for a change elsewhere that turns out not to touch it).
     *
     * @return how many objects were linked again
     */
    public int linkReplaced(EObject root, EObject replaced, boolean everyObject, IDiagnosticConsumer consumer) {
        Resource resource = root.eResource();
        // lazy links are numbered in a list of the resource: every one still unresolved is made anew below
        if (everyObject && resource instanceof LazyLinkingResource lazy) {
            lazy.clearLazyProxyInformation();
        }
        Multimap<EStructuralFeature.Setting, INode> settingsToLink = ArrayListMultimap.create();
        IDiagnosticProducer producer = createDiagnosticProducer(consumer, resource);
        int[] linked = {0};
        cache.execWithoutCacheClear(resource, new IUnitOfWork.Void<Resource>() {
            @Override
            public void process(Resource state) {
                linked[0] += relinkAll(replaced, producer, settingsToLink);
                TreeIterator<EObject> objects = getAllLinkableContents(root);
                while (objects.hasNext()) {
                    EObject object = objects.next();
                    if (object == replaced) {
                        objects.prune();
                    } else if (object instanceof Network) {
                        // a network's references are its layers' inputs, which name layers of the same network
                        // (CimScopeProvider, no imports): they can only have lost their target if the replaced
                        // object held one, and then only those that held it or nothing are linked again
                        objects.prune();
                        if (everyObject) {
                            for (TreeIterator<EObject> layers = getAllLinkableContents(object); layers.hasNext();) {
                                EObject layer = layers.next();
                                if (layer == replaced) {
                                    layers.prune();
                                } else if (!keepsTargets(layer, resource)) {
                                    relink(layer, producer, settingsToLink);
                                    linked[0]++;
                                }
                            }
                        }
                    } else if (hasReferences(object)) {
                        // a declaration's references (a mapping's network, chip and placements, ...) go through
                        // the imports too, where a name of another file can come to hide a name of this one:
                        // they are few, and all are linked again
                        relink(object, producer, settingsToLink);
                        linked[0]++;
                    }
                }
            }
        });
        installQueuedLinks(settingsToLink);
        return linked[0];
    }

    /** Links {@code top} and everything in it again (the iterator starts with {@code top} itself). */
    private int relinkAll(EObject top, IDiagnosticProducer producer,
            Multimap<EStructuralFeature.Setting, INode> settingsToLink) {
        int n = 0;
        for (Iterator<EObject> inside = getAllLinkableContents(top); inside.hasNext(); n++) {
            relink(inside.next(), producer, settingsToLink);
        }
        return n;
    }

    private static boolean hasReferences(EObject object) {
        return ((EClassImpl.FeatureSubsetSupplier) object.eClass().getEAllStructuralFeatures())
                .crossReferences() != null;
    }

    private void relink(EObject object, IDiagnosticProducer producer,
            Multimap<EStructuralFeature.Setting, INode> settingsToLink) {
        clearReferences(object);
        installProxies(object, producer, settingsToLink);
    }

    /** Whether every reference of the object holds a live object of this file. */
    private boolean keepsTargets(EObject object, Resource resource) {

        EStructuralFeature[] references = ((EClassImpl.FeatureSubsetSupplier) object.eClass()
                .getEAllStructuralFeatures()).crossReferences();
        if (references == null) {
            return true;
        }
        for (EStructuralFeature feature : references) {
            EReference reference = (EReference) feature;
            if (reference.isDerived() || !reference.isChangeable() || reference.isTransient()) {
                continue; // what clearReferences leaves alone
            }
            Object value = object.eGet(reference, false);
            if (reference.isMany()) {
                for (Object target : ((InternalEList<?>) value).basicList()) {
                    if (!isKept((EObject) target, resource)) {
                        return false;
                    }
                }
            } else if (value != null && !isKept((EObject) value, resource)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A proxy is either an unloaded object (of the replaced part, or of another file) or a lazy link not
     * resolved yet, most often because it names nothing: its number in the resource's list of lazy links is
     * gone with the list, so it is made again too.
     */
    private static boolean isKept(EObject target, Resource resource) {
        return !target.eIsProxy() && target.eResource() == resource;
    }
}
