package org.chaperone.screening.contact;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detectors skip to their next anchor token when nothing is under way; the anchors must be exactly the tokens
 * their loops would act on. Screens thousands of texts (our labelled cases, cut and spliced, with the pieces
 * contact details are made of sprinkled in) both ways and expects the same findings, so a detector change that needs
 * a new anchor fails here rather than silently missing a contact detail.
 */
class AnchorSkippingTest {
    private static final String[] PIECES = {
        "@", "at", "(at)", "[dot]", "dot", ".", "-", "+", "(", ")", "#", ":", "/", "o", "O", "double", "oh", "seven",
        "twenty", "hundred", "nine", "insta", "snap", "tik", "tok", "whats", "app", "gmail", "live", "flat", "house",
        "home", "Road", "Street", "LS6", "3QN", "SW1A", "1AA", "07700", "900", "123", "+44", "www", "com", "co", "uk",
        "\n\n", "\n", " ", "  ", "ＡＴ", "ｇｍａｉｌ", "\u200b", "£", "0", "1", "9", "jakeATgmailDOTcom", "AT", "DOT",
        "me", "my", "is", "number", "text", "call", "whatsapp", "linktr", "ee", "_", "amy", "j", "live", "ring",
    };

    @Test
    void skippingToAnchorsFindsExactlyWhatReadingEveryTokenFinds() throws IOException {
        ContactScreener skipping = new ContactScreener(ContactSettings.defaults());
        ContactScreener everyToken = new ContactScreener(ContactSettings.defaults(), true);
        List<String> texts = new ArrayList<>();
        for (LabelledCasesTest.Case c : LabelledCasesTest.cases()) texts.add(c.text());
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\\w+|[^\\w\\s]|\\s+").matcher(String.join(" ", texts));
        while (m.find()) words.add(m.group());
        Random random = new Random(20261126);
        int withFindings = 0;
        int cases = 6000;
        for (int k = 0; k < cases; k++) {
            String text = k < texts.size() ? texts.get(k) : variant(random, texts, words);
            List<ContactFinding> expected = everyToken.find(text, ContactContext.underEighteen());
            assertEquals(expected, skipping.find(text, ContactContext.underEighteen()), () -> "text: " + text);
            if (!expected.isEmpty()) withFindings++;
        }
        // the generated texts must exercise the detectors, not only pass through them
        assertTrue(withFindings > cases / 10, "only " + withFindings + " texts had findings");
    }

    private static String variant(Random random, List<String> texts, List<String> words) {
        double r = random.nextDouble();
        if (r < 0.3) { // the head of one case spliced to the tail of another
            String a = texts.get(random.nextInt(texts.size()));
            String b = texts.get(random.nextInt(texts.size()));
            return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
        }
        if (r < 0.7) { // a run of words and pieces
            StringBuilder s = new StringBuilder();
            for (int i = 5 + random.nextInt(76); i > 0; i--) {
                s.append(random.nextDouble() < 0.7 ? words.get(random.nextInt(words.size())) : PIECES[random.nextInt(PIECES.length)]);
            }
            return s.toString();
        }
        StringBuilder s = new StringBuilder(texts.get(random.nextInt(texts.size()))); // a case with pieces inserted
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            String piece = random.nextDouble() < 0.6 ? PIECES[random.nextInt(PIECES.length)] : words.get(random.nextInt(words.size()));
            s.insert(random.nextInt(s.length() + 1), piece);
        }
        return s.toString();
    }
}
