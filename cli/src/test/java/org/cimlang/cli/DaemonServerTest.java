package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Injector;

/** The daemon in this JVM, on a socket in a temporary folder, talked to by the real client code. */
class DaemonServerTest {
    private static final Path EXAMPLES = CompileGoldenTest.EXAMPLES.toAbsolutePath().normalize();
    private static Injector injector;

    @TempDir
    Path tmp;

    private DaemonServer server;
    private CompletableFuture<String> serving;

    @BeforeAll
    static void createInjector() {
        injector = Workspace.createInjector();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop("test over");
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    /** A daemon whose "jar" is a file in the temporary folder, so a test can rebuild it. */
    private DaemonAddress start(Duration idle) throws Exception {
        Path jar = tmp.resolve("cim.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "version 1");
        }
        DaemonAddress address = DaemonAddress.of(jar, tmp.resolve("sockets"));
        server = new DaemonServer(address, () -> DaemonServer.identityOrGone(jar), () -> injector, idle,
                Duration.ofMillis(500));
        DaemonServer s = server;
        serving = CompletableFuture.supplyAsync(() -> {
            try {
                return s.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int i = 0; i < 200 && !DaemonClient.answers(address); i++) {
            Thread.sleep(25);
        }
        assertTrue(DaemonClient.answers(address), "the daemon listens");
        return address;
    }

    private record Answer(OptionalInt exit, String out, String err) {
    }

    private static Answer send(DaemonAddress address, Path cwd, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DaemonProtocol.Request r = new DaemonProtocol.Request(address.identity(), cwd.toString(), "UTF-8", env, 0, 0,
                List.of(args));
        OptionalInt exit = DaemonClient.send(address, r, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Answer(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCheckThroughTheDaemonPrintsWhatTheCommandPrintsInItsOwnProcess() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        for (String file : List.of("mlp/mlp.cim", "resnet18/resnet18.cim", "chips/isaac.cim")) {
            Path abs = EXAMPLES.resolve(file);
            CliRun direct = CliRun.of("check", abs.toString());
            Answer served = send(address, tmp, Map.of(), "check", abs.toString());
            assertEquals(OptionalInt.of(direct.exitCode()), served.exit(), file);
            assertEquals(direct.out(), served.out(), file);
            assertEquals(direct.err(), served.err(), file);
        }
    }

    @Test
    void relativePathsAreTheClientsNotTheDaemons() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Answer check = send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim");
        assertEquals(OptionalInt.of(ExitCodes.OK), check.exit(), check.err());
        assertTrue(check.out().startsWith("mlp/mlp.cim:"), check.out());

        Path work = Files.createDirectories(tmp.resolve("work"));
        Answer compile = send(address, work, Map.of(), "compile", EXAMPLES.resolve("mlp/mlp.cim").toString(), "-o",
                "programs", "--html", "r.html");
        assertEquals(OptionalInt.of(ExitCodes.OK), compile.exit(), compile.err());
        assertTrue(Files.isRegularFile(work.resolve("programs/MlpOnPimcomp.program.json")), compile.err());
        assertTrue(Files.isRegularFile(work.resolve("r.html")), compile.err());
        assertTrue(compile.err().contains("wrote programs/MlpOnPimcomp.program.json, r.html"), compile.err());

        Answer missing = send(address, work, Map.of(), "check", "nothere.cim");
        assertFalse(Files.exists(Path.of("nothere.cim")));
        assertEquals(OptionalInt.of(ExitCodes.CANNOT_RUN), missing.exit());
        assertEquals("cim: nothere.cim: no such file or folder\n", missing.err());
    }

    @Test
    void errorsInTheInputGiveExitOneAndTheDiagnosticsOnStdout() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Path bad = tmp.resolve("bad.cim");
        Files.writeString(bad, "chip C { arrays 0 of 128 x 128 }\n");
        CliRun direct = CliRun.of("check", bad.toString());
        Answer served = send(address, tmp, Map.of(), "check", "bad.cim");
        assertEquals(OptionalInt.of(ExitCodes.ERRORS), served.exit());
        assertEquals(direct.out(), served.out().replace("bad.cim:", bad + ":"));
    }

    @Test
    void theTimingLineCoversTheClientAndTheDaemon() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        DaemonProtocol.Request r = new DaemonProtocol.Request(address.identity(), EXAMPLES.toString(), "UTF-8",
                Map.of(PhaseTimings.VARIABLE, "1"), 40, 55, List.of("check", "mlp/mlp.cim"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DaemonClient.send(address, r, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("cim: timing: JVM start to main 40 ms, the client's request to the daemon 15 ms, "),
                line);
        assertTrue(line.contains("parsing ") && line.contains("validation "), line);
    }

    @Test
    void commandsItDoesNotServeAndOtherBuildsAreLeftToTheClient() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        assertEquals(OptionalInt.empty(), send(address, tmp, Map.of(), "run", "x.cim").exit());
        DaemonAddress otherBuild = new DaemonAddress(address.directory(), address.socket(), address.log(), "other|1|2");
        DaemonProtocol.Request r = new DaemonProtocol.Request(otherBuild.identity(), tmp.toString(), "UTF-8", Map.of(),
                0, 0, List.of("check", "x.cim"));
        assertEquals(OptionalInt.empty(), DaemonClient.send(otherBuild, r, System.out, System.err));
    }

    @Test
    void aClientThatHangsUpOrSendsGarbageDoesNotStopTheDaemon() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(address.socket()));
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(c));
            DaemonProtocol.writeHeader(o, DaemonProtocol.RUN, address.identity());
            o.writeInt(Integer.MAX_VALUE); // a working directory of 2 GB
            o.flush();
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(address.socket()));
            DaemonProtocol.writeRun(new DataOutputStream(Channels.newOutputStream(c)), new DaemonProtocol.Request(
                    address.identity(), EXAMPLES.toString(), "UTF-8", Map.of(), 0, 0, List.of("check", "mlp/mlp.cim")));
            // closed before reading the answer, as Ctrl-C would
        }
        Answer after = send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim");
        assertEquals(OptionalInt.of(ExitCodes.OK), after.exit(), after.err());
    }

    @Test
    void aClientThatConnectsAndSaysNothingIsHungUpOnAndTheDaemonStillGoesIdle() throws Exception {
        DaemonAddress address = start(Duration.ofMillis(1_500));
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(address.socket()));
            long t0 = System.nanoTime();
            int read = silent.read(java.nio.ByteBuffer.allocate(1)); // blocks until the daemon closes its end
            assertEquals(-1, read);
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "closed after the 0.5 s deadline");
            assertTrue(DaemonClient.answers(address), "the daemon serves on");
        }
        String why = serving.get(15, TimeUnit.SECONDS);
        server = null;
        assertTrue(why.startsWith("no request for"), why);
    }

    @Test
    void aRebuiltJarStopsTheDaemonAndRemovesItsSocket() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Path jar = tmp.resolve("cim.jar");
        Files.writeString(jar, "version 2, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String why = serving.get(10, TimeUnit.SECONDS);
        server = null;
        assertTrue(why.contains("rebuilt"), why);
        assertFalse(Files.exists(address.socket()));
    }

    @Test
    void anIdleDaemonStops() throws Exception {
        start(Duration.ofMillis(200));
        String why = serving.get(10, TimeUnit.SECONDS);
        server = null;
        assertTrue(why.startsWith("no request for"), why);
    }

    @Test
    void stopAnswersAndStops() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        assertTrue(DaemonClient.ask(address, DaemonProtocol.STOP).orElseThrow().startsWith("stopping daemon pid "));
        assertEquals("asked to (cim daemon stop)", serving.get(10, TimeUnit.SECONDS));
        server = null;
        assertFalse(DaemonClient.answers(address));
    }

    @Test
    void aSecondDaemonOfTheSameJarRefusesAndACrashedOnesSocketIsTakenOver() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        DaemonServer second = new DaemonServer(address, address::identity, () -> injector, Duration.ofMinutes(1));
        IOException e = assertThrows(IOException.class, second::serve);
        assertTrue(e.getMessage().startsWith("a daemon already listens on "), e.getMessage());
        assertTrue(DaemonClient.answers(address), "the first one still serves");

        server.stop("test");
        serving.get(10, TimeUnit.SECONDS);
        server = null;
        Files.writeString(address.socket(), "left by a killed daemon");
        start(Duration.ofMinutes(5));
    }

    @Test
    void aSocketFolderOthersMayEnterIsRefusedWithTheFix() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tmp.resolve("cim.jar"), "version 1");
        DaemonAddress address = DaemonAddress.of(tmp.resolve("cim.jar"), dir);
        IOException e = assertThrows(IOException.class, address::prepareDirectory);
        assertEquals(dir + " may be entered by other users; chmod 700 it", e.getMessage());

        DaemonAddress fresh = DaemonAddress.of(tmp.resolve("cim.jar"), tmp.resolve("new/sockets"));
        fresh.prepareDirectory();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.directory())));
    }

    @Test
    void aRebuildGivesANewSocketName() throws Exception {
        Path jar = tmp.resolve("cim.jar");
        Files.writeString(jar, "version 1");
        DaemonAddress before = DaemonAddress.of(jar, tmp);
        Files.writeString(jar, "version 2, longer");
        DaemonAddress after = DaemonAddress.of(jar, tmp);
        assertFalse(before.socket().equals(after.socket()));
        assertTrue(after.socket().toString().length() < 100, "within the 108 bytes of a Unix socket path");
    }
}
