package org.chaperone.screening.concern.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class ConcernAnalyzerTest {
    private final ConcernAnalyzer analyzer = new ConcernAnalyzer();

    /** "position:term[original text]" for each token. */
    private List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(pos + ":" + term + "[" + text.substring(offsets.startOffset(), offsets.endOffset()) + "]");
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void leetspeakAndContractionsReadAsWordsWithOffsetsOnWhatWasWritten() {
        assertEquals(List.of("0:do[d0n't]", "1:not[d0n't]", "2:tell[t3ll]", "3:your[ur]", "4:mum[mum]"),
                tokens("d0n't t3ll ur mum!!"));
    }

    @Test
    void aOneCanBeAnIOrAnL() {
        assertTrue(tokens("k1ll").contains("0:kill[k1ll]"), "k1ll reads as kill");
        assertTrue(tokens("1onely").contains("0:lone[1onely]"), "1onely reads as lonely (stemmed)");
    }

    @Test
    void stretchedLettersReadAsOneOrTwo() {
        assertEquals(List.of("0:so[sooo]", "0:soo[sooo]", "1:kil[kiiilll]", "1:kill[kiiilll]", "1:kiil[kiiilll]", "1:kiill[kiiilll]"),
                tokens("sooo kiiilll"));
        assertTrue(tokens("pleeeease").contains("0:pleas[pleeeease]"));
    }

    @Test
    void wordsSpelledOutLetterByLetterAreJoinedButTextSpeakLettersAreNot() {
        assertEquals(List.of("0:kill[k i l l]", "1:myself[myself]"), tokens("k i l l myself"));
        assertEquals(List.of("0:die[d.i.e]"), tokens("d.i.e"));
        assertEquals(List.of("0:you[u]", "1:are[r]", "2:a[a]", "3:loser[loser]"), tokens("u r a loser"));
    }

    @Test
    void lookAlikeFullWidthAndInvisibleCharactersAreFoldedLikeTheContactScreenerDoes() {
        assertEquals(List.of("0:kill[ｋｉｌｌ]"), tokens("ｋｉｌｌ"));
        assertEquals(List.of("0:secret[ѕеcrеt]"), tokens("ѕеcrеt"));
        assertEquals(List.of("0:secret[se\u200Bcret]"), tokens("se\u200Bcret"));
        assertEquals(List.of("0:kill[\uD835\uDC24\uD835\uDC22\uD835\uDC25\uD835\uDC25]"), tokens("\uD835\uDC24\uD835\uDC22\uD835\uDC25\uD835\uDC25"));
    }

    @Test
    void symbolsStandForLettersInsideWordsButPunctuationIsDropped() {
        assertEquals(List.of("0:secret[$ecret]"), tokens("$ecret"));
        assertEquals(List.of("0:kill[k!ll]", "1:me[me]"), tokens("k!ll me!!!"));
    }

    @Test
    void inflectionsAreTakenOffSoOneFormMatchesAll() {
        assertEquals(tokens("die").get(0).split("\\[")[0], tokens("dying").get(0).split("\\[")[0]);
        assertEquals(tokens("kill").get(0).split("\\[")[0], tokens("killing").get(0).split("\\[")[0]);
        assertEquals(tokens("picture").get(0).split("\\[")[0], tokens("pictures").get(0).split("\\[")[0]);
    }

    @Test
    void amountsOfMoneyAlsoReadAsMoney() {
        assertEquals(List.of("0:20[£20]", "0:money[£20]"), tokens("£20"));
    }

    @Test
    void textSpeakExpandsToTheWordsItStandsFor() {
        assertEquals(List.of("0:i[idk]", "1:do[idk]", "2:not[idk]", "3:know[idk]"), tokens("idk"));
        assertEquals(List.of("0:self[selfharm]", "1:harm[selfharm]"), tokens("selfharm"));
        assertEquals(List.of("0:you[you're]", "1:are[you're]"), tokens("you're"));
    }
}
