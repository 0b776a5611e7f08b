package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Replaces each word by what it may stand for: amounts of money ({@link Money}), text-speak and
 * contractions ({@link Textspeak}),
 * letters written as digits or symbols ({@link Leetspeak}), stretched letters ({@link
 * Stretching}); apostrophes left inside a word are dropped ("mum's" is "mums"). When a word has
 * several readings they share its position, and a reading of several words ("dont" is "do not")
 * takes as many positions, so phrase queries see them as written out.
 */
final class VariantFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pendingTerms = new ArrayDeque<>();
    private final Deque<Integer> pendingIncrements = new ArrayDeque<>();
    private AttributeSource.State source;

    VariantFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pendingTerms.isEmpty()) {
            restoreState(source);
            term.setEmpty().append(pendingTerms.poll());
            posInc.setPositionIncrement(pendingIncrements.poll());
            return true;
        }
        if (!input.incrementToken()) return false;
        char[] b = term.buffer();
        int len = term.length();
        if (Money.isAmount(b, len)) {
            emit(List.of(new String[] {new String(b, 1, len - 1)}, new String[] {"money"}));
            return true;
        }
        String[] direct = Textspeak.mayExpand(b, len) ? Textspeak.expand(b, len) : null;
        boolean leet = Leetspeak.applies(b, len);
        boolean stretched = Stretching.applies(b, len);
        if (direct == null && !leet && !stretched && indexOf(b, len, '\'') < 0) {
            return true; // an ordinary word, the common case
        }
        List<String[]> readings = direct != null ? List.<String[]>of(direct) : readings(term.toString(), leet);
        emit(readings);
        return true;
    }

    private static int indexOf(char[] b, int len, char c) {
        for (int i = 0; i < len; i++) if (b[i] == c) return i;
        return -1;
    }

    private static List<String[]> readings(String word, boolean leet) {
        List<String> forms = new ArrayList<>(4);
        for (String f : leet ? Leetspeak.readings(word) : List.of(word)) {
            forms.addAll(Stretching.applies(f.toCharArray(), f.length()) ? Stretching.readings(f) : List.of(f));
        }
        List<String[]> out = new ArrayList<>(forms.size());
        for (String f : forms) {
            String[] e = Textspeak.expand(f);
            if (e == null) e = Textspeak.expandContraction(f);
            if (e == null) {
                String bare = f.replace("'", "");
                e = Textspeak.expand(bare);
                if (e == null) e = bare.isEmpty() ? null : new String[] {bare};
            }
            String[] reading = e;
            if (reading != null && out.stream().noneMatch(x -> Arrays.equals(x, reading))) out.add(reading);
        }
        if (out.isEmpty()) out.add(new String[] {word});
        return out;
    }

    /** Emits the first reading's first word now and queues the rest, position by position. */
    private void emit(List<String[]> readings) {
        int firstIncrement = posInc.getPositionIncrement();
        source = captureState();
        int longest = readings.stream().mapToInt(r -> r.length).max().orElse(1);
        for (int step = 0; step < longest; step++) {
            boolean firstAtStep = true;
            for (String[] r : readings) {
                if (r.length <= step) continue;
                pendingTerms.add(r[step]);
                pendingIncrements.add(firstAtStep ? (step == 0 ? firstIncrement : 1) : 0);
                firstAtStep = false;
            }
        }
        term.setEmpty().append(pendingTerms.poll());
        posInc.setPositionIncrement(pendingIncrements.poll());
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pendingTerms.clear();
        pendingIncrements.clear();
        source = null;
    }
}
