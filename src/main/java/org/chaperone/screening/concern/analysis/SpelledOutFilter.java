package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Joins a word spelled out one character at a time ("k i l l", "d.i.e", "s-e-c-r-e-t") back into
 * the word. Runs made only of letters that are words in text-speak ("u r a", "i c u") are left
 * alone.
 */
final class SpelledOutFilter extends TokenFilter {
    private static final int MIN_RUN = 3;
    /** Characters allowed between the letters of a spelled-out word. */
    private static final int MAX_GAP = 3;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
    private final Deque<AttributeSource.State> pending = new ArrayDeque<>();
    private boolean exhausted;

    SpelledOutFilter(TokenStream in) {
        super(in);
    }

    private boolean single() {
        return term.length() == 1 && Character.isLetterOrDigit(term.charAt(0));
    }

    private static boolean isWordOnItsOwn(char c) {
        return "aiurcynbkx24".indexOf(c) >= 0;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(pending.poll());
            return true;
        }
        if (exhausted || !input.incrementToken()) {
            exhausted = true;
            return false;
        }
        if (!single()) return true;

        Deque<AttributeSource.State> run = new ArrayDeque<>();
        StringBuilder word = new StringBuilder();
        boolean allShorthand = true;
        int lastEnd;
        AttributeSource.State after = null;
        do {
            run.add(captureState());
            word.append(term.charAt(0));
            allShorthand &= isWordOnItsOwn(term.charAt(0));
            lastEnd = offsets.endOffset();
            if (!input.incrementToken()) {
                exhausted = true;
                break;
            }
            if (!single() || offsets.startOffset() - lastEnd > MAX_GAP) {
                after = captureState();
                break;
            }
        } while (true);

        if (run.size() >= MIN_RUN && !allShorthand) {
            restoreState(run.peekFirst());
            int start = offsets.startOffset();
            term.setEmpty().append(word);
            offsets.setOffset(start, lastEnd);
        } else {
            restoreState(run.poll());
            pending.addAll(run);
        }
        if (after != null) pending.add(after);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        exhausted = false;
    }
}
