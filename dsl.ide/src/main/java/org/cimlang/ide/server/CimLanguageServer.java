package org.cimlang.ide.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.cimlang.ide.inlay.CimInlayHintService;
import org.eclipse.emf.common.util.URI;
import org.apache.log4j.Logger;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersChangeEvent;
import org.eclipse.xtext.ide.server.BuildManager.Buildable;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Xtext's language server plus {@code textDocument/inlayHint}, which Xtext does not implement (the
 * hints themselves come from the language's {@link CimInlayHintService}), and files opened without
 * or outside a workspace folder.
 */
public class CimLanguageServer extends LanguageServerImpl {
    private static final Logger LOG = Logger.getLogger(CimLanguageServer.class);

    /** With {@code -Dcim.lsp.timing=true}: how long {@code initialize} (which builds the workspace) takes, on stderr. */
    private static final boolean TIMING = Boolean.getBoolean("cim.lsp.timing");

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        long start = System.nanoTime();
        CompletableFuture<InitializeResult> result = super.initialize(params);
        if (TIMING) {
            result.thenRun(() -> System.err.println("cim-lsp: timing: initialize (first workspace build) took "
                    + (System.nanoTime() - start) / 1_000_000 + " ms"));
        }
        return result;
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities capabilities = super.createServerCapabilities(params);
        capabilities.setInlayHintProvider(true);
        return capabilities;
    }

    /**
     * A client without a root folder (an editor started on one file) gets an empty workspace to begin
     * with instead of Xtext's NullPointerException; the folders of the files it opens are added then.
     */
    @Override
    protected URI getBaseDir(InitializeParams params) {
        URI dir = super.getBaseDir(params);
        if (dir != null) {
            return dir;
        }
        try {
            File empty = Files.createTempDirectory("cim-lsp-workspace").toFile();
            empty.deleteOnExit();
            return URI.createFileURI(empty.getAbsolutePath()).appendSegment("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an empty workspace folder for a client without a root: "
                    + e.getMessage(), e);
        }
    }

    /** A file opened outside the workspace brings its folder in, so that it is checked and its imports resolve. */
    @Override
    protected Buildable toBuildable(DidOpenTextDocumentParams params) {
        adoptFolderOf(getURI(params.getTextDocument()));
        return super.toBuildable(params);
    }

    private void adoptFolderOf(URI file) {
        WorkspaceManager workspace = getWorkspaceManager();
        if (!file.isFile() || workspace.getProjectManager(file) != null) {
            return;
        }
        URI folder = file.trimSegments(1).appendSegment("");
        File dir = new File(folder.toFileString());
        // every .cim file below a workspace folder is indexed: never the whole disk or home
        if (dir.getParentFile() == null || dir.equals(new File(System.getProperty("user.home")))) {
            LOG.warn(file.toFileString() + " lies outside the workspace, in " + dir
                    + ", which is too large to index: open its folder as the workspace to check it");
            return;
        }
        WorkspaceFolder added = new WorkspaceFolder(folder.toString(), dir.getName());
        workspace.didChangeWorkspaceFolders(new DidChangeWorkspaceFoldersParams(
                new WorkspaceFoldersChangeEvent(List.of(added), List.of())), CancelIndicator.NullImpl);
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return getRequestManager().runRead(cancelIndicator -> inlayHint(params, cancelIndicator));
    }

    /** Computes the hints of one document in a read request. */
    protected List<InlayHint> inlayHint(InlayHintParams params, CancelIndicator cancelIndicator) {
        URI uri = getURI(params.getTextDocument());
        CimInlayHintService service = getService(uri, CimInlayHintService.class);
        if (service == null) {
            return List.of();
        }
        return getWorkspaceManager().doRead(uri,
                (document, resource) -> service.inlayHints(document, resource, params.getRange(), cancelIndicator));
    }
}
