package org.cimlang.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
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

    public CimResourceDescription(CimResource resource, IDefaultResourceDescriptionStrategy strategy,
            IResourceScopeCache cache) {
        super(resource, strategy, cache);
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
            EObject now = resource.getEObject(((InternalEObject) object).eProxyURI().fragment());
            if (now == null || now.eIsProxy() || now.eClass() != d.getEClass()) {
                return null;
            }
            if (out == null) {
                out = new ArrayList<>(kept.subList(0, i));
            }
            out.add(EObjectDescription.create(d.getName(), now, userData(d)));
        }
        return out == null ? kept : out;
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
