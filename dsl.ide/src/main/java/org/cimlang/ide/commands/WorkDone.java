package org.cimlang.ide.commands;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * LSP work-done progress of one request: with the token the client sent, or with one the server creates
 * when the client supports {@code window/workDoneProgress} and sent none; silent otherwise.
 */
final class WorkDone implements AutoCloseable {
    /** How long to wait for the client to accept a server-created token before going on without one. */
    private static final long CREATE_TIMEOUT_MS = 2000;

    private final LanguageClient client;
    private final Either<String, Integer> token;

    private WorkDone(LanguageClient client, Either<String, Integer> token) {
        this.client = client;
        this.token = token;
    }

    static WorkDone begin(LanguageClient client, InitializeParams init, Either<String, Integer> clientToken,
            String title) {
        Either<String, Integer> token = clientToken;
        if (token == null && client != null && supportsProgress(init)) {
            Either<String, Integer> created = Either.forLeft("cim-" + UUID.randomUUID());
            try {
                client.createProgress(new WorkDoneProgressCreateParams(created)).get(CREATE_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS);
                token = created;
            } catch (ExecutionException | TimeoutException e) {
                // the client declined or did not answer: the request goes on without progress
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        WorkDone w = new WorkDone(client, token);
        if (w.active()) {
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle(title);
            begin.setCancellable(true);
            begin.setPercentage(0);
            client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
        }
        return w;
    }

    private static boolean supportsProgress(InitializeParams init) {
        return init != null && init.getCapabilities() != null && init.getCapabilities().getWindow() != null
                && Boolean.TRUE.equals(init.getCapabilities().getWindow().getWorkDoneProgress());
    }

    private boolean active() {
        return client != null && token != null;
    }

    /** @param percentage 0..100, or negative when the step has no measure of its own */
    void report(String message, int percentage) {
        if (active()) {
            WorkDoneProgressReport r = new WorkDoneProgressReport();
            r.setMessage(message);
            if (percentage >= 0) {
                r.setPercentage(percentage);
            }
            r.setCancellable(true);
            client.notifyProgress(new ProgressParams(token, Either.forLeft(r)));
        }
    }

    @Override
    public void close() {
        if (active()) {
            client.notifyProgress(new ProgressParams(token, Either.forLeft(new WorkDoneProgressEnd())));
        }
    }
}
