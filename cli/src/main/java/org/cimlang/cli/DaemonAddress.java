package org.cimlang.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the daemon of one build of {@code cim.jar} listens: a Unix socket named after the jar's path, size and
 * modification time, in a folder only the user may enter. A rebuilt jar gets a new socket, so a client never
 * talks to a daemon running older code; the old daemon sees its jar change and stops.
 *
 * @param identity the jar's real path, size and modification time: the client sends it and the daemon refuses a
 *                 request whose identity is not its own
 */
record DaemonAddress(Path directory, Path socket, Path log, Path lock, String identity) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** The address of the daemon of {@code jar}, in {@code directory}. */
    static DaemonAddress of(Path jar, Path directory) throws IOException {
        String identity = identity(jar);
        // no String.format or + here: every check and compile runs this, and their first use costs 20 ms of
        // regular-expression and method-handle classes (the string concatenation's bootstrap)
        String hex = Long.toHexString(fnv1a(identity));
        String name = new StringBuilder("cim-").append("0".repeat(16 - hex.length())).append(hex).toString();
        return new DaemonAddress(directory, directory.resolve(name.concat(".sock")), directory.resolve(name.concat(".log")),
                directory.resolve(name.concat(".lock")), identity);
    }

    /**
     * The address of the daemon of the jar this JVM runs from ({@code java -jar cim.jar}: the class path is that
     * one jar), in {@link #defaultDirectory}; empty when run from classes (tests, the IDE).
     */
    static Optional<DaemonAddress> ofThisJar(Map<String, String> env) {
        String cp = System.getProperty("java.class.path", "");
        if (!cp.endsWith(".jar") || cp.contains(java.io.File.pathSeparator)) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Path.of(cp), defaultDirectory(env)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code $XDG_RUNTIME_DIR/cimlang} (per user, cleared at logout), else {@code /tmp/cimlang-USER}. */
    static Path defaultDirectory(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "cimlang");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "cimlang-".concat(System.getProperty("user.name")));
    }

    /** The jar's real path, size and modification time: a rebuild changes at least the last two. */
    static String identity(Path jar) throws IOException {
        Path real = jar.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        return new StringBuilder(real.toString()).append('|').append(a.size()).append('|')
                .append(a.lastModifiedTime().toMillis()).toString();
    }

    /** Creates the folder owner-only, or checks that an existing one is: another user must not reach the socket. */
    void prepareDirectory() throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another cim created it at the same moment: checked below like any existing folder
            }
        }
        Optional<String> unsafe = unsafeBecause();
        if (unsafe.isPresent()) {
            throw new IOException(unsafe.get());
        }
    }

    /** Why the folder must not be used (not a folder, another owner, open to others), or empty when it is safe. */
    Optional<String> unsafeBecause() throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(directory + " is not a folder; remove it");
        }
        String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            return Optional.of(directory + " belongs to " + owner + "; remove it or set XDG_RUNTIME_DIR");
        }
        if (!Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            return Optional.of(directory + " may be entered by other users; chmod 700 it");
        }
        return Optional.empty();
    }

    /**
     * Whether a daemon of this build is alive (starting, serving or finishing its requests): it holds the lock
     * file while it lives. Asked from another process than the daemon's.
     */
    boolean lockHeld() throws IOException {
        if (!Files.exists(lock)) {
            return false;
        }
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock l = f.tryLock()) {
            return l == null;
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            return true;
        }
    }

    /** 64-bit FNV-1a: a short, stable socket name (the identity itself is checked on every request). */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
