package org.chaperone.screening.concern;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.search.Query;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;

/**
 * The concern library: for each {@link Category} a description, a severity and its queries, with
 * every query parsed and checked. Read from a directory with one YAML file per category
 * ({@code config/concerns/self_harm.yaml}):
 *
 * <pre>
 * id: self_harm
 * description: Language about hurting oneself or suicide.
 * severity: critical
 * queries:
 *   - id: want-to-die
 *     query: '"want to die" OR "wish i was dead"'
 *     note: why the query is there, what it leaves out
 *   - id: older-phrasing
 *     query: ...
 *     severity: high      # optional, the category's otherwise
 *     enabled: false      # optional
 * </pre>
 *
 * A library with {@link #problems()} is never put in force; the screener keeps the one it has.
 */
public final class ConcernLibrary {
    /** What the library says about a category. */
    public record CategoryDefinition(Category category, String description, Severity severity, String source) {}

    private static final Set<String> FILE_KEYS = Set.of("id", "description", "severity", "queries");

    private final Map<Category, CategoryDefinition> categories;
    private final List<ConcernQuery> queries;
    private final Map<String, Query> parsed;
    private final List<LibraryProblem> problems;

    private ConcernLibrary(Map<Category, CategoryDefinition> categories, List<ConcernQuery> queries,
                           Map<String, Query> parsed, List<LibraryProblem> problems) {
        this.categories = Collections.unmodifiableMap(categories);
        this.queries = List.copyOf(queries);
        this.parsed = Collections.unmodifiableMap(parsed);
        this.problems = List.copyOf(problems);
    }

    /** Reads every {@code *.yaml} file in {@code dir}; problems are collected, not thrown. */
    public static ConcernLibrary load(Path dir) {
        List<LibraryProblem> problems = new ArrayList<>();
        LibraryFileReader reader = new LibraryFileReader(problems);
        Map<Category, CategoryDefinition> categories = new EnumMap<>(Category.class);
        List<ConcernQuery> queries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(ConcernLibrary::isLibraryFile).sorted().toList();
        } catch (IOException e) {
            reader.problem(dir, null, null, "cannot list the concern library directory: " + e.getMessage());
            return new ConcernLibrary(categories, queries, Map.of(), problems);
        }
        for (Path file : files) {
            JsonNode root = reader.read(file).orElse(null);
            if (root == null) continue;
            String idText = root.path("id").asText("");
            Optional<Category> category = Category.fromWireName(idText);
            if (category.isEmpty()) {
                reader.problem(file, idText, null, "id '" + idText + "' is not a category; expected one of "
                        + Stream.of(Category.values()).map(Category::wireName).toList());
                continue;
            }
            Category c = category.get();
            reader.unknownKeys(file, c.wireName(), null, root, FILE_KEYS);
            String expectedName = c.wireName() + ".yaml";
            if (!file.getFileName().toString().equals(expectedName) && !file.getFileName().toString().equals(c.wireName() + ".yml")) {
                reader.problem(file, c.wireName(), null, "category " + c.wireName() + " belongs in " + expectedName);
            }
            if (categories.containsKey(c)) {
                reader.problem(file, c.wireName(), null, "category already defined in " + categories.get(c).source());
                continue;
            }
            Severity severity = reader.severity(file, c.wireName(), null, root.get("severity")).orElse(null);
            if (severity == null) {
                if (!root.has("severity")) reader.problem(file, c.wireName(), null, "needs a severity: critical, high, medium or low");
                continue;
            }
            String description = root.path("description").asText("").trim();
            if (description.isEmpty()) reader.problem(file, c.wireName(), null, "needs a description");
            categories.put(c, new CategoryDefinition(c, description, severity, file.toString()));
            queries.addAll(reader.queries(file, root.get("queries"), c));
        }
        for (Category c : Category.values()) {
            if (!categories.containsKey(c)) {
                reader.problem(dir.resolve(c.wireName() + ".yaml"), c.wireName(), null, "no file defines this category");
            }
        }
        return build(categories, queries, problems);
    }

    /** A library built in code; categories take the severity of their first query. */
    public static ConcernLibrary of(Collection<ConcernQuery> queries) {
        Map<Category, CategoryDefinition> categories = new EnumMap<>(Category.class);
        for (ConcernQuery q : queries) {
            categories.putIfAbsent(q.category(), new CategoryDefinition(q.category(), "",
                    q.severity() == null ? Severity.MEDIUM : q.severity(), ""));
        }
        return build(categories, new ArrayList<>(queries), new ArrayList<>());
    }

    /** This library with a programme's extra queries added and the queries it switches off disabled. */
    public ConcernLibrary withOverrides(ConcernOverrides overrides) {
        List<LibraryProblem> all = new ArrayList<>(problems);
        all.addAll(overrides.problems());
        Map<String, ConcernQuery> byId = new LinkedHashMap<>();
        queries.forEach(q -> byId.put(q.id(), q));
        for (String id : overrides.disabledQueryIds()) {
            ConcernQuery q = byId.get(id);
            if (q == null) {
                all.add(new LibraryProblem(overrides.source(), null, id, "disables a query the library does not have"));
            } else {
                byId.put(id, q.withEnabled(false));
            }
        }
        List<ConcernQuery> merged = new ArrayList<>(byId.values());
        merged.addAll(overrides.extraQueries());
        return build(new EnumMap<>(categories), merged, all);
    }

    private static ConcernLibrary build(Map<Category, CategoryDefinition> categories, List<ConcernQuery> queries,
                                        List<LibraryProblem> problems) {
        ConcernQueryParser parser = new ConcernQueryParser(new ConcernAnalyzer());
        Map<String, ConcernQuery> seen = new LinkedHashMap<>();
        Map<String, Query> parsed = new LinkedHashMap<>();
        List<ConcernQuery> resolved = new ArrayList<>(queries.size());
        for (ConcernQuery q : queries) {
            ConcernQuery previous = seen.putIfAbsent(q.id(), q);
            if (previous != null) {
                problems.add(new LibraryProblem(q.source(), q.category().wireName(), q.id(),
                        "id is used twice (also in " + (previous.source().isEmpty() ? "code" : previous.source()) + ")"));
                continue;
            }
            if (q.severity() == null) {
                CategoryDefinition def = categories.get(q.category());
                q = q.withSeverity(def == null ? Severity.MEDIUM : def.severity());
            }
            resolved.add(q);
            if (!q.enabled()) continue; // a switched-off query is still checked for a unique id, not parsed
            ConcernQueryParser.Parsed p = parser.parse(q.query());
            if (p.ok()) {
                parsed.put(q.id(), p.query());
            } else {
                problems.add(new LibraryProblem(q.source(), q.category().wireName(), q.id(), "query " + p.problem()));
            }
        }
        return new ConcernLibrary(categories, resolved, parsed, problems);
    }

    private static boolean isLibraryFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public List<LibraryProblem> problems() {
        return problems;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every query, including the switched-off ones. */
    public List<ConcernQuery> queries() {
        return queries;
    }

    /** The queries in force, with their parsed Lucene queries. */
    public List<ConcernQuery> enabledQueries() {
        return queries.stream().filter(q -> parsed.containsKey(q.id())).toList();
    }

    /** A query in force as Lucene reads it (after the concern analyzer), or null. */
    public Query parsedQuery(String id) {
        return parsed.get(id);
    }

    public Optional<CategoryDefinition> category(Category c) {
        return Optional.ofNullable(categories.get(c));
    }
}
