package org.cimlang.ide.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.cimlang.ide.inlay.CimInlayHintService;
import org.cimlang.ide.links.CimDocumentLinks;
import org.cimlang.ide.tokens.CimSemanticTokens;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.xtext.ide.server.ProjectManager;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.service.OperationCanceledManager;
import java.util.function.Function;
import com.google.inject.Inject;
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
 * Xtext's language server, every request of which is total (see {@link TotalRequests}: a failure
 * answers the empty result and logs the trace to stderr; a document the server does not serve, such
 * as an unknown URI or a file outside the workspace that is not open, answers empty without being
 * read), plus {@code textDocument/inlayHint}, which Xtext does not implement (the
 * hints themselves come from the language's {@link CimInlayHintService}), {@code textDocument/documentLink}
 * ({@link CimDocumentLinks}), semantic tokens of cimlang's own ({@link CimSemanticTokens}, with its
 * legend), and files opened without or outside a workspace folder.
 */
public class CimLanguageServer extends LanguageServerImpl {
    private static final Logger LOG = Logger.getLogger(CimLanguageServer.class);

    /** With {@code -Dcim.lsp.timing=true}: how long {@code initialize} (which builds the workspace) takes, on stderr. */
    private static final boolean TIMING = Boolean.getBoolean("cim.lsp.timing");

    private TotalRequests total;

    @Inject
    void setCancellation(OperationCanceledManager cancellation) {
        this.total = new TotalRequests(cancellation);
    }

