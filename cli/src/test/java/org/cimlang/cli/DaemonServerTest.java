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
        for (int i = 0; i < 2_400 && !DaemonClient.answers(address) && !serving.isDone(); i++) {
            Thread.sleep(25); // it warms up first
        }
        assertTrue(DaemonClient.answers(address), "the daemon listens");
        return address;
    }

    /** Waits for the daemon to stop by itself (idle, rebuilt jar, stop request) and says why it did. */
    private String whyItStopped() throws Exception {
        String why = serving.get(15, TimeUnit.SECONDS);
        server = null;
        return why;
    }

    private record Answer(OptionalInt exit, String out, String err) {
    }

    private static Answer send(DaemonAddress address, Path cwd, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DaemonProtocol.Request r = new DaemonProtocol.Request(address.identity(), cwd.toString(),
                DaemonProtocol.encodings(), env, 0, 0, List.of(args));
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
        DaemonProtocol.Request r = new DaemonProtocol.Request(address.identity(), EXAMPLES.toString(),
                DaemonProtocol.encodings(), Map.of(PhaseTimings.VARIABLE, "1"), 40, 55, List.of("check", "mlp/mlp.cim"));
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
        DaemonAddress otherBuild = new DaemonAddress(address.directory(), address.socket(), address.log(),
                address.lock(), "other|1|2");
        DaemonProtocol.Request r = new DaemonProtocol.Request(otherBuild.identity(), tmp.toString(),
                DaemonProtocol.encodings(), Map.of(), 0, 0, List.of("check", "x.cim"));
        assertEquals(OptionalInt.empty(), DaemonClient.send(otherBuild, r, System.out, System.err));
        // picocli would read @args.txt in the daemon's working directory
        assertEquals(OptionalInt.empty(), send(address, tmp, Map.of(), "check", "@args.txt").exit());
        DaemonProtocol.Request ascii = new DaemonProtocol.Request(address.identity(), EXAMPLES.toString(),
                "ANSI_X3.4-1968|ANSI_X3.4-1968", Map.of(), 0, 0, List.of("check", "mlp/mlp.cim"));
        assertEquals(OptionalInt.empty(), DaemonClient.send(address, ascii, System.out, System.err),
                "a client reading files in another charset");
        assertTrue(DaemonClient.answers(address));
    }

    @Test
    void theClientDoesNotTalkToADaemonInAFolderOthersMayEnter() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Files.setPosixFilePermissions(address.directory(), PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            assertEquals(OptionalInt.empty(), send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim").exit());
            assertFalse(DaemonClient.answers(address));
        } finally {
            Files.setPosixFilePermissions(address.directory(), PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(OptionalInt.of(ExitCodes.OK), send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim").exit());
    }

    @Test
    void aDaemonThatDoesNotAcceptTheRequestIsLeftAfterTheTimeout() throws Exception {
        Files.writeString(tmp.resolve("cim.jar"), "version 1");
        DaemonAddress address = DaemonAddress.of(tmp.resolve("cim.jar"), tmp.resolve("sockets"));
        address.prepareDirectory();
        try (java.nio.channels.ServerSocketChannel wedged = java.nio.channels.ServerSocketChannel.open(
                StandardProtocolFamily.UNIX)) {
            wedged.bind(UnixDomainSocketAddress.of(address.socket())); // listens, never accepts
            assertTheClientGivesUpAfterFiveSeconds(address);
        } finally {
            Files.deleteIfExists(address.socket());
        }
    }

    private static void assertTheClientGivesUpAfterFiveSeconds(DaemonAddress address) {
        long t0 = System.nanoTime();
        Answer a = send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(OptionalInt.empty(), a.exit(), "the client runs the command itself");
        assertTrue(ms >= 4_500 && ms < 20_000, ms + " ms");
        assertTrue(a.err().startsWith("cim: the daemon did not answer within 5 s"), a.err());
        assertEquals("", a.out());
    }

    @Test
    void aDaemonWhoseBacklogIsFullIsLeftAfterTheTimeout() throws Exception {
        Files.writeString(tmp.resolve("cim.jar"), "version 1");
        DaemonAddress address = DaemonAddress.of(tmp.resolve("cim.jar"), tmp.resolve("sockets"));
        address.prepareDirectory();
        List<SocketChannel> filling = new java.util.ArrayList<>();
        try (java.nio.channels.ServerSocketChannel stopped = java.nio.channels.ServerSocketChannel.open(
                StandardProtocolFamily.UNIX)) {
            stopped.bind(UnixDomainSocketAddress.of(address.socket()), 1);
            for (int i = 0; i < 64; i++) { // as a SIGSTOPped daemon's queue of clients that gave up
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.configureBlocking(false);
                filling.add(c);
                try {
                    c.connect(UnixDomainSocketAddress.of(address.socket()));
                } catch (IOException full) {
                    break;
                }
            }
            assertTheClientGivesUpAfterFiveSeconds(address);
        } finally {
            for (SocketChannel c : filling) {
                c.close();
            }
            Files.deleteIfExists(address.socket());
        }
    }

    @Test
    void behindAClientThatDoesNotReadItsOutputACheckIsRefusedInTimeNotHung() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(address.socket()));
            // ResNet-18's program as JSON is megabytes: more than the socket buffers, so the daemon blocks writing
            DaemonProtocol.writeRun(new DataOutputStream(Channels.newOutputStream(slow)), new DaemonProtocol.Request(
                    address.identity(), tmp.toString(), DaemonProtocol.encodings(), Map.of(), 0, 0,
                    List.of("compile", EXAMPLES.resolve("resnet18/resnet18.cim").toString(), "--format", "json",
                            "-o", tmp.resolve("out").toString())));
            for (int i = 0; i < 5_000 && !server.busy(); i++) {
                Thread.sleep(1);
            }
            assertTrue(server.busy());
            long t0 = System.nanoTime();
            Answer queued = send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(OptionalInt.empty(), queued.exit(), "refused: the client runs it itself");
            assertTrue(ms < 10_000, ms + " ms");
        }
        // the slow client hung up: its compile's writes fail, and the daemon serves again
        for (int i = 0; i < 5_000 && server.busy(); i++) {
            Thread.sleep(1);
        }
        assertEquals(OptionalInt.of(ExitCodes.OK), send(address, EXAMPLES, Map.of(), "check", "mlp/mlp.cim").exit());
    }

    @Test
    void helpIsColouredWhenTheClientsOwnJvmWouldColourIt() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        for (boolean ansi : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DaemonProtocol.Request r = new DaemonProtocol.Request(address.identity(), tmp.toString(),
                    DaemonProtocol.encodings(), Map.of(), 0, 0, List.of("check", "--help"), ansi);
            assertEquals(OptionalInt.of(0), DaemonClient.send(address, r, new PrintStream(out, true), System.err));
            assertEquals(ansi, out.toString(StandardCharsets.UTF_8).contains("\u001B["), "ansi " + ansi);
        }
    }

    @Test
    void anEditBetweenTwoRequestsIsSeen() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Path f = tmp.resolve("edited.cim");
        String chip = "chip C {\n  technology sram\n  node 22 nm\n  tiles 1\n  arrays per tile 4\n"
                + "  array 128 x 128 { cell bits 1 }\n  adc bits 5 flash shared by 8 columns\n}\n";
        Files.writeString(f, chip);
        Answer before = send(address, tmp, Map.of(), "check", "edited.cim");
        assertEquals(OptionalInt.of(ExitCodes.OK), before.exit(), before.out());
        assertEquals("0 errors, 0 warnings\n", before.out());
        Files.writeString(f, chip.replace("tiles 1", "tiles 0"));
        Answer after = send(address, tmp, Map.of(), "check", "edited.cim");
        assertEquals(OptionalInt.of(ExitCodes.ERRORS), after.exit(), after.out());
        assertTrue(after.out().startsWith("edited.cim:4:9: error: tiles 0 is out of range"), after.out());
    }

    @Test
    void theSemanticMemosAreEmptiedAfterEachRequest() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Answer a = send(address, EXAMPLES, Map.of(), "check", "networks/mlp.cim", "mlp/mlp.cim");
        assertEquals(OptionalInt.of(ExitCodes.OK), a.exit(), a.out());
        assertEquals(0, injector.getInstance(org.cimlang.semantic.CimSemantics.class).memoised());
        assertEquals(0, injector.getInstance(org.cimlang.semantic.WeightsFileCheck.class).remembered());
    }

    @Test
    void xtextLogLinesOfARequestGoToItsStderr() {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = RequestLog.to(new java.io.PrintWriter(err, true), () -> {
            org.apache.log4j.Logger.getLogger(DaemonServerTest.class).warn("a warning while serving");
            return 7;
        });
        assertEquals(7, code);
        assertEquals("cim: WARN DaemonServerTest: a warning while serving\n", err.toString());
        org.apache.log4j.Logger.getLogger(DaemonServerTest.class).warn("after the request: on the console again");
        assertEquals("cim: WARN DaemonServerTest: a warning while serving\n", err.toString());
    }

    @Test
    void stopFinishesTheRequestItIsRunning() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        CliRun direct = CliRun.of("check", EXAMPLES.toString());
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(
                () -> send(address, tmp, Map.of(), "check", EXAMPLES.toString()));
        for (int i = 0; i < 2_000 && !server.busy(); i++) {
            Thread.sleep(1);
        }
        assertTrue(server.busy(), "the check runs");
        assertTrue(DaemonClient.ask(address, DaemonProtocol.STOP).isPresent());
        Answer a = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(OptionalInt.of(direct.exitCode()), a.exit());
        assertEquals(direct.out(), a.out());
        assertEquals("asked to (cim daemon stop)", whyItStopped());
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
                    address.identity(), EXAMPLES.toString(), DaemonProtocol.encodings(), Map.of(), 0, 0,
                    List.of("check", "mlp/mlp.cim")));
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
        String why = whyItStopped();
        assertTrue(why.startsWith("no request for"), why);
    }

    @Test
    void aRebuiltJarStopsTheDaemonAndRemovesItsSocket() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        Path jar = tmp.resolve("cim.jar");
        Files.writeString(jar, "version 2, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String why = whyItStopped();
        assertTrue(why.contains("rebuilt"), why);
        assertFalse(Files.exists(address.socket()));
    }

    @Test
    void anIdleDaemonStops() throws Exception {
        start(Duration.ofMillis(200));
        String why = whyItStopped();
        assertTrue(why.startsWith("no request for"), why);
    }

    @Test
    void stopAnswersAndStops() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        assertTrue(DaemonClient.ask(address, DaemonProtocol.STOP).orElseThrow().startsWith("stopping daemon pid "));
        assertEquals("asked to (cim daemon stop)", whyItStopped());
        assertFalse(DaemonClient.answers(address));
    }

    @Test
    void aSecondDaemonOfTheSameJarRefusesAndACrashedOnesSocketIsTakenOver() throws Exception {
        DaemonAddress address = start(Duration.ofMinutes(5));
        DaemonServer second = new DaemonServer(address, address::identity, () -> injector, Duration.ofMinutes(1));
        IOException e = assertThrows(IOException.class, second::serve);
        assertEquals("a daemon of this build already runs (it holds " + address.lock() + ")", e.getMessage());
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
