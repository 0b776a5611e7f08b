package org.chaperone.screening.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalisedTextTest {
    @Test
    void plainAsciiIsUnchangedAndMapsToItself() {
        NormalisedText n = NormalisedText.of("call 07700 900123");
        assertEquals("call 07700 900123", n.text());
        assertEquals(5, n.originalStart(5));
        assertEquals("07700", n.originalSlice(5, 10));
    }

    @Test
    void disguisesFoldToWhatAReaderSees() {
        assertEquals("07700 900123", NormalisedText.of("０７７００\u00a0９００１２３").text());
        assertEquals("jake@gmail.com", NormalisedText.of("jаke＠gmаil．cоm").text());
        assertEquals("0770", NormalisedText.of("0\u200b7\u200d7\u20600").text());
        assertEquals("07-700", NormalisedText.of("07–700").text());
        assertEquals("0123", NormalisedText.of("٠١٢٣").text());
        assertEquals("amy", NormalisedText.of("ᴀᴍʏ").text());
        assertEquals("I'm", NormalisedText.of("I’m").text());
        assertEquals("cafe", NormalisedText.of("café").text());
    }

    @Test
    void foldedOffsetsMapBackToTheOriginalCharacters() {
        String original = "a\u200b０\uD835\uDFD1b"; // zero-width, full-width 0, mathematical bold 3
        NormalisedText n = NormalisedText.of(original);
        assertEquals("a03b", n.text());
        assertEquals("０\uD835\uDFD1", n.originalSlice(1, 3));
        assertEquals(original.length(), n.originalEnd(4));
    }

    @Test
    void confusablesFoldIsThePerCodePointEntry() {
        assertEquals("a", NormalisedText.Confusables.fold('а'));
        assertEquals("", NormalisedText.Confusables.fold(0x200B));
        assertEquals("7", NormalisedText.Confusables.fold('７'));
        assertEquals(" ", NormalisedText.Confusables.fold(0x00A0));
    }
}
