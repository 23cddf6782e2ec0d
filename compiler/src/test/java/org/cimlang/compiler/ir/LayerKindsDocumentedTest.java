package org.cimlang.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The table "Layer kinds and their parameters" of docs/language.md says what the table of layer kinds
 * says: a new kind or parameter that is not documented fails here.
 */
class LayerKindsDocumentedTest {
    private static final Path LANGUAGE_MD = Path.of("..", "docs", "language.md");
    private static final Pattern CODE = Pattern.compile("`([a-z0-9_]+)[^`]*`");

    /** One documented row: the parameters named, and the bold ones (each a set of alternatives). */
    private record Row(InputArity inputs, Set<LayerParam> allowed, Set<Set<LayerParam>> required) {
    }

    @Test
    void everyKindIsDocumentedWithTheTablesInputsAndParameters() throws IOException {
        Map<LayerKind, Row> documented = documentedRows();
        assertEquals(EnumSet.allOf(LayerKind.class), documented.keySet(), "kinds in docs/language.md");
        for (LayerKindSpec s : LayerKinds.all()) {
            Row row = documented.get(s.kind());
            assertEquals(s.inputs(), row.inputs(), s.kind() + " inputs in docs/language.md");
            assertEquals(s.allowed(), row.allowed(), s.kind() + " parameters in docs/language.md");
            assertEquals(new HashSet<>(s.required()), row.required(), s.kind() + " required (bold) in docs/language.md");
        }
    }

    private static Map<LayerKind, Row> documentedRows() throws IOException {
        List<String> lines = Files.readAllLines(LANGUAGE_MD);
        int start = lines.indexOf("### Layer kinds and their parameters");
        assertTrue(start >= 0, "docs/language.md has the section 'Layer kinds and their parameters'");
        Map<LayerKind, Row> rows = new EnumMap<>(LayerKind.class);
        // the first table of the section: a header, a rule, then one row per kind (or kinds)
        for (int i = start + 4; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            Row row = new Row(inputs(cells[2].trim()), allowed(cells[3]), required(cells[3]));
            Matcher kinds = CODE.matcher(cells[1]);
            while (kinds.find()) {
                rows.put(LayerKind.valueOf(kinds.group(1).toUpperCase(java.util.Locale.ROOT)), row);
            }
        }
        return rows;
    }

    private static InputArity inputs(String cell) {
        if (cell.startsWith("none")) {
            return InputArity.NONE;
        }
        return cell.startsWith("2 or more") ? InputArity.TWO_OR_MORE : cell.startsWith("2") ? InputArity.TWO
                : InputArity.ONE;
    }

    private static Set<LayerParam> allowed(String cell) {
        Set<LayerParam> params = EnumSet.noneOf(LayerParam.class);
        for (String item : cell.split(",")) {
            params.addAll(named(item));
        }
        return params;
    }

    private static Set<Set<LayerParam>> required(String cell) {
        Set<Set<LayerParam>> required = new HashSet<>();
        for (String item : cell.split(",")) {
            if (item.trim().startsWith("**")) {
                required.add(named(item));
            }
        }
        return required;
    }

    /** The parameters an item names: {@code `stride`}, {@code **`kernel`** or **`global`**}, the function. */
    private static Set<LayerParam> named(String item) {
        Set<LayerParam> params = EnumSet.noneOf(LayerParam.class);
        if (item.contains("the function")) {
            params.add(LayerParam.ACTIVATION);
        }
        Matcher m = CODE.matcher(item);
        while (m.find()) {
            params.add(LayerParam.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)));
        }
        return params;
    }
}
