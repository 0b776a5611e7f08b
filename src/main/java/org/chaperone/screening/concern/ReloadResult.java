package org.chaperone.screening.concern;

import java.util.List;

/**
 * What a reload did: either the new library is in force ({@code applied}), or it had problems and
 * the previous one stays.
 */
public record ReloadResult(boolean applied, int queriesInForce, List<LibraryProblem> problems) {
    public ReloadResult {
        problems = List.copyOf(problems);
    }
}
