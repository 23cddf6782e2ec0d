package org.cimlang.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SparkMasterUrlTest {
    @Test
    void localAndStandaloneMastersAreAccepted() {
        for (String m : new String[] {"local", "local[*]", "local[4]", "local[2,3]", "spark://127.0.0.1:7077",
                "spark://a:7077,b:7077", "yarn", "k8s://https://h:6443"}) {
            assertEquals(m, SparkMasterUrl.check(m));
        }
    }

    @Test
    void aStandaloneMasterThatIsNotListeningIsReportedAtOnce() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SweepException e = assertThrows(SweepException.class,
                () -> SparkMasterUrl.checkReachable("spark://127.0.0.1:" + port, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("cannot reach the Spark master at 127.0.0.1:" + port + " ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("start it (sbin/start-master.sh on that host) or correct --master"),
                e.getMessage());
    }

    @Test
    void aListeningMasterAndLocalMastersPass() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SparkMasterUrl.checkReachable("spark://127.0.0.1:" + s.getLocalPort(), Duration.ofSeconds(2));
        }
        SparkMasterUrl.checkReachable("local[2]", Duration.ofSeconds(2));
    }

    @Test
    void aTypoIsRejectedWithTheFormsThatWork() {
        SweepException e = assertThrows(SweepException.class, () -> SparkMasterUrl.check("locl[2]"));
        assertTrue(e.getMessage().contains("'locl[2]' is not a Spark master URL"), e.getMessage());
        assertTrue(e.getMessage().contains("spark://HOST:7077"), e.getMessage());
        SweepException noPort = assertThrows(SweepException.class, () -> SparkMasterUrl.check("spark://host"));
        assertTrue(noPort.getMessage().contains("spark://HOST:PORT"), noPort.getMessage());
    }
}
