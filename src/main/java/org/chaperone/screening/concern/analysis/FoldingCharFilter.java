package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;
import org.chaperone.screening.text.NormalisedText;

/**
 * Applies the contact screener's folding ({@link NormalisedText.Confusables#fold(int)}): look-alike
 * letters, full-width and styled letters, zero-width characters, digits of other scripts. Offsets
 * are corrected so that tokens point at the characters the person wrote.
 *
 * <p>Messages are small, so the whole input is folded on the first read.
 */
final class FoldingCharFilter extends CharFilter {
    private String folded;
    /** For each folded char: where its code point starts in the input. */
    private int[] sourceStart;
    private int inputLength;
    private int pos;

    FoldingCharFilter(Reader in) {
        super(in);
    }

    private void foldAll() throws IOException {
        StringBuilder raw = new StringBuilder(256);
        char[] buf = new char[1024];
        for (int n; (n = input.read(buf)) != -1; ) raw.append(buf, 0, n);
        inputLength = raw.length();
        StringBuilder out = new StringBuilder(inputLength);
        int[] starts = new int[inputLength + 1];
        for (int i = 0; i < inputLength; ) {
            char c = raw.charAt(i);
            if (c < 0x80) { // the common case: ASCII is kept (tab reads as a space)
                if (out.length() == starts.length) starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                starts[out.length()] = i;
                out.append(c == '\t' ? ' ' : c);
                i++;
                continue;
            }
            int cp = Character.codePointAt(raw, i);
            String f = NormalisedText.Confusables.fold(cp);
            for (int k = 0; k < f.length(); k++) {
                if (out.length() == starts.length) starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                starts[out.length()] = i;
                out.append(f.charAt(k));
            }
            i += Character.charCount(cp);
        }
        folded = out.toString();
        sourceStart = starts;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (folded == null) foldAll();
        if (pos >= folded.length()) return -1;
        int n = Math.min(len, folded.length() - pos);
        folded.getChars(pos, pos + n, cbuf, off);
        pos += n;
        return n;
    }

    @Override
    protected int correct(int currentOff) {
        if (folded == null || currentOff >= folded.length()) return inputLength;
        return currentOff <= 0 ? 0 : sourceStart[currentOff];
    }
}
