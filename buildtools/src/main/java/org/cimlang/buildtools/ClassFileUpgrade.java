package org.cimlang.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the class files of a jar that are older than Java 6 (version 49: EMF, picocli and the Xtext classes
 * built on them) as Java 8 class files with recomputed stack map frames. The JVM's class-data sharing skips every
 * class below version 50 and every class that implements or extends one, which is all of EMF and every model,
 * grammar and validator class of the language: 1,538 of the 5,000 classes a {@code cim check} loads were read and
 * verified from the jar on every start. Upgraded, they come from the archive like the rest.
 *
 * <p>A class whose frames cannot be computed (it refers to a class the jar does not hold) is kept as it is; the
 * jar is replaced atomically, so a failed run leaves the original.
 *
 * <p>Usage: {@code java -cp buildtools.jar:asm.jar org.cimlang.buildtools.ClassFileUpgrade JAR}.
 */
public final class ClassFileUpgrade {
    /** The first class file version class-data sharing archives. */
    static final int SHAREABLE_MAJOR = 50;

    /** What a run did. */
    public record Result(int upgraded, int kept) {
    }

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassFileUpgrade JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Result r = upgrade(jar);
        System.out.println("class file upgrade of " + jar.getFileName() + ": " + r.upgraded()
                + " classes below Java 6 rewritten as Java 8, " + r.kept() + " kept (frames not computable)");
    }

    /** Rewrites {@code jar} in place. */
    public static Result upgrade(Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        int upgraded = 0;
        int kept = 0;
        try (URLClassLoader types = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
                ZipFile in = new ZipFile(jar.toFile());
                OutputStream file = Files.newOutputStream(tmp);
                ZipOutputStream out = new ZipOutputStream(file)) {
            // entries in their order: the manifest stays first, as JarInputStream expects
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream s = in.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                if (e.getName().endsWith(".class") && major(bytes) > 0 && major(bytes) < SHAREABLE_MAJOR) {
                    byte[] rewritten = rewrite(bytes, types);
                    if (rewritten != null) {
                        bytes = rewritten;
                        upgraded++;
                    } else {
                        kept++;
                    }
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(tmp);
            throw ex;
        }
        // the temporary file is private to its owner; the jar keeps the permissions it had
        if (Files.getFileStore(jar).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(upgraded, kept);
    }

    /** The class file's major version, or 0 when the bytes are not a class file. */
    static int major(byte[] b) {
        if (b.length < 8 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe || (b[2] & 0xff) != 0xba
                || (b[3] & 0xff) != 0xbe) {
            return 0;
        }
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    /** The class as Java 8 with frames computed against the jar's own types, or null when they cannot be. */
    static byte[] rewrite(byte[] bytes, ClassLoader types) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return types;
            }
        };
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, w) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                }
            }, ClassReader.SKIP_FRAMES);
            return w.toByteArray();
        } catch (TypeNotPresentException e) {
            return null; // a type the jar does not hold: the class could not be verified against it either
        }
    }
}
