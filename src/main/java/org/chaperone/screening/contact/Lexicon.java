package org.chaperone.screening.contact;

import java.util.Arrays;

/**
 * A fixed, case-insensitive word table: each word carries a bit set of roles and one small value.
 * Looks words up straight from a range of the text, so tokenising a message allocates no strings.
 */
final class Lexicon {
    private final String[] keys;
    private final long[] flags;
    private final int[] values;
    private final int mask;
    private final int maxLength;

    private Lexicon(String[] keys, long[] flags, int[] values) {
        this.keys = keys;
        this.flags = flags;
        this.values = values;
        this.mask = keys.length - 1;
        int max = 0;
        for (String k : keys) if (k != null) max = Math.max(max, k.length());
        this.maxLength = max;
    }

    /** Slot of the word text[from, to) ignoring case, or -1. */
    int find(CharSequence text, int from, int to) {
        if (to - from > maxLength || to <= from) return -1;
        int h = hash(text, from, to);
        for (int slot = h & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            String k = keys[slot];
            if (k == null) return -1;
            if (k.length() == to - from && equalsLower(k, text, from)) return slot;
        }
        return -1;
    }

    long flags(int slot) {
        return slot < 0 ? 0L : flags[slot];
    }

    int value(int slot) {
        return slot < 0 ? 0 : values[slot];
    }

    long flagsOf(String word) {
        return flags(find(word, 0, word.length()));
    }

    private static boolean equalsLower(String key, CharSequence text, int from) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != lower(text.charAt(from + i))) return false;
        }
        return true;
    }

    private static char lower(char c) {
        if (c < 0x80) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return Character.toLowerCase(c);
    }

    /** Length, first, middle and last letters: O(1) per word; the full compare settles it. */
    private static int hash(CharSequence text, int from, int to) {
        int len = to - from;
        int h = len * 0x9E3779B1;
        h = (h ^ lower(text.charAt(from))) * 0x85EBCA6B;
        h = (h ^ lower(text.charAt(from + len / 2))) * 0xC2B2AE35;
        h = (h ^ lower(text.charAt(to - 1))) * 0x27D4EB2F;
        return h ^ (h >>> 15);
    }

    static final class Builder {
        private final java.util.LinkedHashMap<String, long[]> entries = new java.util.LinkedHashMap<>();

        /** Adds each space-separated word with the given role bits (roles accumulate). */
        Builder add(long role, String words) {
            for (String w : words.trim().split("\\s+")) {
                if (w.isEmpty()) continue;
                long[] e = entries.computeIfAbsent(w.toLowerCase(java.util.Locale.ROOT), k -> new long[2]);
                e[0] |= role;
            }
            return this;
        }

        /** Adds one word with a role and a value (the value of the last add wins). */
        Builder add(long role, String word, int value) {
            long[] e = entries.computeIfAbsent(word.toLowerCase(java.util.Locale.ROOT), k -> new long[2]);
            e[0] |= role;
            e[1] = value;
            return this;
        }

        Lexicon build() {
            int size = Integer.highestOneBit(Math.max(16, entries.size() * 4)) << 1;
            String[] keys = new String[size];
            long[] flags = new long[size];
            int[] values = new int[size];
            int m = size - 1;
            entries.forEach((k, e) -> {
                int slot = hash(k, 0, k.length()) & m;
                while (keys[slot] != null) slot = (slot + 1) & m;
                keys[slot] = k;
                flags[slot] = e[0];
                values[slot] = (int) e[1];
            });
            return new Lexicon(keys, flags, values);
        }
    }

    @Override
    public String toString() {
        return "Lexicon" + Arrays.stream(keys).filter(k -> k != null).count();
    }
}
