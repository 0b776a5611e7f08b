package org.chaperone.bench;

import org.bson.Document;
import org.chaperone.pipeline.MessageChanges;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generated messages in the shape the pipeline stores them ({@code Messages.toDocument}): words drawn
 * from a Zipf distribution over a vocabulary of common English words followed by ~30,000 made-up words,
 * spread over the pairings of several organisations, in time order over two years, a few percent flagged
 * with concern categories or held for contact details. Deterministic for a seed.
 */
final class SearchCorpus {
    static final List<String> CATEGORIES = List.of("secrecy", "moving_off_platform", "meeting_in_person", "gifts_and_money",
            "romantic_or_sexual", "self_harm", "abuse_disclosure", "alcohol_and_drugs", "discrimination_and_bullying", "recording");
    private static final String[] COMMON = ("the to and you i a of is it for in that be have on we my your at with this what do "
            + "so are can me if not about was will just but how all get go like think know would time good really next week "
            + "thanks hope see there when one from out up more some had did could our they them then also well been going "
            + "make want today help school work maybe very much lot new talk back said still by an or no yes day").split(" ");
    private static final String CONSONANTS = "bdfghjklmnprstvwzcy";
    private static final String VOWELS = "aeiou";
    static final int MADE_UP_WORDS = 30_000;

    /** The vocabulary by rank: common words first. */
    static final String[] VOCABULARY = vocabulary();
    private static final Zipf WORDS = new Zipf(VOCABULARY.length, 1.05);

    private SearchCorpus() {}

    private static String[] vocabulary() {
        List<String> out = new ArrayList<>(List.of(COMMON));
        int syllables = CONSONANTS.length() * VOWELS.length();
        for (int i = 0; out.size() < COMMON.length + MADE_UP_WORDS; i++) {
            StringBuilder w = new StringBuilder();
            int n = i, parts = i < syllables * syllables ? 2 : 3;
            for (int p = 0; p < parts; p++) {
                int s = n % syllables;
                n /= syllables;
                w.append(CONSONANTS.charAt(s / VOWELS.length())).append(VOWELS.charAt(s % VOWELS.length()));
            }
            out.add(w.toString());
        }
        return out.toArray(String[]::new);
    }

    /**
     * A content word a person might search for: by the same Zipf law, never one of the common words, and
     * among the 2,000 most used (people search for words they expect to find, not for hapaxes).
     */
    static String searchWord(SplittableRandom random) {
        while (true) {
            int rank = WORDS.sample(random);
            if (rank >= COMMON.length && rank < COMMON.length + 2_000) return VOCABULARY[rank];
        }
    }

    static String words(SplittableRandom random, int count) {
        StringBuilder b = new StringBuilder();
        int sentence = 0;
        for (int i = 0; i < count; i++) {
            String w = VOCABULARY[WORDS.sample(random)];
            if (sentence == 0) {
                if (i > 0) b.append(' ');
                b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                b.append(' ').append(w);
            }
            if (++sentence >= 6 + random.nextInt(10) || i == count - 1) {
                b.append(random.nextInt(6) == 0 ? '?' : '.');
                sentence = 0;
            }
        }
        return b.toString();
    }

    /** The messages, oldest first, ending at {@code end}. */
    static Iterator<Document> messages(Tenancy tenancy, int count, Instant end, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = end.minus(Duration.ofDays(730));
        long spanMillis = Duration.between(start, end).toMillis();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Document next() {
                if (i >= count) throw new NoSuchElementException();
                long at = start.toEpochMilli() + spanMillis * i / count + random.nextInt(1000);
                i++;
                Tenancy.Pairing p = tenancy.pairings().get(random.nextInt(tenancy.pairings().size()));
                boolean fromMentor = random.nextBoolean();
                long seq = at * 1000 + (i % 1000);
                Document verdict = new Document("action", "deliver").append("reasons", List.of()).append("contacts", List.of())
                        .append("concerns", List.of()).append("redact", false).append("urgent", false);
                String state = "delivered";
                Document review = null;
                int roll = random.nextInt(1000);
                if (roll < 30) {   // 3%: a concern
                    String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                    int s = random.nextInt(100);
                    String severity = s < 5 ? "critical" : s < 30 ? "high" : s < 75 ? "medium" : "low";
                    boolean hold = random.nextInt(4) == 0;
                    verdict.put("action", hold ? "hold" : "deliver_flagged");
                    verdict.put("reasons", List.of(new Document("code", "concern:" + category).append("detail", "a concern")
                            .append("action", hold ? "hold" : "deliver_flagged")));
                    verdict.put("concerns", List.of(new Document("category", category).append("severity", severity)
                            .append("queryId", category + ".q1").append("query", "\"x\"").append("part", "text:0")
                            .append("spans", List.of())));
                    state = hold ? (random.nextBoolean() ? "held" : "rejected") : "delivered";
                    review = new Document("state", random.nextInt(3) == 0 ? "open" : "reviewed");
                } else if (roll < 40) {   // 1%: contact details, held
                    verdict.put("action", "hold");
                    verdict.put("reasons", List.of(new Document("code", "contact_details").append("detail", "a phone number")
                            .append("action", "hold")));
                    state = random.nextBoolean() ? "held" : "rejected";
                    review = new Document("state", "open");
                }
                int length = 8 + (int) Math.min(400, Math.round(Math.exp(3.6 + random.nextGaussian() * 0.6)));
                return new Document("_id", Long.toHexString(seed) + "-" + i)
                        .append("organisationId", p.organisationId()).append("programmeId", p.programmeId())
                        .append("pairingId", p.id()).append("channel", random.nextInt(10) < 7 ? "email" : "web")
                        .append("direction", fromMentor ? "mentor_to_mentee" : "mentee_to_mentor")
                        .append("senderId", fromMentor ? p.mentorId() : p.menteeId())
                        .append("recipientId", fromMentor ? p.menteeId() : p.mentorId())
                        .append("receivedAt", new Date(at)).append("seq", seq).append(MessageChanges.FIELD, seq)
                        .append("subject", words(random, 2 + random.nextInt(5)))
                        .append("text", words(random, length))
                        .append("verdict", verdict).append("state", state).append("review", review);
            }
        };
    }

    /** Ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting the cumulative sum. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) cumulative[i] /= sum;
        }

        int sample(SplittableRandom random) {
            int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(i < 0 ? -i - 1 : i, cumulative.length - 1);
        }
    }
}
