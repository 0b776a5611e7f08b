package org.chaperone.ingress.sms;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.store.MongoStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Texts already accepted, by provider id (collection {@code sms_inbound}, {@code _id = "<provider>:<id>"}),
 * so a provider that repeats a webhook does not relay the text twice.
 */
public final class InboundTexts {
    public static final String COLLECTION = "sms_inbound";
    private final MongoCollection<Document> collection;

    public InboundTexts(MongoStore store) {
        this.collection = store.collection(COLLECTION);
    }

    /** The stored message id of a text seen before. */
    public Optional<String> seen(String provider, String providerId) {
        if (providerId == null) return Optional.empty();
        Document d = collection.find(Filters.eq("_id", provider + ":" + providerId)).first();
        return d == null ? Optional.empty() : Optional.of(d.getString("messageId"));
    }

    public void remember(String provider, String providerId, String messageId, Instant at) {
        if (providerId == null) return;
        try {
            collection.insertOne(new Document("_id", provider + ":" + providerId).append("messageId", messageId)
                    .append("at", Date.from(at)).append("expiresAt", Date.from(at.plus(Duration.ofDays(30)))));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
        }
    }
}
