package org.chaperone.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.chaperone.store.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One-time invitations that let a new user choose their own password. Only a hash of the token is
 * stored, so a database reader cannot use an open invitation.
 */
public final class Invitations {
    public static final Duration VALIDITY = Duration.ofDays(14);
    private final MongoCollection<Document> collection;
    private final Clock clock;

    public record Invitation(String organisationId, String userId, Instant expiresAt) {}

    public Invitations(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    /** Creates an invitation and returns its token (shown once to the admin who invited). */
    public String create(String organisationId, String userId) {
        String token = Ids.token(160);
        Instant expires = clock.instant().plus(VALIDITY);
        collection.insertOne(new Document("_id", Ids.newId())
                .append("tokenHash", hash(token))
                .append("organisationId", organisationId)
                .append("userId", userId)
                .append("expiresAt", Date.from(expires))
                .append("used", false));
        return token;
    }

    public Optional<Invitation> find(String token) {
        Document d = collection.find(Filters.and(Filters.eq("tokenHash", hash(token)), Filters.eq("used", false))).first();
        if (d == null) return Optional.empty();
        Instant expires = d.getDate("expiresAt").toInstant();
        if (expires.isBefore(clock.instant())) return Optional.empty();
        return Optional.of(new Invitation(d.getString("organisationId"), d.getString("userId"), expires));
    }

    /** Marks the invitation used; false if someone used it first. */
    public boolean consume(String token) {
        return collection.updateOne(Filters.and(Filters.eq("tokenHash", hash(token)), Filters.eq("used", false)),
                Updates.set("used", true)).getModifiedCount() == 1;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
