package dev.verity.testkit.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sheet of a generated spreadsheet. Cells that look like plain numbers ({@code 42}, {@code -3.5}) are written as
 * numeric cells, everything else as text; an empty string leaves the cell blank.
 *
 * @param name the sheet (tab) name
 * @param rows the rows from the top, the first one usually being the header
 */
public record Sheet(String name, List<List<String>> rows) {
    public Sheet {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got \"" + name + "\"");
        }
        rows = rows.stream().map(List::copyOf).toList();
    }

    @SafeVarargs
    public static Sheet of(String name, List<String>... rows) {
        List<List<String>> all = new ArrayList<>(rows.length);
        for (List<String> row : rows) {
            all.add(row);
        }
        return new Sheet(name, all);
    }
}
