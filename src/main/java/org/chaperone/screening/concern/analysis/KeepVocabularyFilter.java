package org.chaperone.screening.concern.analysis;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRefBuilder;

/** Keeps only the words some query can match; the others' positions still count. */
final class KeepVocabularyFilter extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final QueryVocabulary vocabulary;
    private final BytesRefBuilder scratch = new BytesRefBuilder();

    KeepVocabularyFilter(TokenStream in, QueryVocabulary vocabulary) {
        super(in);
        this.vocabulary = vocabulary;
    }

    @Override
    protected boolean accept() {
        return vocabulary.contains(term.buffer(), term.length(), scratch);
    }
}