    /** See {@link TotalRequests#caughtFailures()}. */
    public Map<String, Long> caughtFailures() {
        return total.caughtFailures();
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        long start = System.nanoTime();
        CompletableFuture<InitializeResult> result = super.initialize(params);
        if (TIMING) {
            result.thenRun(() -> System.err.println("cim-lsp: timing: initialize (first workspace build) took "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (" + java.time.Instant.now() + ")"));
        }
        return result;
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities capabilities = super.createServerCapabilities(params);
        capabilities.setInlayHintProvider(true);
        capabilities.setDocumentLinkProvider(new DocumentLinkOptions(false));
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(CimSemanticTokens.legend());
        tokens.setFull(true);
        tokens.setRange(false);
        capabilities.setSemanticTokensProvider(tokens);
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
        return read("inlayHint", params.getTextDocument(), List.of(), ci -> inlayHint(params, ci));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return read("hover", params.getTextDocument(), IHoverService.EMPTY_HOVER, ci -> hover(params, ci));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return read("completion", params.getTextDocument(), Either.forRight(new CompletionList(false, List.of())),
                ci -> completion(ci, params));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return read("definition", params.getTextDocument(), Either.forLeft(List.of()), ci -> definition(params, ci));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return read("references", params.getTextDocument(), List.of(), ci -> references(params, ci));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return read("documentSymbol", params.getTextDocument(), List.of(), ci -> documentSymbols(params, ci));
    }

    /** What Xtext's own handler answers (its symbol service picks the form the client takes). */
    private List<Either<SymbolInformation, DocumentSymbol>> documentSymbols(DocumentSymbolParams params,
            CancelIndicator ci) {
        List<Either<SymbolInformation, DocumentSymbol>> out = new java.util.ArrayList<>();
        for (DocumentSymbol symbol : documentSymbol(params, ci)) {
            out.add(Either.forRight(symbol));
        }
        return out;
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return read("documentHighlight", params.getTextDocument(), List.of(), ci -> documentHighlight(params, ci));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return read("signatureHelp", params.getTextDocument(), new SignatureHelp(), ci -> signatureHelp(params, ci));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return read("codeAction", params.getTextDocument(), List.of(), ci -> codeAction(params, ci));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return read("formatting", params.getTextDocument(), List.of(), ci -> formatting(params, ci));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        return read("rangeFormatting", params.getTextDocument(), List.of(), ci -> rangeFormatting(params, ci));
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return read("foldingRange", params.getTextDocument(), List.of(), ci -> foldingRange(params, ci));
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return read("semanticTokens", params.getTextDocument(), new SemanticTokens(List.of()),
                ci -> semanticTokens(params, ci));
    }

    /** cimlang's tokens, in place of Xtext's {@code SemanticTokensService} (see {@link CimSemanticTokens} for why). */
    protected SemanticTokens semanticTokens(SemanticTokensParams params, CancelIndicator cancelIndicator) {
        URI uri = getURI(params.getTextDocument());
        CimSemanticTokens service = getService(uri, CimSemanticTokens.class);
        if (service == null) {
            return new SemanticTokens(List.of());
        }
        return getWorkspaceManager().doRead(uri,
                (document, resource) -> service.semanticTokens(document, resource, cancelIndicator));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return read("codeLens", params.getTextDocument(), List.of(), ci -> codeLens(params, ci));
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
        return read("documentLink", params.getTextDocument(), List.of(), ci -> documentLinks(params));
    }

    protected List<DocumentLink> documentLinks(DocumentLinkParams params) {
        URI uri = getURI(params.getTextDocument());
        CimDocumentLinks service = getService(uri, CimDocumentLinks.class);
        if (service == null) {
            return List.of();
        }
        return getWorkspaceManager().doRead(uri, (document, resource) -> service.documentLinks(document, resource));
    }

    /** Workspace symbols, total like every document request: a failure answers no symbols and is logged. */
    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>> none = Either.forRight(List.of());
        return getRequestManager().runRead(ci -> total.orEmpty("workspaceSymbol", params.getQuery(),
                () -> Either.<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>forRight(symbol(params, ci)),
                none));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return read("rename", params.getTextDocument(), new WorkspaceEdit(), ci -> rename(params, ci));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return read("prepareRename", params.getTextDocument(), null, ci -> prepareRename(params, ci));
    }

    /**
     * Runs a request on a document as a read request, total: a document the server does not serve
     * answers {@code empty} without being read, a failure answers {@code empty} and is logged.
     */
    private <T> CompletableFuture<T> read(String request, TextDocumentIdentifier document, T empty,
            Function<CancelIndicator, T> work) {
        return getRequestManager().runRead(ci -> total.orEmpty(request, document == null ? null : document.getUri(),
                () -> serves(document) && !tooBig(document) ? work.apply(ci) : empty, empty));
    }

    /**
     * A document beyond the checked size is not parsed (BoundedCimParser): its model is blank, so hover,
     * completion or formatting on it would answer from nothing, or (formatting) rewrite what it never read.
     */
    private boolean tooBig(TextDocumentIdentifier document) {
        URI uri = getURI(document);
        WorkspaceManager workspace = getWorkspaceManager();
        if (!workspace.isDocumentOpen(uri)) {
            return uri.isFile() && new File(uri.toFileString()).length()
                    > org.cimlang.validation.BoundedResourceValidator.MAX_CHECKED_CHARS;
        }
        Integer length = workspace.doRead(uri, (doc, resource) -> doc.getContents().length());
        return length != null && length > org.cimlang.validation.BoundedResourceValidator.MAX_CHECKED_CHARS;
    }

    private boolean serves(TextDocumentIdentifier document) {
        if (document == null || document.getUri() == null) {
            return false;
        }
        return serves(getURI(document));
    }

    /**
     * Whether requests on {@code uri} are answered: an open document, or a .cim file on disk inside a
     * workspace folder. Anything else (an unknown URI, a file outside the workspace that the editor
     * has not opened) is not read at all.
     */
    public boolean serves(URI uri) {
        WorkspaceManager workspace = getWorkspaceManager();
        if (workspace.isDocumentOpen(uri)) {
            return true;
        }
        if (!uri.isFile() || !"cim".equals(uri.fileExtension()) || !new File(uri.toFileString()).isFile()) {
            return false;
        }
        ProjectManager project = workspace.getProjectManager(uri);
        if (project == null || project.getBaseDir() == null) {
            return false;
        }
        return isUnder(uri, project.getBaseDir());
    }

    private static boolean isUnder(URI file, URI folder) {
        java.nio.file.Path f = java.nio.file.Path.of(file.toFileString()).toAbsolutePath().normalize();
        java.nio.file.Path d = java.nio.file.Path.of(folder.toFileString()).toAbsolutePath().normalize();
        return f.startsWith(d);
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

    /** For the tests: the index's description of a file, null where it has none. */
    org.eclipse.xtext.resource.IResourceDescription indexed(URI uri) {
        return getWorkspaceManager().getIndex().getResourceDescription(uri);
    }
}
