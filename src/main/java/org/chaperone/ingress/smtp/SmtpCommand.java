package org.chaperone.ingress.smtp;

import java.util.Locale;

/** A command line split into its verb (upper-cased: verbs are case-insensitive) and its argument. */
record SmtpCommand(String verb, String argument) {

    static SmtpCommand parse(String line) {
        String trimmed = trim(line);
        int space = indexOfBlank(trimmed);
        if (space < 0) return new SmtpCommand(trimmed.toUpperCase(Locale.ROOT), "");
        return new SmtpCommand(trimmed.substring(0, space).toUpperCase(Locale.ROOT), trim(trimmed.substring(space + 1)));
    }

    boolean hasArgument() {
        return !argument.isEmpty();
    }

    /** Only SP and HTAB: other characters are the argument's business (and mostly refused there). */
    static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) from++;
        while (to > from && isBlank(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isBlank(s.charAt(i))) return i;
        }
        return -1;
    }
}
