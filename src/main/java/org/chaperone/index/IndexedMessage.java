package org.chaperone.index;

import com.mongodb.client.model.Projections;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.bson.conversions.Bson;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.review.ReviewItem;

import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * How a stored message (a {@code messages} document) becomes a Lucene document: organisation,
 * programme and pairing for the caller's scope; category, severity, verdict, state, direction and
 * sender role for filters; the time for ranges and sorting; subject and text for words, with
 * offsets so snippets can be highlighted without analysing the text again. Stored: only what a
 * result shows.
 */
final class IndexedMessage {
    static final String ID = "id";
    static final String ORGANISATION = "organisation";
    static final String PROGRAMME = "programme";
    static final String PAIRING = "pairing";
    static final String CHANNEL = "channel";
    static final String DIRECTION = "direction";
    static final String SENDER_ROLE = "senderRole";
    static final String VERDICT = "verdict";
    static final String CATEGORY = "category";
    static final String SEVERITY = "severity";
    static final String STATE = "state";
    static final String REVIEW = "review";
    static final String RECEIVED_AT = "receivedAt";
    static final String SEQ = "seq";
    static final String SUBJECT = "subject";
    static final String TEXT = "text";
    /** The fields a query's words may name; everything else is a filter the service sets. */
    static final Set<String> WORD_FIELDS = Set.of(SUBJECT, TEXT);
    /** Severity of a message with no concern (only other rules, or none): lets "none" be filtered like the queue does. */
    static final String NO_SEVERITY = "none";
    /** Text beyond this is not indexed: a 25 MiB email would otherwise dominate the index for no reader's benefit. */
    static final int MAX_TEXT_CHARS = 200_000;

    /** What is read from MongoDB for indexing: never the raw MIME or the screened parts. */
    static final Bson PROJECTION = Projections.exclude("raw", "html", "parts", "attachments");

    private static final FieldType WORDS = new FieldType(TextField.TYPE_STORED);

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WORDS.freeze();
    }

    private IndexedMessage() {}

    static Term key(String messageId) {
        return new Term(ID, messageId);
    }

    /** The change stamp of a stored message: {@code updatedSeq}, or {@code seq} for one stored before stamps. */
    static long stamp(java.util.Map<String, Object> m) {
        Number n = (Number) m.get(MessageChanges.FIELD);
        if (n == null) n = (Number) m.get("seq");
        return n == null ? 0L : n.longValue();
    }

    static Document of(org.bson.Document m) {
        Document d = new Document();
        d.add(new StringField(ID, m.getString("_id"), Field.Store.YES));
        d.add(new StringField(ORGANISATION, nonNull(m.getString("organisationId")), Field.Store.YES));
        d.add(new StringField(PROGRAMME, nonNull(m.getString("programmeId")), Field.Store.YES));
        d.add(new StringField(PAIRING, nonNull(m.getString("pairingId")), Field.Store.YES));
        keyword(d, CHANNEL, m.getString("channel"));
        String direction = m.getString("direction");
        keyword(d, DIRECTION, direction);
        keyword(d, SENDER_ROLE, direction == null ? null : direction.startsWith("mentor_") ? "mentor" : "mentee");
        keyword(d, VERDICT, ReviewItem.verdict(m).getString("action"));
        for (String category : ReviewItem.categories(m)) keyword(d, CATEGORY, category);
        String severity = ReviewItem.severity(m);
        keyword(d, SEVERITY, severity == null ? NO_SEVERITY : severity);
        keyword(d, STATE, m.getString("state"));
        org.bson.Document review = ReviewItem.review(m);
        keyword(d, REVIEW, review == null ? null : review.getString("state"));

        Date received = m.getDate("receivedAt");
        long at = received == null ? 0L : received.getTime();
        d.add(new LongPoint(RECEIVED_AT, at));
        d.add(new NumericDocValuesField(RECEIVED_AT, at));
        d.add(new StoredField(RECEIVED_AT, at));
        Number seq = (Number) m.get("seq");
        d.add(new NumericDocValuesField(SEQ, seq == null ? 0L : seq.longValue()));

        d.add(new Field(SUBJECT, nonNull(m.getString("subject")), WORDS));
        String text = nonNull(m.getString("text"));
        d.add(new Field(TEXT, text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text, WORDS));
        return d;
    }

    private static void keyword(Document d, String field, String value) {
        if (value != null && !value.isBlank()) d.add(new StringField(field, value, Field.Store.YES));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    static List<String> values(Document stored, String field) {
        return List.of(stored.getValues(field));
    }
}
