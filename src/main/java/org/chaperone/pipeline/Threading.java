package org.chaperone.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.chaperone.store.MongoStore;

import java.util.Locale;

/**
 * Message-ID mapping both ways. Delivered copies carry {@code <messageId@relay domain>}; a reply
 * naming that id is a reply to our stored message. A reply naming the sender's own earlier
 * Message-ID is found through {@code message_ids} (original id → stored message).
 */
public final class Threading {
    public static final String COLLECTION = "message_ids";
    private final MongoCollection<Document> ids;
    private final Messages messages;
    private final String domain;

    public Threading(MongoStore store, Messages messages, String relayDomain) {
        this.ids = store.collection(COLLECTION);
        this.messages = messages;
        this.domain = relayDomain.toLowerCase(Locale.ROOT);
    }

    public String relayId(String messageId) {
        return "<" + messageId + "@" + domain + ">";
    }

    /** The stored message of this pairing that {@code headerId} names, or null. */
    public String resolve(String pairingId, String headerId) {
        if (headerId == null) return null;
        String id = headerId.trim();
        String suffix = "@" + domain + ">";
        if (id.toLowerCase(Locale.ROOT).endsWith(suffix) && id.startsWith("<")) {
            String stored = id.substring(1, id.length() - suffix.length());
            return messages.collection().find(Filters.and(Filters.eq("_id", stored), Filters.eq("pairingId", pairingId)))
                    .projection(new Document("_id", 1)).first() != null ? stored : null;
        }
        Document d = ids.find(Filters.eq("_id", id)).first();
        return d != null && pairingId.equals(d.getString("pairingId")) ? d.getString("messageId") : null;
    }

    /** Remembers a sender's own Message-ID for later replies. Best effort: threading is a convenience. */
    public void remember(String originalId, String messageId, String pairingId) {
        if (originalId == null || originalId.isBlank() || originalId.length() > 250) return;
        ids.replaceOne(Filters.eq("_id", originalId.trim()),
                new Document("_id", originalId.trim()).append("messageId", messageId).append("pairingId", pairingId),
                new ReplaceOptions().upsert(true));
    }

    /**
     * How the recipient knows stored message {@code id}: by their own original Message-ID if they
     * wrote it, else by the id on the copy we delivered to them.
     */
    public String idAsSeenBy(String recipientId, Document stored) {
        if (recipientId.equals(stored.getString("senderId")) && stored.getString("originalMessageId") != null) {
            return stored.getString("originalMessageId");
        }
        return relayId(stored.getString("_id"));
    }
}
