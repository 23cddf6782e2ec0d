package org.cimlang.semantic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cimlang.cim.WeightsDecl;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.NpzReader;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.io.Tensor;
import org.eclipse.emf.common.util.URI;

import com.google.inject.Singleton;

/**
 * The live check of a network's {@code weights "FILE.npz"} line: the file is read with the npz
 * reader and checked with the parameter check that the simulator uses too, so the editor reports
 * exactly what {@code cim run} would refuse. A file is read once per version (path, size,
 * modification time): typing elsewhere in the .cim file costs a stat, not a read.
 */
@Singleton
public class WeightsFileCheck {
    private static final int MEMO_SIZE = 16;
    /** The decoded tensors kept across edits, at most: the newest file is kept whatever its size. */
    static final long MEMO_BYTES = 256L << 20;
    /** {@link Result#unreadable()} of a path that names a folder. */
    public static final String DIRECTORY = "is a directory, not a weights file";

    /** What the check found: the file is absent, unreadable, or these problems (empty = fine). */
    public record Result(Path file, boolean missing, String unreadable, List<String> problems, String outside) {
        Result(Path file, boolean missing, String unreadable, List<String> problems) {
            this(file, missing, unreadable, problems, null);
        }
    }

    private record Version(Path file, long size, FileTime modified) {
    }

    private final long memoBytes;

    public WeightsFileCheck() {
        this(MEMO_BYTES);
    }

    /** With another bound on the decoded tensors kept (tests). */
    WeightsFileCheck(long memoBytes) {
        this.memoBytes = memoBytes;
    }

    private final Map<Version, Object> tensors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, Object> eldest) {
            // by count, and by bytes: sixteen networks' weights of 190 MB each would fill any heap
            while (size() > 1 && (size() > MEMO_SIZE || bytes(values()) > memoBytes)) {
                java.util.Iterator<Object> oldest = values().iterator();
                oldest.next();
                oldest.remove();
            }
            return false;
        }
    };

    /** The weights file of {@code decl}, resolved against the folder of the file declaring it. */
    public static Optional<Path> fileOf(WeightsDecl decl) {
        URI uri = decl.eResource() == null ? null : decl.eResource().getURI();
        if (uri == null || !uri.isFile() || decl.getPath() == null) {
            return Optional.empty();
        }
        Path dir = Path.of(uri.toFileString()).toAbsolutePath().getParent();
        return Optional.of(dir.resolve(decl.getPath()).normalize());
    }

    public Optional<Result> check(WeightsDecl decl, AnalyzedNetwork network) {
        Optional<Path> file = fileOf(decl);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path f = file.get();
        // checked before the file is touched: a pasted design must not make the editor read /etc/shadow
        Optional<String> outside = PathsInWorkspace.outside(decl, "weights file", decl.getPath());
        if (outside.isPresent()) {
            return Optional.of(new Result(f, false, null, List.of(), outside.get()));
        }
        if (Files.isDirectory(f)) {
            return Optional.of(new Result(f, false, DIRECTORY, List.of()));
        }
        if (!Files.isRegularFile(f)) {
            return Optional.of(new Result(f, true, null, List.of()));
        }
        Object read = read(f);
        if (read instanceof String error) {
            return Optional.of(new Result(f, false, error, List.of()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Tensor> params = (Map<String, Tensor>) read;
        return Optional.of(new Result(f, false, null, ParameterCheck.check(network, params)));
    }

    /**
     * Drops the files read. For {@code cim daemon}: a memo of up to 16 weights files of any size is right for an
     * editor working on a few, but a daemon serving checks of many networks would keep them all.
     */
    public void forget() {
        synchronized (tensors) {
            tensors.clear();
        }
    }

    /** How many files' tensors are kept. */
    public int remembered() {
        synchronized (tensors) {
            return tensors.size();
        }
    }

    @SuppressWarnings("unchecked")
    private static long bytes(java.util.Collection<Object> values) {
        long sum = 0;
        for (Object v : values) {
            if (v instanceof Map<?, ?> m) {
                for (Tensor t : ((Map<String, Tensor>) m).values()) {
                    sum += 4L * t.data().length;
                }
            }
        }
        return sum;
    }

    /** The file's tensors, or the reader's error message. */
    Object read(Path f) {
        Version v;
        try {
            v = new Version(f, Files.size(f), Files.getLastModifiedTime(f));
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        synchronized (tensors) {
            Object hit = tensors.get(v);
            if (hit != null) {
                return hit;
            }
        }
        Object value;
        try {
            value = NpzReader.read(f);
        } catch (IOException | RuntimeException e) {
            value = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        synchronized (tensors) {
            tensors.put(v, value);
        }
        return value;
    }
}
