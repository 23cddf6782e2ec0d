package org.cimlang.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cimlang.io.AtomicFiles;

import com.google.protobuf.InvalidProtocolBufferException;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;

/**
 * Reads and writes {@code .onnx} files. Reading checks what a parser alone would let through: a
 * file of another kind (zip, HDF5, text) that happens to parse as a protobuf, a truncated file, a
 * model without a graph or opset.
 */
public final class OnnxModelFile {
    /** Protobuf messages are limited to 2 GiB; ONNX stores larger models with external data. */
    public static final long MAX_BYTES = Integer.MAX_VALUE;
    /** The oldest default-domain opset the importer accepts. */
    public static final int MIN_OPSET = 11;

    private OnnxModelFile() {
    }

    /** Reads and parses {@code file}; every failure is an {@link OnnxException} naming the file. */
    public static ModelProto read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OnnxException(file + ": no such file; expected an ONNX model (.onnx)");
        }
        long size;
        byte[] bytes;
        try {
            size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new OnnxException(file + ": " + size + " bytes, more than the 2 GiB a single .onnx protobuf "
                        + "can hold; models this large keep their weights as external data, which cimlang does not "
                        + "read");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OnnxException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of a model; {@code name} names it in messages. */
    public static ModelProto parse(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new OnnxException(name + ": the file is empty; expected an ONNX model");
        }
        String other = otherFormat(bytes);
        if (other != null) {
            throw new OnnxException(name + ": not an ONNX model but " + other);
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxException(name + ": not a readable ONNX model: " + e.getMessage()
                    + " (the file is truncated, corrupt or not an ONNX protobuf); export it again, e.g. with "
                    + "torch.onnx.export", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxException(name + ": not an ONNX model: it holds no graph"
                    + (model.getIrVersion() == 0 ? " and no IR version" : " nodes")
                    + " (the file is truncated or of another format); export it again, e.g. with torch.onnx.export");
        }
        if (model.getIrVersion() <= 0) {
            throw new OnnxException(name + ": not an ONNX model: it declares no IR version (the file is truncated "
                    + "or of another format)");
        }
        return model;
    }

    /** The version of the default (ai.onnx) operator set the model imports, or -1 if none. */
    public static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return -1;
    }

    /** Writes the model to a temporary file beside {@code file} and moves it over: never half a file. */
    public static void write(Path file, ModelProto model) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, model::writeTo);
    }

    /** What a file that is clearly not ONNX is, from its first bytes; null when it may be ONNX. */
    private static String otherFormat(byte[] b) {
        if (startsWith(b, "PK\u0003\u0004")) {
            return "a zip archive (a PyTorch .pt/.pth checkpoint or a NumPy .npz?); export the model with "
                    + "torch.onnx.export(model, example_input, \"model.onnx\", opset_version=13)";
        }
        if (startsWith(b, "\u0089HDF")) {
            return "an HDF5 file (a Keras .h5 model?); convert it with tf2onnx";
        }
        if (b.length >= 6 && (b[0] & 0xff) == 0x93 && startsWith(java.util.Arrays.copyOfRange(b, 1, 6), "NUMPY")) {
            return "a NumPy .npy array";
        }
        if (startsWith(b, "\u0080") && b.length > 1 && b[1] >= 2 && b[1] <= 5) {
            return "a Python pickle (a PyTorch checkpoint?); export the model with torch.onnx.export";
        }
        // ModelProto's first field is a small varint or length-delimited field; text starts with a letter
        int first = b[0] & 0xff;
        if (first == '{' || first == '<' || first == '#' || (first >= 'a' && first <= 'z') || first == ' ') {
            String head = new String(b, 0, Math.min(b.length, 40), StandardCharsets.ISO_8859_1).strip();
            if (head.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t')) {
                return "text (\"" + head.lines().findFirst().orElse("") + "...\"); an ONNX model is a binary protobuf";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((b[i] & 0xff) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
