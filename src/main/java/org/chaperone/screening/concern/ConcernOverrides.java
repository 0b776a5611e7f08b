package org.chaperone.screening.concern;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A programme's changes to the shipped concern library: its own extra queries and the shipped
 * queries it switches off. Read from a YAML file:
 *
 * <pre>
 * disable: [substances.get-a-drink]
 * queries:
 *   - id: vaping
 *     category: substances
 *     query: vape OR vaping
 *     severity: low
 * </pre>
 *
 * Extra queries get ids {@code category.id}, like the shipped ones.
 */
public record ConcernOverrides(List<ConcernQuery> extraQueries, Set<String> disabledQueryIds,
                               List<LibraryProblem> problems, String source) {
    private static final Set<String> KEYS = Set.of("disable", "queries");

    public ConcernOverrides {
        extraQueries = List.copyOf(extraQueries);
        disabledQueryIds = Set.copyOf(disabledQueryIds);
        problems = List.copyOf(problems);
        source = source == null ? "" : source;
    }

    public static ConcernOverrides none() {
        return new ConcernOverrides(List.of(), Set.of(), List.of(), "");
    }

    public static ConcernOverrides of(List<ConcernQuery> extraQueries, Set<String> disabledQueryIds) {
        return new ConcernOverrides(extraQueries, disabledQueryIds, List.of(), "");
    }

    /** Reads a programme's overrides file; a missing file means no overrides. */
    public static ConcernOverrides load(Path file) {
        if (!Files.exists(file)) return none();
        List<LibraryProblem> problems = new ArrayList<>();
        LibraryFileReader reader = new LibraryFileReader(problems);
        JsonNode root = reader.read(file).orElse(null);
        if (root == null) return new ConcernOverrides(List.of(), Set.of(), problems, file.toString());
        reader.unknownKeys(file, null, null, root, KEYS);
        Set<String> disabled = new LinkedHashSet<>();
        JsonNode d = root.get("disable");
        if (d != null && !d.isNull()) {
            if (!d.isArray()) {
                reader.problem(file, null, null, "'disable' must be a list of query ids");
            } else {
                d.forEach(id -> disabled.add(id.asText().trim()));
            }
        }
        List<ConcernQuery> extra = reader.queries(file, root.get("queries"), null);
        return new ConcernOverrides(extra, disabled, problems, file.toString());
    }
}
