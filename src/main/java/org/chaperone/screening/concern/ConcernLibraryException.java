package org.chaperone.screening.concern;

import java.util.List;

/** A concern library that cannot be put in force, with everything wrong in it. */
public final class ConcernLibraryException extends RuntimeException {
    private final List<LibraryProblem> problems;

    public ConcernLibraryException(List<LibraryProblem> problems) {
        super("the concern library has " + problems.size() + " problem(s): "
                + String.join("; ", problems.stream().limit(5).map(LibraryProblem::toString).toList())
                + (problems.size() > 5 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<LibraryProblem> problems() {
        return problems;
    }
}
