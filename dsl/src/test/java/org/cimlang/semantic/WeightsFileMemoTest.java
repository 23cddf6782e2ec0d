package org.cimlang.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Map;

import org.cimlang.io.NpzWriter;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileMemoTest {
    private static final int MIB_OF_FLOATS = 1 << 18;

    @TempDir
    Path tmp;

    private Path npz(String name) throws Exception {
        Path f = tmp.resolve(name);
        NpzWriter.write(f, Map.of("w", Tensor.zeros(MIB_OF_FLOATS)));
        return f;
    }

    @Test
    void theDecodedTensorsKeptAreBoundedByBytesOldestDroppedFirst() throws Exception {
        WeightsFileCheck check = new WeightsFileCheck((5L << 20) / 2);
        Path a = npz("a.npz");
        Path b = npz("b.npz");
        Object first = check.read(a);
        check.read(b);
        assertEquals(2, check.remembered());
        assertSame(first, check.read(a), "a second read of an unchanged file is the memo's");
        check.read(npz("c.npz"));
        assertEquals(2, check.remembered(), "2.5 MiB hold two files of 1 MiB");
        assertSame(first, check.read(a), "a was read last but one, so b was dropped");
    }

    @Test
    void theNewestFileIsKeptWhateverItsSize() throws Exception {
        WeightsFileCheck check = new WeightsFileCheck(1L << 19);
        Path a = npz("a.npz");
        Object first = check.read(a);
        assertEquals(1, check.remembered());
        assertSame(first, check.read(a));
        check.read(npz("b.npz"));
        assertEquals(1, check.remembered());
    }
}
