package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The Snowball English stemmer ("killing" is "kill", "dying" is "die"), remembering the stems it
 * has worked out. Word frequencies follow Zipf's law, so a few thousand remembered words cover
 * nearly every word of a message, and stemming was a third of the cost of matching.
 *
 * <p>An analyzer keeps one token stream per thread, so the memory is never shared between threads.
 */
final class CachingStemFilter extends TokenFilter {
    private static final int MAX_REMEMBERED = 50_000;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final EnglishStemmer stemmer = new EnglishStemmer();
    private final CharArrayMap<char[]> stems = new CharArrayMap<>(1024, false);

    CachingStemFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        char[] buffer = term.buffer();
        int length = term.length();
        char[] stem = stems.get(buffer, 0, length);
        if (stem == null) {
            stemmer.setCurrent(buffer, length);
            stemmer.stem();
            stem = java.util.Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
            if (stems.size() >= MAX_REMEMBERED) stems.clear();
            stems.put(java.util.Arrays.copyOf(buffer, length), stem);
        }
        term.copyBuffer(stem, 0, stem.length);
        return true;
    }
}
