package org.cimlang.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

import org.apache.log4j.Appender;
import org.apache.log4j.Logger;
import org.apache.log4j.WriterAppender;

/**
 * Sends what Xtext logs while the daemon runs one request to that request's stderr, where the client's own JVM
 * would have printed it (log4j.properties: the root logger's {@code stderr} appender). Log4j's configuration is
 * global: this swaps the appender for the request's length, which is safe because the daemon runs one request at
 * a time.
 */
final class RequestLog {
    private static final String APPENDER = "stderr";

    private RequestLog() {
    }

    static int to(PrintWriter err, IntSupplier work) {
        Logger root = Logger.getRootLogger();
        Appender console = root.getAppender(APPENDER);
        if (console == null) {
            return work.getAsInt();
        }
        WriterAppender request = new WriterAppender(console.getLayout(), err);
        request.setName(APPENDER);
        request.setImmediateFlush(true);
        root.removeAppender(console);
        root.addAppender(request);
        try {
            return work.getAsInt();
        } finally {
            root.removeAppender(request);
            root.addAppender(console);
        }
    }
}
