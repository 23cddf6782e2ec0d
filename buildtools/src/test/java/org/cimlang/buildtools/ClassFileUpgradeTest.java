package org.cimlang.buildtools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassFileUpgradeTest {

    /** A Java 5 class {@code demo.Old} with {@code static int max(int a, int b)}: a branch, so frames are needed. */
    static byte[] java5Class() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC, "demo/Old", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "max", "(II)I", null, null);
        m.visitCode();
        Label second = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitJumpInsn(Opcodes.IF_ICMPLT, second);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(second);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    @Test
    void aJava5ClassBecomesAJava8ClassThatVerifiesAndRunsAndOtherEntriesStayAsTheyWere(@TempDir Path dir)
            throws Exception {
        Path jar = dir.resolve("app.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        byte[] text = "not a class".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f, mf)) {
            out.putNextEntry(new JarEntry("demo/Old.class"));
            out.write(java5Class());
            out.closeEntry();
            out.putNextEntry(new JarEntry("demo/notes.txt"));
            out.write(text);
            out.closeEntry();
        }
        assertEquals(49, ClassFileUpgrade.major(java5Class()));
        var permissions = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(jar, permissions);
        ClassFileUpgrade.Result r = ClassFileUpgrade.upgrade(jar);
        assertEquals(permissions, Files.getPosixFilePermissions(jar));
        assertEquals(new ClassFileUpgrade.Result(1, 0), r);
        try (ZipFile z = new ZipFile(jar.toFile())) {
            assertEquals("META-INF/MANIFEST.MF", z.entries().nextElement().getName());
            assertEquals(52, ClassFileUpgrade.major(z.getInputStream(z.getEntry("demo/Old.class")).readAllBytes()));
            assertArrayEquals(text, z.getInputStream(z.getEntry("demo/notes.txt")).readAllBytes());
        }
        // loading verifies the new class file with the type-checking verifier (its frames)
        try (URLClassLoader l = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            Method max = l.loadClass("demo.Old").getMethod("max", int.class, int.class);
            assertEquals(7, max.invoke(null, 7, 3));
            assertEquals(9, max.invoke(null, 2, 9));
        }
        // a second run has nothing left to do
        assertEquals(new ClassFileUpgrade.Result(0, 0), ClassFileUpgrade.upgrade(jar));
    }

    @Test
    void aClassReferringToATypeTheJarLacksIsKeptAsItIs() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC, "demo/Needs", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(ZLdemo/A;Ldemo/B;)Ljava/lang/Object;",
                null, null);
        m.visitCode();
        Label other = new Label();
        Label done = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, other);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitJumpInsn(Opcodes.GOTO, done);
        m.visitLabel(other);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitLabel(done);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        // merging demo.A and demo.B needs their classes, which no loader has
        assertEquals(null, ClassFileUpgrade.rewrite(w.toByteArray(), ClassLoader.getPlatformClassLoader()));
    }
}
