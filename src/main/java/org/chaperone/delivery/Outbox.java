package org.chaperone.delivery;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Seq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable outbox (collection {@code outbox}): one entry per outgoing delivery, written together
 * with the message it belongs to and removed once delivered. Delivery is at-least-once: an entry
 * is leased while being sent, and a crash leaves it to be sent again after the lease ends.
 *
 * <p>Entries are either a relayed message (rendered from the stored message when sent), prepared
 * mail (notices, alerts, invitations: the MIME is in the entry), or a text message.
 * Entries of one conversation go out in the order they were written.
 */
public final class Outbox {
    public static final String COLLECTION = "outbox";
    public static final Duration LEASE = Duration.ofMinutes(2);

    public enum Kind { RELAY, PREPARED, SMS }

    private final MongoStore store;
    private final MongoCollection<Document> collection;
    private final Duration maxAge;

    public Outbox(MongoStore store, Duration maxAge) {
        this.store = store;
        this.collection = store.collection(COLLECTION);
        this.maxAge = maxAge;
    }

    /** An entry delivering stored message {@code messageId} to {@code recipients}. */
    public Document relayEntry(String organisationId, String conversation, String messageId, List<String> recipients,
                               Instant notBefore, Instant now) {
        return base(organisationId, conversation, Kind.RELAY, notBefore, now)
                .append("_id", messageId + ":relay")
                .append("messageId", messageId)
                .append("recipients", recipients);
    }

    /** An entry sending mail prepared by the caller (a notice, an alert, an invitation). */
    public Document preparedEntry(String organisationId, String conversation, List<String> recipients, byte[] mime,
                                  boolean urgent, Instant notBefore, Instant now, String purpose) {
        return base(organisationId, conversation, Kind.PREPARED, notBefore, now)
                .append("_id", Ids.newId())
                .append("recipients", recipients)
                .append("mime", new Binary(mime))
                .append("urgent", urgent)
                .append("purpose", purpose);
    }

    /** An entry sending a text message from a relay number. */
    public Document smsEntry(String organisationId, String conversation, String messageId, String from, String to,
                             String body, Instant notBefore, Instant now) {
        return base(organisationId, conversation, Kind.SMS, notBefore, now)
                .append("_id", (messageId != null ? messageId : Ids.newId()) + ":sms:" + to)
                .append("messageId", messageId)
                .append("recipients", List.of(to))
                .append("smsFrom", from)
                .append("smsBody", body);
    }

