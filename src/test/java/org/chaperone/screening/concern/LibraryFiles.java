package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Writes small concern libraries for tests: one file per category, with the queries given. */
final class LibraryFiles {
    private final Path dir;
    private final Map<Category, String> queries = new EnumMap<>(Category.class);

    private LibraryFiles(Path dir) {
        this.dir = dir;
        for (Category c : Category.values()) {
            queries.put(c, "  - id: placeholder\n    query: '\"" + c.wireName().replace('_', ' ') + " placeholder\"'\n");
        }
    }

    static LibraryFiles in(Path dir) {
        return new LibraryFiles(dir);
    }

    /** Replaces the queries of one category with YAML list items. */
    LibraryFiles queries(Category c, String yamlItems) {
        queries.put(c, yamlItems);
        return this;
    }

    /** Writes the library; returns its directory. */
    Path write() {
        try {
            Files.createDirectories(dir);
            for (Category c : Category.values()) {
                writeFile(c.wireName() + ".yaml", "id: " + c.wireName() + "\n"
                        + "description: test category " + c.wireName() + "\n"
                        + "severity: " + (c == Category.SELF_HARM ? "critical" : "medium") + "\n"
                        + "queries:\n" + queries.get(c));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeFile(String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path shipped() {
        return Path.of("config", "concerns");
    }
}
