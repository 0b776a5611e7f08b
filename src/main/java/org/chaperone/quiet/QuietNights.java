package org.chaperone.quiet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

/**
 * Per sender and quiet-hours night (collection {@code quiet_hours_nights}, {@code _id = "<sender>/<date>"}):
 * how many messages they wrote, and whether they were told that messages wait for the morning. Both are
 * single-document atomic updates, so concurrent messages count and notify correctly on any node.
 */
public final class QuietNights {
    public static final String COLLECTION = "quiet_hours_nights";
    private final MongoCollection<Document> collection;

    public QuietNights(MongoStore store) {
        this.collection = store.collection(COLLECTION);
    }

    /** Counts one more message by this sender in this night; returns the count including it. */
    public int countMessage(String organisationId, String senderId, LocalDate night, Instant nightEnds) {
        Document d = collection.findOneAndUpdate(Filters.eq("_id", id(senderId, night)),
                Updates.combine(Updates.inc("messages", 1),
                        Updates.setOnInsert("organisationId", organisationId),
                        Updates.setOnInsert("senderId", senderId),
                        Updates.setOnInsert("night", night.toString()),
                        // Kept a week after the night for the record; a real MongoDB's TTL index removes it then.
                        Updates.setOnInsert("expiresAt", Date.from(nightEnds.plus(java.time.Duration.ofDays(7))))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return d.getInteger("messages", 1);
    }

    /** True exactly once per sender and night: the first caller tells the sender. */
    public boolean claimNotice(String senderId, LocalDate night) {
        return collection.findOneAndUpdate(Filters.and(Filters.eq("_id", id(senderId, night)), Filters.ne("noticeSent", true)),
                Updates.set("noticeSent", true)) != null;
    }

    private static String id(String senderId, LocalDate night) {
        return senderId + "/" + night;
    }
}
