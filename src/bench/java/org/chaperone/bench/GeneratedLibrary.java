package org.chaperone.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.chaperone.screening.concern.Category;
import org.chaperone.screening.concern.ConcernQuery;
import org.chaperone.screening.concern.Severity;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;

/**
 * A realistic synthetic workload: a vocabulary of pronounceable words, messages whose words follow
 * a Zipf distribution (a few words very common, most rare, as in real text), and a library of
 * concern-style queries (phrases, proximity, alternatives, exclusions, prefixes) over the
 * vocabulary, so that a message matches a handful of queries at most.
 */
final class GeneratedLibrary {
    private static final String[] ONSETS = {"b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k",
        "l", "m", "n", "p", "pl", "pr", "r", "s", "sh", "sk", "sl", "sp", "st", "t", "th", "tr", "v", "w", "z"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "oo", "ou"};
    private static final String[] CODAS = {"", "b", "d", "g", "k", "l", "m", "n", "p", "r", "t", "x", "nd", "nt", "rk", "st"};

    final List<String> vocabulary;
    private final double[] cumulative;
    private final Random random;

    GeneratedLibrary(int vocabularySize, double zipfExponent, long seed) {
        random = new Random(seed);
        vocabulary = words(vocabularySize);
        cumulative = new double[vocabulary.size()];
        double sum = 0;
        for (int r = 0; r < cumulative.length; r++) {
            sum += 1.0 / Math.pow(r + 1, zipfExponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < cumulative.length; r++) cumulative[r] /= sum;
    }

    /** Distinct words that every analyzer used here leaves as they are (no stemming, no text-speak). */
    private List<String> words(int n) {
        Analyzer analyzer = new ConcernAnalyzer();
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            StringBuilder w = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)])
                        .append(CODAS[random.nextInt(CODAS.length)]);
            }
            String word = w.toString();
            if (word.length() >= 3 && analysesToItself(analyzer, word)) out.add(word);
        }
        return new ArrayList<>(out);
    }

    private static boolean analysesToItself(Analyzer analyzer, String word) {
        try (TokenStream ts = analyzer.tokenStream("text", word)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            boolean same = ts.incrementToken() && t.toString().equals(word) && !ts.incrementToken();
            ts.end();
            return same;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A word drawn Zipf-like: rank 1 most often. */
    String zipfWord() {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return vocabulary.get(i < 0 ? -i - 1 : i);
    }

    /** A word drawn evenly from all but the most common {@code skip} words. */
    private String queryWord(int skip) {
        return vocabulary.get(skip + random.nextInt(vocabulary.size() - skip));
    }

    /** A message of about {@code chars} characters, in sentences. */
    String message(int chars) {
        StringBuilder b = new StringBuilder(chars + 32);
        boolean capital = true;
        while (b.length() < chars) {
            String w = zipfWord();
            b.append(capital ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            capital = random.nextInt(12) == 0;
            b.append(capital ? ". " : random.nextInt(15) == 0 ? ", " : " ");
        }
        return b.toString();
    }

    /** Concern-style queries in Lucene syntax, spread over the ten categories. */
    List<ConcernQuery> queries(int n) {
        List<ConcernQuery> out = new ArrayList<>(n);
        Category[] categories = Category.values();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            String q;
            if (kind < 35) {
                q = "\"" + queryWord(50) + " " + queryWord(50) + "\"";
            } else if (kind < 55) {
                q = "\"" + queryWord(50) + " " + queryWord(50) + "\"~3";
            } else if (kind < 70) {
                q = queryWord(50) + " AND " + queryWord(50);
            } else if (kind < 82) {
                q = "\"(" + queryWord(50) + " OR " + queryWord(50) + " OR " + queryWord(50) + ") " + queryWord(50) + "\"~2";
            } else if (kind < 92) {
                q = "(\"" + queryWord(50) + " " + queryWord(50) + "\"~2 OR " + queryWord(2000) + ") -" + queryWord(0);
            } else if (kind < 97) {
                String w = queryWord(50);
                q = "\"" + queryWord(50) + " " + w.substring(0, Math.min(w.length(), 4)) + "*\"~1";
            } else {
                q = queryWord(5000);
            }
            Category c = categories[i % categories.length];
            out.add(ConcernQuery.of(c.wireName() + ".g" + i, c, Severity.MEDIUM, q));
        }
        return out;
    }
}
