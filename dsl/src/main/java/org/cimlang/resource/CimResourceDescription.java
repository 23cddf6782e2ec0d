package org.cimlang.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.util.IResourceScopeCache;

/**
 * Xtext's description of a file, which after an edit in place that kept every name at its place
 * ({@link CimResource#namesVersion()}) exports the names it exported before instead of asking every
 * declaration and layer for its qualified name again (a tenth of an edit of a 70,000-layer file). The objects
 * the edit replaced are proxies at their old places; each one's description now names the new object at the
 * same place, which has the same name and class.
 */
public class CimResourceDescription extends DefaultResourceDescription {

    private final IDefaultResourceDescriptionStrategy strategy;

    public CimResourceDescription(CimResource resource, IDefaultResourceDescriptionStrategy strategy,
            IResourceScopeCache cache) {
        super(resource, strategy, cache);
        this.strategy = strategy;
    }

    /**
     * Xtext's computation, with the exported objects that can contain a reference to another file as the
     * containers it looks up: the declarations. Layers (nearly all of a large file's exported objects) hold
     * none (CimResourceDescriptionStrategy does not visit them), and Xtext put every one in a map per edit.
     */
    @Override
    protected List<IReferenceDescription> computeReferenceDescriptions() {
        List<IReferenceDescription> out = new ArrayList<>();
        EcoreUtil2.resolveLazyCrossReferences(getResource(), CancelIndicator.NullImpl);
        Map<EObject, IEObjectDescription> containers = new IdentityHashMap<>();
        for (IEObjectDescription d : getExportedObjects()) {
            if (!(d.getEObjectOrProxy() instanceof org.cimlang.cim.Layer)) {
                containers.put(d.getEObjectOrProxy(), d);
            }
        }
        TreeIterator<EObject> contents = EcoreUtil.getAllProperContents(getResource(), true);
        while (contents.hasNext()) {
            EObject object = contents.next();
            if (!strategy.createReferenceDescriptions(object, findExportedContainerURI(object, containers),
                    out::add)) {
                contents.prune();
            }
        }
        return out;
    }

    @Override
    protected List<IEObjectDescription> computeExportedObjects() {
        CimResource resource = (CimResource) getResource();
        long names = resource.namesVersion();
        CimResource.ExportedNames kept = resource.exportedNames();
        List<IEObjectDescription> objects = kept == null ? null : again(resource, kept.objects());
        if (objects == null) {
            objects = super.computeExportedObjects();
        }
        CimResource.ExportedNames now = new CimResource.ExportedNames(names, objects);
        resource.keepExportedNames(now);
        return now.objects();
    }

    /** The kept descriptions with each replaced object's one naming its successor; null if one has none. */
    private static List<IEObjectDescription> again(CimResource resource, List<IEObjectDescription> kept) {
        List<IEObjectDescription> out = null;
        for (int i = 0; i < kept.size(); i++) {
            IEObjectDescription d = kept.get(i);
            EObject object = d.getEObjectOrProxy();
            if (!object.eIsProxy()) {
                if (object.eResource() != resource) {
                    return null; // taken out of the file some other way than by an edit in place
                }
                if (out != null) {
                    out.add(d);
                }
                continue;
            }
            EObject now = objectAt(resource, ((InternalEObject) object).eProxyURI().fragment());
            if (now == null || now.eIsProxy() || now.eClass() != d.getEClass() || !sameName(now, d)) {
                return null;
            }
            if (out == null) {
                out = new ArrayList<>(kept.subList(0, i));
            }
            out.add(EObjectDescription.create(d.getName(), now, userData(d)));
        }
        return out == null ? kept : out;
    }

    /** Whether the object's name is the last segment of the description's (what the signature promised). */
    private static boolean sameName(EObject object, IEObjectDescription d) {
        org.eclipse.emf.ecore.EStructuralFeature name = object.eClass().getEStructuralFeature("name");
        return name != null && d.getName() != null && d.getName().getSegmentCount() > 0
                && java.util.Objects.equals(object.eGet(name), d.getName().getLastSegment());
    }

    /** The object at a fragment of the resource; null where there is none (then the names are computed afresh). */
    private static EObject objectAt(CimResource resource, String fragment) {
        try {
            return resource.getEObject(fragment);
        } catch (RuntimeException noSuchPlace) {
            return null;
        }
    }

    private static Map<String, String> userData(IEObjectDescription d) {
        String[] keys = d.getUserDataKeys();
        if (keys.length == 0) {
            return null;
        }
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            data.put(key, d.getUserData(key));
        }
        return data;
    }
}
