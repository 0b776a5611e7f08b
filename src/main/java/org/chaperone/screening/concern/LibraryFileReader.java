package org.chaperone.screening.concern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the YAML of the concern library and of programme overrides into rules, reporting every
 * mistake with its file, category and query rather than stopping at the first.
 */
final class LibraryFileReader {
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final Pattern LOCAL_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<String> QUERY_KEYS = Set.of("id", "query", "severity", "enabled", "note", "category");

    private final List<LibraryProblem> problems;

    LibraryFileReader(List<LibraryProblem> problems) {
        this.problems = problems;
    }

    /** The file's YAML tree, or empty (with a problem noted) when it cannot be read. */
    Optional<JsonNode> read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                problem(file, null, null, "expected a YAML mapping at the top of the file");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            problem(file, null, null, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            problem(file, null, null, "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    void unknownKeys(Path file, String category, String queryId, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problem(file, category, queryId, "unknown key '" + k + "' (expected one of " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    Optional<Severity> severity(Path file, String category, String queryId, JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        Optional<Severity> s = Severity.fromWireName(node.asText());
        if (s.isEmpty()) {
            problem(file, category, queryId, "severity '" + node.asText() + "' is not one of critical, high, medium, low");
        }
        return s;
    }

    /**
     * Reads a list of query entries. In a category file the category is the file's; in overrides
     * each entry names its own. A query without a severity gets its category's later.
     */
    List<ConcernQuery> queries(Path file, JsonNode list, Category fileCategory) {
        List<ConcernQuery> out = new ArrayList<>();
        String cat = fileCategory == null ? null : fileCategory.wireName();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) {
            problem(file, cat, null, "'queries' must be a list");
            return out;
        }
        int n = 0;
        for (JsonNode q : list) {
            n++;
            if (!q.isObject()) {
                problem(file, cat, "#" + n, "each query must be a mapping with id and query");
                continue;
            }
            String localId = q.path("id").asText("").trim();
            String label = localId.isEmpty() ? "#" + n : localId;
            unknownKeys(file, cat, label, q, QUERY_KEYS);
            Category category = fileCategory;
            if (fileCategory == null) {
                category = Category.fromWireName(q.path("category").asText(null)).orElse(null);
                if (category == null) {
                    problem(file, q.path("category").asText(""), label,
                            "needs a category, one of " + List.of(Category.values()).stream().map(Category::wireName).toList());
                    continue;
                }
            } else if (q.has("category") && !q.path("category").asText().equals(fileCategory.wireName())) {
                problem(file, cat, label, "names category '" + q.path("category").asText() + "' but is in the file for " + cat);
                continue;
            }
            if (!LOCAL_ID.matcher(localId).matches()) {
                problem(file, category.wireName(), label, "id must be lower-case letters, digits, '-' or '_'");
                continue;
            }
            String text = q.path("query").asText("");
            if (!q.path("query").isTextual() || text.isBlank()) {
                problem(file, category.wireName(), localId, "has no query text");
                continue;
            }
            JsonNode enabled = q.get("enabled");
            if (enabled != null && !enabled.isBoolean()) {
                problem(file, category.wireName(), localId, "'enabled' must be true or false");
                continue;
            }
            Severity severity = severity(file, category.wireName(), localId, q.get("severity")).orElse(null);
            out.add(new ConcernQuery(category.wireName() + "." + localId, category, severity, text,
                    enabled == null || enabled.booleanValue(), q.path("note").asText(""), file.toString()));
        }
        return out;
    }

    void problem(Path file, String category, String queryId, String reason) {
        problems.add(new LibraryProblem(file == null ? "" : file.toString(), category, queryId, reason));
    }
}
