package org.chaperone.screening.contact;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile inputs always get a result, and screening time grows linearly with size. The budgets
 * are generous (a slow shared machine), so a failure means catastrophic growth, not a slow run.
 */
class AdversarialInputTest {
    private static final ContactScreener SCREENER = new ContactScreener(ContactSettings.defaults());
    private static final int MB = 1 << 20;

    private static List<ContactFinding> screen(String text) {
        ContactScreener.ContactScreen s = SCREENER.screen(text, ContactContext.underEighteen());
        assertTrue(s.complete(), "a detector failed");
        return s.findings();
    }

    private static String repeat(String unit, int chars) {
        StringBuilder b = new StringBuilder(chars + unit.length());
        while (b.length() < chars) b.append(unit);
        return b.toString();
    }

    /**
     * Screens size n and 4n; the larger must not take more than ~12x the smaller (linear is 4x). Each size is timed
     * up to three times and the fastest counts: a shared machine only ever adds time, and an algorithm that is not
     * linear is slow on every try.
     */
    private static void assertLinear(String name, IntFunction<String> input) {
        String small = input.apply(MB / 4);
        String large = input.apply(MB);
        screen(small); // warm up
        long smallNs = Long.MAX_VALUE, largeNs = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) smallNs = Math.min(smallNs, timed(small));
        for (int i = 0; i < 3 && largeNs >= Math.max(12 * smallNs, 1_500_000_000L); i++) largeNs = Math.min(largeNs, timed(large));
        System.out.printf("%-16s 256 KB %6d ms, 1 MB %6d ms%n", name, smallNs / 1_000_000, largeNs / 1_000_000);
        assertTrue(largeNs < 20_000_000_000L, name + ": 1 MB took " + largeNs / 1_000_000 + " ms");
        assertTrue(largeNs < Math.max(12 * smallNs, 1_500_000_000L),
                name + ": 256 KB took " + smallNs / 1_000_000 + " ms but 1 MB took " + largeNs / 1_000_000 + " ms");
    }

    private static long timed(String text) {
        long t0 = System.nanoTime();
        screen(text);
        return System.nanoTime() - t0;
    }

    @Test
    void oneMegabyteOfOrdinaryText() {
        assertLinear("prose", n -> repeat("We met on 12/03 at 4pm in room 104; page 77, grade 7. Look at the dot points. ", n));
    }

    @Test
    void longDigitRunsWithAndWithoutSeparators() {
        assertLinear("digits", n -> repeat("0123456789", n));
        assertLinear("spaced digits", n -> repeat("0 7 1 2 3 ", n));
        assertLinear("dotted digits", n -> repeat("0.", n));
        assertLinear("number words", n -> repeat("oh seven double ", n));
    }

    @Test
    void manyAtsAndDots() {
        assertLinear("at dot", n -> repeat("amy at gmail dot ", n));
        assertLinear("@@@", n -> repeat("a@", n));
        assertLinear("dots", n -> repeat("a.", n));
        assertLinear("brackets", n -> repeat("(at)[dot]{at}", n));
        assertLinear("handles", n -> repeat("insta: @a_1 ", n));
        assertLinear("link", n -> repeat("instagram.com/", n));
    }

    @Test
    void lettersWithoutSpaces() {
        assertLinear("one word", n -> repeat("a", n));
        assertLinear("mixed", n -> repeat("a1", n));
        assertLinear("street words", n -> repeat("1 Road ", n));
    }

    @Test
    void binaryGarbageAndInvalidUtf8() {
        Random random = new Random(42);
        assertLinear("binary", n -> {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            return new String(bytes, StandardCharsets.UTF_8); // invalid sequences become U+FFFD
        });
        assertLinear("all code points", n -> {
            StringBuilder b = new StringBuilder(n);
            while (b.length() < n) b.appendCodePoint(random.nextInt(0x30000));
            return b.toString();
        });
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xA1,
                (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC, '0', '7', '7', '0', '0', ' ', '9', '0', '0', ' ',
                '1', '2', '3'};
        List<ContactFinding> found = screen(new String(invalid, StandardCharsets.UTF_8));
        assertTrue(found.stream().anyMatch(f -> f.kind() == ContactKind.PHONE), found.toString());
        screen("\uD800\uDC00\uD800 lone surrogates \uDFFF 07700 900123");
    }

    @Test
    void lettersOfOtherScriptsAreNotMistakenForContactDetails() {
        Random random = new Random(11);
        int[][] ranges = {{0x0400, 0x044F}, {0x0600, 0x064A}, {0x4E00, 0x9FFF}, {0x0900, 0x0939}, {0xAC00, 0xD7A3}};
        StringBuilder b = new StringBuilder();
        while (b.length() < 200_000) {
            int[] r = ranges[random.nextInt(ranges.length)];
            for (int w = 1 + random.nextInt(8); w > 0; w--) b.appendCodePoint(r[0] + random.nextInt(r[1] - r[0]));
            b.append(random.nextInt(10) == 0 ? ". " : random.nextInt(12) == 0 ? ": " : " ");
        }
        assertTrue(screen(b.toString()).isEmpty(), "findings in random letters");
    }

    @Test
    void zeroWidthFloods() {
        assertLinear("zero width", n -> repeat("0\u200b", n));
        assertLinear("combining", n -> repeat("a\u0301\u0302\u0303", n));
    }
}
