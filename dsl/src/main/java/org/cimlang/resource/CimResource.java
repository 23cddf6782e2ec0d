package org.cimlang.resource;

import java.util.Arrays;
import java.util.List;

import org.cimlang.linking.CimLinker;
import org.cimlang.linking.ScopeSignature;
import org.cimlang.parser.SubtreeParseResult;
import org.cimlang.validation.BoundedResourceValidator;
import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.impl.NotificationImpl;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.DefaultFragmentProvider;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.OnChangeEvictingCache;

/**
 * Xtext's resource with EMF's path fragments ({@code //@declarations.1/@layers.69999}) computed without a
 * linear search per segment. EMF finds an object's index with {@code indexOf} in its container's list, and
 * the language server asks for every object's fragment when it unloads the old version of a file and when it
 * exports the names of the new one: on a network of 70,000 layers that was 35% of each edit's time
 * (quadratic in the layers). Both ask in content order, so the index the last call found in the same list,
 * plus one, is almost always right; it is checked before it is used, and {@code indexOf} is the fallback, so
 * a fragment is always exactly EMF's. Only while the fragment provider is Xtext's default, which is EMF's
 * computation; a language that binds another keeps it.
 */
public class CimResource extends LazyLinkingResource {

    /**
     * Objects linked again (each with one or a few lazy links in the resource's list) before an edit empties
     * the list and looks through the whole file: a bound on what the list holds of replaced objects.
     */
    private static final int MAX_KEPT_LAZY_LINKS = 2_000;

    /** Deeper containment than this (the grammar nests a few levels) takes EMF's way. */
    private static final int MAX_DEPTH = 16;

    /** Per depth below the root: the list searched last and where the object was. */
    private final Object[] hintLists = new Object[MAX_DEPTH];
    private final int[] hintIndices = new int[MAX_DEPTH];

    @Override
    public String getURIFragment(EObject object) {
        String path = getFragmentProvider().getClass() == DefaultFragmentProvider.class ? containmentPath(object)
                : null;
        return path != null ? path : super.getURIFragment(object);
    }

    /** The parse result last linked: a partial one is linked incrementally once, never again. */
    private IParseResult linkedParse;

    /** The object the partial parser took out of the model for the edit being linked; null otherwise. */
    private EObject replacedByEdit;

    /** Lazy links made since the resource's list of them was last emptied (CimLinker#linkReplaced). */
    private int lazyLinksKept;

    /** Whether the last linking was of the edited part only. */
    private boolean linkedInPart;

    /** Whether every lazy link has been resolved (or found to name nothing) since the last linking. */
    private boolean lazyLinksResolved;

    /** How many times a text was parsed into this resource (loaded, edited, unloaded). */
    private long version;

    /** The version since which the file exports the same names at the same places. */
    private long namesVersion;

    /** The names exported at {@link #namesVersion}, as the last description of this resource found them. */
    private ExportedNames exportedNames;

    /** Whether the model is being changed by a re-parse of this resource's own text. */
    private boolean updating;

    /** Whether {@link #onModelChange} waits for the next change of the model (Xtext's listeners fire once). */
    private boolean listening;

    /**
     * A change of the model other than by parsing its text (a refactoring that sets a name, a test) may change
     * anything: what was computed at the current version no longer holds.
     */
    private final OnChangeEvictingCache.Listener onModelChange = adapter -> {
        listening = false;
        if (!updating) {
            version++;
            namesVersion = version;
            exportedNames = null;
        }
    };

    /**
     * Changes whenever the model may have changed: what was computed from the model at one version holds
     * while the version does (an edit in place keeps the objects, so their identity says nothing).
     */
    public long version() {
        return version;
    }

    /**
     * Changes whenever the names this file exports, or the places of the objects they name, may have changed:
     * a whole parse, an unload, an edit in place whose replaced object had another {@link ScopeSignature}.
     * Two moments of one resource with the same value export the same names of the same classes at the same
     * URI fragments (the objects of an edited part are new ones at the old places).
     */
    public long namesVersion() {
        return namesVersion;
    }

    /** What a description of this resource exported, kept for the next one at the same names version. */
    public record ExportedNames(long namesVersion, List<org.eclipse.xtext.resource.IEObjectDescription> objects) {
        public ExportedNames {
            objects = List.copyOf(objects);
        }
    }

    /** The names last exported, or null when none were kept at the current names version. */
    public ExportedNames exportedNames() {
        return exportedNames != null && exportedNames.namesVersion() == namesVersion ? exportedNames : null;
    }

