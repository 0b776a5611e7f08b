package org.chaperone.screening.concern.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

/**
 * Reads concern queries and messages the same way, so that disguised writing matches plain queries:
 * the contact screener's folding of look-alike and invisible characters, then words with the
 * punctuation off their edges, words spelled out letter by letter joined up, text-speak,
 * contractions, leetspeak and stretched letters read as the words they stand for, and inflections
 * taken off (the Snowball English stemmer: "killing" is "kill", "dying" and "died" are "die").
 */
public final class ConcernAnalyzer extends Analyzer {
    private final QueryVocabulary keep;

    /** Reads queries and messages. */
    public ConcernAnalyzer() {
        this(null);
    }

    private ConcernAnalyzer(QueryVocabulary keep) {
        this.keep = keep;
    }

    /**
     * Reads messages for matching against queries whose words are {@code vocabulary}: the same
     * reading, without the words no query can match (their positions still count, so phrases and
     * proximity match exactly as before).
     */
    public static ConcernAnalyzer forMatching(QueryVocabulary vocabulary) {
        return new ConcernAnalyzer(vocabulary);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new FoldingCharFilter(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new FoldingCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new ConcernTokenizer();
        TokenStream s = new LowerCaseFilter(source);
        s = new SymbolTrimFilter(s);
        s = new SpelledOutFilter(s);
        s = new VariantFilter(s);
        s = new CachingStemFilter(s, keep);
        return new TokenStreamComponents(source, s);
    }

    /** Wildcard and prefix terms in queries are folded and lower-cased, but not stemmed. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
