package org.chaperone.screening.contact;

import java.util.Arrays;

/**
 * A fixed, case-insensitive word table: each word carries a bit set of roles and one small value.
 * Looks words up straight from a range of the text, so tokenising a message allocates no strings.
 */
final class Lexicon {
    private final String[] keys;
    private final int[] hashes;
    private final long[] flags;
    private final int[] values;
    private final int mask;
    private final int maxLength;

    private Lexicon(String[] keys, int[] hashes, long[] flags, int[] values) {
        this.keys = keys;
        this.hashes = hashes;
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
        return find(text, from, to, hashOf(text, from, to));
    }

    /**
     * Like {@link #find(CharSequence, int, int)} with the word's {@link #hashOf hash} already known: the tokenizer
     * computes it while it reads the word, so a lookup costs one probe and, on a hit, one compare.
     */
    int find(CharSequence text, int from, int to, int hash) {
        int len = to - from;
        if (len > maxLength || len <= 0) return -1;
        for (int slot = mix(hash) & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            String k = keys[slot];
            if (k == null) return -1;
            if (hashes[slot] == hash && k.length() == len && equalsLower(k, text, from)) return slot;
        }
        return -1;
    }

    /** The hash {@link #find(CharSequence, int, int, int)} expects: 31 * h + c over the lower-cased chars. */
    static int hashOf(CharSequence text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + lower(text.charAt(i));
        return h;
    }

    long flags(int slot) {
        return slot < 0 ? 0L : flags[slot];
    }

    int value(int slot) {
        return slot < 0 ? 0 : values[slot];
    }

    /** The words that have any of the roles in {@code mask}, with all their roles and values. */
    Lexicon subset(long mask) {
        Builder b = new Builder();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && (flags[i] & mask) != 0) b.add(flags[i], keys[i], values[i]);
        }
        return b.build();
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

    static char lower(char c) {
        if (c < 0x80) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return Character.toLowerCase(c);
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
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
            int[] hashes = new int[size];
            long[] flags = new long[size];
            int[] values = new int[size];
            int m = size - 1;
            entries.forEach((k, e) -> {
                int h = hashOf(k, 0, k.length());
                int slot = mix(h) & m;
                while (keys[slot] != null) slot = (slot + 1) & m;
                keys[slot] = k;
                hashes[slot] = h;
                flags[slot] = e[0];
                values[slot] = (int) e[1];
            });
            return new Lexicon(keys, hashes, flags, values);
        }
    }

    @Override
    public String toString() {
        return "Lexicon" + Arrays.stream(keys).filter(k -> k != null).count();
    }
}