    /**
     * Keeps the names for the next description at this names version; only where the resource hears of every
     * change of its model (Xtext's evicting cache), which is how it knows that they still hold.
     */
    public void keepExportedNames(ExportedNames names) {
        exportedNames = names.namesVersion() == namesVersion && listenForChanges() ? names : null;
    }

    private boolean listenForChanges() {
        if (!listening && getCache() instanceof OnChangeEvictingCache cache) {
            cache.getOrCreate(this).addCacheListener(onModelChange);
            listening = true;
        }
        return listening;
    }

    /** Called by the partial parser just before it takes {@code old} out of this resource's model. */
    public void replacing(EObject old) {
        replacedByEdit = old;
    }

    /**
     * Validation, the reference descriptions, the imported names and the index's copy each resolve every lazy
     * link of the file first: a walk over every object, four times per edit. Links are made only by linking
     * (which starts the next walk afresh), and a link found to name nothing stays reported, so after one whole
     * walk the others have nothing to do.
     */
    @Override
    public void resolveLazyCrossReferences(CancelIndicator monitor) {
        if (lazyLinksResolved) {
            return;
        }
        super.resolveLazyCrossReferences(monitor);
        lazyLinksResolved = true; // not reached when the walk was cancelled
    }

    @Override
    protected void updateInternalState(IParseResult newParseResult) {
        lazyLinksResolved = false;
        version++;
        super.updateInternalState(newParseResult);
    }

    /** The hints name lists of the old tree: let it go. */
    @Override
    protected void doUnload() {
        lazyLinksResolved = false;
        version++;
        namesVersion = version;
        exportedNames = null;
        super.doUnload();
        forgetHints();
        linkedParse = null;
        replacedByEdit = null;
    }

    /**
     * After an edit in place that replaced one object by one of an equal {@link ScopeSignature} (no name
     * added, removed, renamed or moved), only what the edit can have changed is linked again
     * (CimLinker#linkReplaced); else, as Xtext does, the whole file.
     */
    @Override
    protected void doLinking() {
        lazyLinksResolved = false;
        IParseResult parse = getParseResult();
        EObject root = parse == null ? null : parse.getRootASTElement();
        EObject old = replacedByEdit;
        replacedByEdit = null;
        EObject replaced = parse instanceof SubtreeParseResult subtree ? subtree.parsed() : null;
        linkedInPart = false;
        if (root != null && old != null && parse != linkedParse && replaced != null && replaced != root
                && replaced.eResource() == this && getLinker() instanceof CimLinker linker) {
            ScopeSignature before = ScopeSignature.of(old);
            if (before.equals(ScopeSignature.of(replaced))) {
                ListBasedDiagnosticConsumer consumer = new ListBasedDiagnosticConsumer();
                // what referred into the old part must be found; so must every unresolved link, now and then,
                // or the resource's list of lazy links would keep growing
                boolean everyObject = before.holdsTargets() || lazyLinksKept > MAX_KEPT_LAZY_LINKS;
                int made = linker.linkReplaced(root, replaced, everyObject, consumer);
                lazyLinksKept = everyObject ? made : lazyLinksKept + made;
                linkedInPart = true;
                if (!isValidationDisabled()) {
                    getErrors().addAll(consumer.getResult(Severity.ERROR));
                    getWarnings().addAll(consumer.getResult(Severity.WARNING));
                }
                if (isEagerLinking()) {
                    EcoreUtil.resolveAll(this);
                }
                linkedParse = parse;
                return;
            }
        }
        super.doLinking();
        lazyLinksKept = 0;
        linkedParse = parse;
        namesVersion = version;
        exportedNames = null;
    }

    @Override
    protected void unload(EObject oldRoot) {
        super.unload(oldRoot);
        forgetHints();
    }

    private void forgetHints() {
        Arrays.fill(hintLists, null);
    }

