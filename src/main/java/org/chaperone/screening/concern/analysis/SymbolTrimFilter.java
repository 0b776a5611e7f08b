package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Takes punctuation off the edges of a word ("me!" is "me", "'hello'" is "hello") while keeping
 * symbols inside it for {@link Leetspeak}, a leading '$' that stands for an s ("$ecret") and a
 * currency sign before an amount ("£20", see {@link Money}).
 * Every kind of apostrophe becomes "'". Words with no letter or digit left are dropped.
 */
final class SymbolTrimFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    SymbolTrimFilter(TokenStream in) {
        super(in);
    }

    private static boolean isEdge(char c) {
        return c == '\'' || Leetspeak.isSymbol(c) || Money.isCurrency(c);
    }

    @Override
    public boolean incrementToken() throws IOException {
        int skipped = 0;
        while (input.incrementToken()) {
            char[] b = term.buffer();
            int len = term.length();
            for (int i = 0; i < len; i++) {
                if (Apostrophes.is(b[i])) b[i] = '\'';
            }
            int end = len;
            while (end > 0 && isEdge(b[end - 1])) end--;
            int start = 0;
            while (start < end && isEdge(b[start])
                    && !(b[start] == '$' && start + 1 < end && Character.isLetter(b[start + 1]))
                    && !(Money.isCurrency(b[start]) && start + 1 < end && Character.isDigit(b[start + 1]))) {
                start++;
            }
            if (start == end) { // nothing but punctuation
                skipped += posInc.getPositionIncrement();
                continue;
            }
            if (start > 0 || end < len) {
                int so = offsets.startOffset(), eo = offsets.endOffset();
                if (eo - so == len) offsets.setOffset(so + start, eo - (len - end)); // offsets are exact only when nothing was folded
                System.arraycopy(b, start, b, 0, end - start);
                term.setLength(end - start);
            }
            if (skipped > 0) posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
            return true;
        }
        return false;
    }
}
