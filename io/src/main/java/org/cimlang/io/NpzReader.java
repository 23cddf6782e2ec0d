package org.cimlang.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive (what {@code numpy.savez} and {@code numpy.savez_compressed}
 * write: a zip of {@code .npy} arrays, stored or DEFLATE-compressed) into float tensors.
 *
 * <p>An entry's true length is established before its array is allocated: for stored entries from
 * the zip directory (bounded by the file size), for compressed ones by inflating it once without
 * keeping the bytes. Only then does {@link NpyReader} check the header against that length.
 */
public final class NpzReader {
    private NpzReader() {
    }

    /**
     * All arrays of the archive, in archive order, keyed by entry name without {@code .npy}
     * (e.g. {@code fc1.weight}). The map is unmodifiable.
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(name, "no such file; expected a .npz written by numpy.savez");
        }
        long fileSize = Files.size(file);
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new DataFileException(name, "not a valid .npz (zip) archive (" + e.getMessage()
                    + "); write weights with numpy.savez or numpy.savez_compressed", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.getName().endsWith(".npy")) {
                    throw new DataFileException(name, "entry '" + entry.getName()
                            + "' is not a .npy array; a .npz holds only .npy entries (numpy.savez)");
                }
                String key = entry.getName().substring(0, entry.getName().length() - 4);
                String where = name + ", array '" + key + "'";
                if (arrays.containsKey(key)) {
                    throw new DataFileException(where, "appears twice in the archive");
                }
                long length = entryLength(zip, entry, fileSize, where);
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(key, NpyReader.read(in, length, where));
                } catch (ZipException | EOFException e) {
                    throw new DataFileException(where, "compressed data is corrupt (" + e.getMessage()
                            + "); re-save the archive", e);
                }
            }
        }
        return Collections.unmodifiableMap(arrays);
    }

    private static long entryLength(ZipFile zip, ZipEntry entry, long fileSize, String where) throws IOException {
        if (entry.getMethod() == ZipEntry.STORED) {
            long size = entry.getCompressedSize();
            if (size < 0 || size > fileSize) {
                throw new DataFileException(where, "zip directory claims " + size + " bytes but the file has only "
                        + fileSize + ": the archive is corrupt or truncated");
            }
            return size;
        }
        long actual;
        try (InputStream in = zip.getInputStream(entry)) {
            actual = in.transferTo(OutputStream.nullOutputStream());
        } catch (ZipException | EOFException e) {
            throw new DataFileException(where, "compressed data is corrupt or truncated (" + e.getMessage()
                    + "); re-save the archive", e);
        }
        if (entry.getSize() >= 0 && entry.getSize() != actual) {
            throw new DataFileException(where, "inflates to " + actual + " bytes but the zip directory says "
                    + entry.getSize() + ": the archive is corrupt or truncated");
        }
        return actual;
    }
}
