package org.chaperone.screening.concern;

/**
 * Something wrong in the concern library or a programme's overrides: which file, which category
 * and query (when known), and why. A library with problems is never put in force.
 */
public record LibraryProblem(String file, String category, String queryId, String reason) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(file == null || file.isEmpty() ? "(no file)" : file);
        if (category != null && !category.isEmpty()) b.append(" [").append(category).append(']');
        if (queryId != null && !queryId.isEmpty()) b.append(" query ").append(queryId);
        return b.append(": ").append(reason).toString();
    }
}
