package org.cimlang.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The benchmark inputs, made from the shipped examples. */
final class ResNetFile {
    private ResNetFile() {
    }

    /** The ISAAC chip, the ResNet-50 network and its quantisation and mapping in one file. */
    static String combined(Path examples) throws IOException {
        return withoutHeader(examples.resolve("chips/isaac.cim")) + "\n"
                + withoutHeader(examples.resolve("networks/resnet50.cim")) + "\n"
                + withoutHeader(examples.resolve("resnet50/resnet50.cim"));
    }

    /** The ISAAC chip, a chain of {@code layers} dense layers and a mapping of it. */
    static String generated(Path examples, int layers) throws IOException {
        StringBuilder b = new StringBuilder(withoutHeader(examples.resolve("chips/isaac.cim"))).append('\n');
        b.append("network Big {\n    input x0 [64]\n");
        for (int i = 1; i < layers - 1; i++) {
            b.append("    dense x").append(i).append(" from x").append(i - 1).append(" units 64 activation relu\n");
        }
        b.append("    dense out from x").append(layers - 2).append(" units 10\n}\n\n");
        b.append("mapping BigOnIsaac for Big on Isaac {\n    schedule pipeline\n}\n");
        return b.toString();
    }

    /** The file without its package and import lines, so that its names resolve within one file. */
    private static String withoutHeader(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("package ") && !l.startsWith("import "))
                .collect(Collectors.joining("\n")) + "\n";
    }
}
