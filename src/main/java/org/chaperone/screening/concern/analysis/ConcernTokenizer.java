package org.chaperone.screening.concern.analysis;

import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits into words made of letters and digits, keeping apostrophes and the symbols people put in
 * place of letters ({@code $ecret}, {@code k!ll}, {@code a$$}) inside the word; {@link
 * SymbolTrimFilter} then decides what each symbol was. Currency signs stay on amounts ("£20").
 */
final class ConcernTokenizer extends CharTokenizer {
    @Override
    protected boolean isTokenChar(int c) {
        return Character.isLetterOrDigit(c) || Leetspeak.isSymbol(c) || Apostrophes.is(c) || Money.isCurrency(c);
    }
}
