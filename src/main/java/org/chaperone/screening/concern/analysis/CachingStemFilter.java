package org.chaperone.screening.concern.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRefBuilder;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The Snowball English stemmer ("killing" is "kill", "dying" is "die"), remembering the stems it
 * has worked out; when matching against a {@link QueryVocabulary}, it also drops the words no
 * query can match (their positions still count) and remembers that too. Word frequencies follow
 * Zipf's law, so a few thousand remembered words cover nearly every word of a message: stemming
 * and the vocabulary check were a third of the cost of matching, and one lookup now does both.
 *
 * <p>An analyzer keeps one token stream per thread, so the memory is never shared between threads.
 */
final class CachingStemFilter extends FilteringTokenFilter {
    private static final int MAX_REMEMBERED = 50_000;
    /** Remembered for words no query can match. */
    private static final char[] DROPPED = new char[0];

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final EnglishStemmer stemmer = new EnglishStemmer();
    private final CharArrayMap<char[]> stems = new CharArrayMap<>(1024, false);
    private final QueryVocabulary keep;
    private final BytesRefBuilder scratch = new BytesRefBuilder();

    /** @param keep the words to keep, or null to keep every word */
    CachingStemFilter(TokenStream in, QueryVocabulary keep) {
        super(in);
        this.keep = keep;
    }

    @Override
    protected boolean accept() throws IOException {
        char[] buffer = term.buffer();
        int length = term.length();
        char[] stem = stems.get(buffer, 0, length);
        if (stem == null) {
            stemmer.setCurrent(buffer, length);
            stemmer.stem();
            stem = java.util.Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
            if (keep != null && !keep.contains(stem, stem.length, scratch)) stem = DROPPED;
            if (stems.size() >= MAX_REMEMBERED) stems.clear();
            stems.put(java.util.Arrays.copyOf(buffer, length), stem);
        }
        if (stem == DROPPED) return false;
        term.copyBuffer(stem, 0, stem.length);
        return true;
    }
}
