package org.chaperone.screening.concern.analysis;

/** The characters people type as an apostrophe. */
final class Apostrophes {
    private Apostrophes() {}

    static boolean is(int c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00B4' || c == '\u02BC';
    }
}
