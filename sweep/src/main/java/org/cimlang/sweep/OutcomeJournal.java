package org.cimlang.sweep;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record of every point evaluated so far, one JSON line per outcome, appended and flushed by the driver as each
 * outcome arrives. It is what lets a killed sweep resume: on opening, the complete lines are read back, and a last
 * line cut short by the kill is dropped (and cut off the file, so the next line starts clean). A complete line that
 * cannot be read is an error rather than a silent re-evaluation, since it means the file was edited or damaged.
 */
final class OutcomeJournal implements Closeable {
    static final String FILE_NAME = "journal.jsonl";

    private final Path file;
    private final OutcomeJson json = new OutcomeJson();
    private final TreeMap<Integer, OutcomeJson.Entry> entries;
    private final FileChannel channel;
    private final OutputStream out;

    private OutcomeJournal(Path file, TreeMap<Integer, OutcomeJson.Entry> entries, FileChannel channel) {
        this.file = file;
        this.entries = entries;
        this.channel = channel;
        this.out = Channels.newOutputStream(channel);
    }

    /** Opens (creating when missing) the journal in {@code dir}, reading what an earlier run recorded. */
    static OutcomeJournal open(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        TreeMap<Integer, OutcomeJson.Entry> entries = new TreeMap<>();
        long keep = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            OutcomeJson json = new OutcomeJson();
            int start = 0;
            int lineNumber = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                lineNumber++;
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (line.isBlank()) {
                    continue;
                }
                OutcomeJson.Entry entry;
                try {
                    entry = json.parse(line);
                } catch (IllegalArgumentException e) {
                    throw new SweepException(file + ":" + lineNumber + ": this line of the sweep's journal cannot be read ("
                            + e.getMessage() + "); delete the output directory to start the sweep afresh, or give -o"
                            + " another one", e);
                }
                OutcomeJson.Entry earlier = entries.put(entry.outcome().index(), entry);
                if (earlier != null && !earlier.equals(entry)) {
                    throw new SweepException(file + ":" + lineNumber + ": point " + entry.outcome().index()
                            + " is recorded twice with different outcomes; delete the output directory to start afresh");
                }
            }
            // bytes after the last newline: a line the kill cut short
            keep = start;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // two sweeps writing one journal would interleave their lines; the lock goes with the channel
            if (channel.tryLock() == null) {
                throw new SweepException("another cim sweep is writing " + dir + "; wait for it to finish, or give -o"
                        + " another directory");
            }
            channel.truncate(keep);
            channel.position(keep);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new OutcomeJournal(file, entries, channel);
    }

    Path file() {
        return file;
    }

    /** What has been recorded, by index. */
    Map<Integer, OutcomeJson.Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    boolean has(int index) {
        return entries.containsKey(index);
    }

    /** Records one outcome: written in a single write, so a kill leaves whole lines or a cut last one. */
    void append(long seed, PointOutcome outcome) throws IOException {
        appendAll(List.of(new OutcomeJson.Entry(seed, outcome)));
    }

    /**
     * Records the outcomes of one task together, in one write straight to the file (no buffer in this process to
     * lose on a kill; the operating system keeps what was written even if the JVM dies).
     */
    void appendAll(List<OutcomeJson.Entry> batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (OutcomeJson.Entry entry : batch) {
            lines.append(json.line(entry)).append('\n');
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (OutcomeJson.Entry entry : batch) {
            entries.put(entry.outcome().index(), entry);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
