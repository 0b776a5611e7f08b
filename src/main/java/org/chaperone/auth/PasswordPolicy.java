package org.chaperone.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Minimum strength for passwords (NIST SP 800-63B style): long enough, not a well-known
 * password, not mostly one repeated character, and not the person's email.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password123", "passw0rd", "123456789012", "qwertyuiop", "qwertyuiopas",
            "iloveyou", "letmein", "welcome", "welcome123", "admin", "administrator", "changeme", "chaperone",
            "mentoring", "football", "monkey", "dragon", "sunshine", "princess", "abc123", "trustno1",
            "123123123123", "111111111111", "000000000000", "aaaaaaaaaaaa", "qwerty123456", "1q2w3e4r5t6y");

    private PasswordPolicy() {}

    /** Empty when acceptable, else the reason it is refused. */
    public static Optional<String> check(String password, String email) {
        if (password == null || password.isEmpty()) return Optional.of("is required");
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 256) return Optional.of("must be at most 256 characters");
        String lower = password.toLowerCase(Locale.ROOT);
        String stripped = lower.replaceAll("[^a-z0-9]", "");
        if (COMMON.contains(lower) || COMMON.contains(stripped)
                || COMMON.stream().anyMatch(c -> c.length() >= 8 && lower.startsWith(c) && lower.length() - c.length() <= 4)) {
            return Optional.of("is a commonly used password; choose another");
        }
        if (password.chars().distinct().count() < 5) return Optional.of("needs more different characters");
        if (email != null) {
            String local = email.toLowerCase(Locale.ROOT).split("@")[0];
            if (local.length() >= 4 && lower.contains(local)) return Optional.of("must not contain your email address");
        }
        return Optional.empty();
    }
}
