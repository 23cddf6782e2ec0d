package org.cimlang.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds .npy and .npz bytes by hand, so corrupt variants can be made exactly. */
final class NpyTestFiles {
    private NpyTestFiles() {
    }

    /** A .npy with the given version, header text (padded to 64 bytes) and raw data. */
    static byte[] npy(int major, String header, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(header);
        while ((preamble + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        return npyRaw(major, h.length(), h.toString(), data);
    }

    /** A .npy whose header length field says {@code claimedHeaderLen} whatever the text is. */
    static byte[] npyRaw(int major, long claimedHeaderLen, String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) claimedHeaderLen);
        } else {
            b.putInt((int) claimedHeaderLen);
        }
        b.put(text).put(data);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static String header(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    static byte[] floatsLE(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** A zip of the entries, stored (no compression) or deflated. */
    static void zip(Path file, Map<String, byte[]> entries, boolean deflate) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** A numpy-made fixture from src/test/resources (see io/tools/make-npz-fixtures.py). */
    static Path fixture(String name) {
        try {
            return Path.of(NpyTestFiles.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
