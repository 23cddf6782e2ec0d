package org.cimlang.ide.server;

import java.io.FileNotFoundException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.log4j.Logger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.service.OperationCanceledManager;

/**
 * Makes request handlers total. LSP4J answers an exception that escapes a handler with "Internal
 * error" and the stack trace in {@code error.data}: the editor shows the user a trace. Here a failing
 * standard request answers its empty result and a custom request a {@link ResponseError} with a
 * sentence; the trace goes to the server's log (stderr). Cancellation passes through untouched, so
 * that {@code $/cancelRequest} still answers "cancelled".
 */
public final class TotalRequests {
    private static final Logger LOG = Logger.getLogger(TotalRequests.class);

    private final OperationCanceledManager cancellation;
    /**
     * Failures answered empty, per request: each is a bug the catch-all hid from the user, so the
     * fuzz test asserts there are none.
     */
    private final Map<String, LongAdder> caught = new ConcurrentHashMap<>();

    public TotalRequests(OperationCanceledManager cancellation) {
        this.cancellation = cancellation;
    }

    /** {@code work}'s result, or {@code empty} when it fails (logged). A deliberate ResponseError passes. */
    public <T> T orEmpty(String request, Object about, Supplier<T> work, T empty) {
        try {
            return work.get();
        } catch (ResponseErrorException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            if (isCancellation(e)) {
                throw e;
            }
            caught.computeIfAbsent(request, r -> new LongAdder()).increment();
            LOG.error(request + " on " + about + " failed; answering an empty result", e);
            return empty;
        }
    }

    /** How many failures each request answered with its empty result, by request name; requests without any are absent. */
    public Map<String, Long> caughtFailures() {
        Map<String, Long> out = new TreeMap<>();
        caught.forEach((request, count) -> out.put(request, count.sum()));
        return out;
    }

    /**
     * {@code source}'s value, or a clear ResponseError in place of any other failure; cancelling the
     * returned future cancels {@code source} (which is what stops the work).
     */
    public <T> CompletableFuture<T> withClearErrors(String request, String uri, CompletableFuture<T> source) {
        CompletableFuture<T> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                source.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        source.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            if (isCancellation(cause)) {
                out.cancel(false);
            } else {
                out.completeExceptionally(clearError(request, uri, cause));
            }
        });
        return out;
    }

    /** The ResponseError the editor shows for {@code failure} (a ResponseError as it is). */
    public ResponseErrorException clearError(String request, String uri, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ResponseErrorException e) {
            return e;
        }
        if (causedBy(cause, FileNotFoundException.class)) {
            return error(ResponseErrorCode.InvalidParams, uri + " is neither an open document nor a .cim file of the"
                    + " workspace: open it, or open its folder as the workspace");
        }
        LOG.error(request + " on " + uri + " failed", cause);
        return error(ResponseErrorCode.InternalError, request + " on " + uri + " failed: " + describe(cause)
                + " (the language server's log, on stderr, has the details)");
    }

    public static ResponseErrorException error(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    private boolean isCancellation(Throwable t) {
        return t instanceof CancellationException || cancellation.isOperationCanceledException(t);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description: the innermost message, without class names. */
    private static String describe(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        if (message == null) {
            return "an internal error";
        }
        // wrapped exceptions repeat their cause's class name ("java.io.IOException: ...")
        return message.lines().findFirst().orElse(message).replaceAll("\\b[\\w.$]+(Exception|Error): ", "");
    }
}