    private Document base(String organisationId, String conversation, Kind kind, Instant notBefore, Instant now) {
        Instant due = notBefore == null || notBefore.isBefore(now) ? now : notBefore;
        return new Document("organisationId", organisationId)
                .append("conversation", conversation)
                .append("kind", kind.name())
                .append("seq", Seq.next())
                .append("notBefore", Date.from(due))
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(due.plus(maxAge)))
                .append("attempts", 0)
                .append("leaseUntil", null);
    }

    public void insert(Document entry) {
        collection.insertOne(entry);
    }

    /**
     * Entries that may be sent now, in the order to send them: for each conversation its earliest entries that are
     * due and not leased, up to the first one that is not (a later message never overtakes an earlier one that is
     * waiting to be retried or being sent), at most {@code perConversation} of each and {@code limit} in all.
     * One read of the outbox serves a whole batch: on the embedded server every read that is not by {@code _id}
     * scans the collection, so a read per message would make delivery quadratic in the backlog.
     * The documents hold {@code _id} and {@code conversation}; {@link #claim} reads the entries whole.
     *
     * <p>On the embedded server the outbox is read from a snapshot of the store ({@link MongoStore#scanWithoutLocking}):
     * a query there scans the whole collection while holding its lock, and every message stored meanwhile (its outbox
     * entry is written with it) waits for the scan. A snapshot may be slightly behind the collection, which is safe:
     * an entry added since is seen next round, and one leased since (by another node) is not obtained, because
     * {@link #claim} leases, in one write, only entries whose lease is free, whatever the read saw. That write does not
     * check {@code notBefore} nor whether the entry is still there; a snapshot nonetheless never shows an entry sent,
     * put back for a retry or deferred as it was before, because the embedded server serves one node and only its
     * delivery worker updates or removes entries, on the thread that calls this, and each of those writes is finished
     * before this reads. An external MongoDB is queried (its reads do not hold up writes).
     */
    public List<Document> due(Instant now, int limit, int perConversation) {
        return dueFromSnapshot(now, limit, perConversation).orElseGet(() -> dueByQuery(now, limit, perConversation));
    }

    /**
     * {@link #due} read from a snapshot of the embedded store; empty for an external MongoDB, or when an entry in the
     * snapshot cannot be read (see {@link UnreadableEntry}).
     */
    Optional<List<Document>> dueFromSnapshot(Instant now, int limit, int perConversation) {
        List<Head> heads;
        try {
            heads = store.scanWithoutLocking(COLLECTION, Outbox::head).orElse(null);
        } catch (UnreadableEntry e) {
            return Optional.empty();
        }
        if (heads == null) return Optional.empty();
        heads.sort(Comparator.comparingLong(Head::seq));
        return Optional.of(select(heads, now, limit, perConversation));
    }

    /** {@link #due} read with a query, as for an external MongoDB. */
    List<Document> dueByQuery(Instant now, int limit, int perConversation) {
        List<Head> heads = new ArrayList<>();
        for (Document d : collection.find().projection(Projections.include("conversation", "seq", "notBefore", "leaseUntil"))
                .sort(Sorts.ascending("seq"))) {
            Date notBefore = d.getDate("notBefore"), leased = d.getDate("leaseUntil");
            heads.add(new Head(d.getString("_id"), d.getString("conversation"), 0,
                    notBefore == null ? null : notBefore.toInstant(), leased == null ? null : leased.toInstant()));
        }
        return select(heads, now, limit, perConversation);
    }

    /** What {@link #due} reads of an entry; {@code seq} only orders the entries of a snapshot. */
    private record Head(String id, String conversation, long seq, Instant notBefore, Instant leaseUntil) {}

    /** The choice {@link #due} describes, from every entry of the outbox in {@code seq} order. */
    private static List<Document> select(List<Head> all, Instant now, int limit, int perConversation) {
        Set<String> blocked = new HashSet<>();
        Map<String, Integer> taken = new HashMap<>();
        List<Document> out = new ArrayList<>();
        for (Head d : all) {
            String conversation = d.conversation();
            if (conversation != null && blocked.contains(conversation)) continue;
            Instant leased = d.leaseUntil();
            boolean sendable = !d.notBefore().isAfter(now) && (leased == null || leased.isBefore(now));
            if (conversation != null && (!sendable || taken.merge(conversation, 1, Integer::sum) > perConversation)) {
                blocked.add(conversation);
                continue;
            }
            if (!sendable) continue;
            out.add(new Document("_id", d.id()).append("conversation", conversation));
            if (out.size() >= limit) break;
        }
        return out;
    }

    /**
     * An entry as the embedded store's map holds it (values as the embedded server decoded them: dates are
     * {@link Instant}s, or {@link Date}s in a document some other version wrote). Only the fields {@link #due} needs
     * are read; nothing is copied.
     */
    private static Head head(Map<String, Object> m) {
        if (!(m.get("_id") instanceof String id) || !(m.get("seq") instanceof Number seq)) throw UnreadableEntry.INSTANCE;
        Object conversation = m.get("conversation");
        if (conversation != null && !(conversation instanceof String)) throw UnreadableEntry.INSTANCE;
        Instant notBefore = instant(m.get("notBefore"));
        if (notBefore == null) throw UnreadableEntry.INSTANCE;
        return new Head(id, (String) conversation, seq.longValue(), notBefore, instant(m.get("leaseUntil")));
    }

    /** A date as the embedded store holds it: an {@link Instant}, a {@link Date}, or null. */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Date d -> d.toInstant();
            default -> throw UnreadableEntry.INSTANCE;
        };
    }

    /**
     * An entry in the snapshot lacks a field every entry has, or holds one of another type: {@link #due} reads the
     * outbox with the query instead, so such an entry is treated (or reported) exactly as before. (The embedded server
     * changes stored documents in place, so a read overlapping an update could see one incomplete; only the thread
     * that calls {@link #due} updates outbox entries, so this is a safeguard.)
     */
    private static final class UnreadableEntry extends RuntimeException {
        static final UnreadableEntry INSTANCE = new UnreadableEntry();

        private UnreadableEntry() {
            super("an outbox entry the snapshot cannot read", null, false, false);
        }
    }

    /**
     * Leases the entries to node {@code owner} with one write, and returns, whole and in the order given, those this
     * call obtained (another node or an earlier lease may hold some). The lease lasts {@link #LEASE}.
     */
    public List<Document> claim(List<String> ids, Instant now, String owner) {
        if (ids.isEmpty()) return List.of();
        String token = Ids.hexToken(12);
        collection.updateMany(Filters.and(Filters.in("_id", ids),
                        Filters.or(Filters.eq("leaseUntil", null), Filters.lt("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("leaseUntil", Date.from(now.plus(LEASE))), Updates.set("leaseOwner", owner),
                        Updates.set("leaseToken", token)));
        java.util.Map<String, Document> got = new java.util.HashMap<>();
        // Read back by _id (a key lookup on every server) and keep what carries this claim's token.
        for (Document d : collection.find(Filters.in("_id", ids))) {
            if (token.equals(d.getString("leaseToken"))) got.put(d.getString("_id"), d);
        }
        List<Document> out = new ArrayList<>(got.size());
        for (String id : ids) {
            Document d = got.get(id);
            if (d != null) out.add(d);
        }
        return out;
    }

    /** Gives back leases node {@code owner} took but will not use now (the entries are due again at once). */
    public void release(List<String> ids, String owner) {
        if (ids.isEmpty()) return;
        collection.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("leaseOwner", owner)),
                Updates.set("leaseUntil", null));
    }

    /**
     * Frees the leases node {@code owner} held when it stopped. Called when that node starts again: its
     * predecessor crashed mid-send, and without this the entry (and every later one of its conversation)
     * would wait out the whole lease.
     */
    public long releaseLeases(String owner) {
        return collection.updateMany(Filters.and(Filters.eq("leaseOwner", owner), Filters.ne("leaseUntil", null)),
                Updates.set("leaseUntil", null)).getModifiedCount();
    }

    /**
     * Removes a sent entry, durably: a crash after this returns cannot send it again, so a crash re-sends
     * at most the entry that was under way.
     */
    public void done(String id) {
        collection.deleteOne(Filters.eq("_id", id));
        store.awaitDurable();
    }

    /**
     * Removes a sent entry and asks for the removal to be made durable. The caller awaits it before it sends anything
     * else (a crash then re-sends at most the entry under way) and may prepare the next delivery meanwhile.
     */
    public MongoStore.Pending removeSent(String id) {
        collection.deleteOne(Filters.eq("_id", id));
        return store.requestDurable();
    }

    public void retryLater(String id, int attempts, Instant next, String error) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("attempts", attempts), Updates.set("notBefore", Date.from(next)),
                Updates.set("leaseUntil", null), Updates.set("lastError", error)));
    }

    /** Held back until a given time (quiet hours) without counting as a failed attempt. */
    public void deferUntil(String id, Instant next) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("notBefore", Date.from(next)),
                Updates.set("leaseUntil", null)));
    }

    public long pending() {
        return collection.countDocuments();
    }

    public List<Document> all() {
        return collection.find().projection(Projections.exclude("mime")).sort(Sorts.ascending("seq")).into(new ArrayList<>());
    }
}