    /** EMF's path fragment of an object below a root of this resource; null where EMF's own rules apply. */
    private String containmentPath(EObject object) {
        if (object.eIsProxy() || object.eClass().getEIDAttribute() != null) {
            return null;
        }
        InternalEObject[] chain = new InternalEObject[MAX_DEPTH + 1];
        int depth = 0;
        InternalEObject current = (InternalEObject) object;
        while (current.eInternalContainer() != null) {
            if (depth == MAX_DEPTH) {
                return null;
            }
            chain[depth++] = current;
            current = current.eInternalContainer();
            if (current.eInternalContainer() != null && current.eDirectResource() != null) {
                return null; // contained across resources: EMF stops at the first container in this one
            }
        }
        if (depth == 0 || !(current.eDirectResource() == this
                || unloadingContents != null && unloadingContents.contains(current))) {
            return null; // a root, or an object outside this resource: EMF's rules
        }
        StringBuilder path = new StringBuilder(16 + 24 * depth).append('/').append(getURIFragmentRootSegment(current));
        for (int level = 0, i = depth - 1; i >= 0; level++, i--) {
            InternalEObject child = chain[i];
            EStructuralFeature feature = child.eContainingFeature();
            if (!(feature instanceof EReference reference) || !reference.getEKeys().isEmpty()) {
                return null;
            }
            path.append("/@").append(feature.getName());
            if (reference.isMany()) {
                List<?> list = (List<?>) child.eInternalContainer().eGet(feature, false);
                int index = indexOf(level, list, child);
                if (index < 0) {
                    return null;
                }
                path.append('.').append(index);
            }
        }
        return path.toString();
    }

    private int indexOf(int level, List<?> list, Object child) {
        if (hintLists[level] == list) {
            int next = hintIndices[level] + 1;
            if (next < list.size() && list.get(next) == child) {
                hintIndices[level] = next;
                return next;
            }
            int same = hintIndices[level];
            if (same >= 0 && same < list.size() && list.get(same) == child) {
                return same;
            }
        }
        int index = list.indexOf(child);
        hintLists[level] = list;
        hintIndices[level] = index;
        return index;
    }

    /**
     * Makes this loaded resource the parse of {@code newText} by re-parsing only the part that changed: the
     * text between the longest common prefix and suffix of the old and new text is handed to Xtext's partial
     * parser, which re-parses the smallest rule around it (one layer, for an edit inside a layer) and puts the
     * new objects in place of the old ones, turning the old ones into proxies as unloading would (Xtext's own
     * editor does the same on every keystroke). It falls back to parsing the whole text itself where the
     * change does not fit one rule. False, with nothing changed, where the resource is not loaded or either
     * text is beyond the bound on checked files (the bounded parser must see those whole); true with the
     * resource holding {@code newText}, checked, else the exception says why.
     */
    public boolean replaceText(String newText) {
        IParseResult old = getParseResult();
        if (!isLoaded() || old == null || old.getRootNode() == null
                || newText.length() > BoundedResourceValidator.MAX_CHECKED_CHARS) {
            return false;
        }
        String oldText = old.getRootNode().getText();
        if (oldText.length() > BoundedResourceValidator.MAX_CHECKED_CHARS) {
            return false;
        }
        TextReplacement change = TextReplacement.between(oldText, newText);
        if (change == null) {
            return true;
        }
        update(change.offset(), change.length(), change.text());
        IParseResult now = getParseResult();
        if (now == null || now.getRootNode() == null || !newText.equals(now.getRootNode().getText())) {
            throw new IllegalStateException("re-parsing the edit at offset " + change.offset() + " of " + getURI()
                    + " left a text of " + (now == null || now.getRootNode() == null ? "no"
                            : now.getRootNode().getText().length()) + " characters, not the document's "
                    + newText.length());
        }
        return true;
    }

    /**
     * An edit in place keeps the root object, so EMF says nothing about the resource itself; what was
     * read from its contents (the import graph) must hear that they changed.
     */
    @Override
    public void update(int offset, int replacedTextLength, String newText) {
        updating = true;
        boolean completed = false;
        try {
            super.update(offset, replacedTextLength, newText);
            if (eNotificationRequired()) {
                eNotify(new NotificationImpl(Notification.SET, null, null) {
                    @Override
                    public Object getNotifier() {
                        return CimResource.this;
                    }

                    @Override
                    public int getFeatureID(Class<?> expectedClass) {
                        return RESOURCE__CONTENTS;
                    }
                });
            }
            completed = true;
        } finally {
            updating = false;
            if (!completed) {
                // the model may be half replaced, and the edit's changes used up the listener
                version++;
                namesVersion = version;
                exportedNames = null;
            }
        }
        if (exportedNames() != null) {
            listenForChanges(); // the edit's own changes used up the listener
        }
    }

    /** For the tests: whether the last linking was of the edited part only. */
    boolean linkedInPart() {
        return linkedInPart;
    }

    /** EMF's own computation, for the tests that compare the two. */
    String emfFragment(EObject object) {
        return super.getURIFragment(object);
    }
}
