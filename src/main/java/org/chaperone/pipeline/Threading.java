package org.chaperone.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.store.MongoStore;

import java.util.Locale;

/**
 * Message-ID mapping both ways. Delivered copies carry {@code <messageId@relay domain>}; a reply
 * naming that id is a reply to our stored message (a key lookup). A reply naming the sender's own
 * earlier Message-ID (a client that dropped In-Reply-To, or a follow-up to one's own message) is
 * found by the stored {@code originalMessageId}.
 */
public final class Threading {
    private final MongoStore store;
    private final Messages messages;
    private final String domain;

    public Threading(MongoStore store, Messages messages, String relayDomain) {
        this.store = store;
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
        return byOriginalId(pairingId, id);
    }

    /**
     * The stored message of this pairing its sender sent with Message-ID {@code id}. On the embedded server this
     * reads a snapshot of the store: a query there would scan every stored message while holding the collection's
     * lock, so each such id in a reply's headers would stall every message being stored meanwhile. An external
     * MongoDB answers from its index on pairing and original id.
     */
    private String byOriginalId(String pairingId, String id) {
        java.util.Optional<java.util.List<String>> scanned = store.scanWithoutLocking(Messages.COLLECTION,
                m -> id.equals(m.get("originalMessageId")) && pairingId.equals(m.get("pairingId"))
                        && m.get("_id") instanceof String found ? found : null);
        if (scanned.isPresent()) return scanned.get().isEmpty() ? null : scanned.get().getFirst();
        Document d = messages.collection().find(Filters.and(Filters.eq("originalMessageId", id), Filters.eq("pairingId", pairingId)))
                .projection(new Document("_id", 1)).first();
        return d == null ? null : d.getString("_id");
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
