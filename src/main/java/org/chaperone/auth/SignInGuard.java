package org.chaperone.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins for one account, or four
 * times as many from one network address, further attempts are refused for {@code lockout}.
 * Counters live in MongoDB so every gateway node sees the same ones.
 */
public final class SignInGuard {
    private final MongoCollection<Document> failures;
    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;

    public SignInGuard(MongoCollection<Document> failures, int maxFailures, Duration lockout, Clock clock) {
        this.failures = failures;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long the caller must wait, if either the account or the address is locked. */
    public Optional<Duration> retryAfter(String email, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {accountKey(email), addressKey(address)}) {
            Document d = failures.find(Filters.eq("_id", key)).first();
            if (d != null && d.getDate("lockedUntil") != null) {
                Instant until = d.getDate("lockedUntil").toInstant();
                if (until.isAfter(now) && Duration.between(now, until).compareTo(wait) > 0) {
                    wait = Duration.between(now, until);
                }
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void recordFailure(String email, String address) {
        count(accountKey(email), maxFailures);
        count(addressKey(address), maxFailures * 4);
    }

    public void recordSuccess(String email) {
        failures.deleteOne(Filters.eq("_id", accountKey(email)));
    }

    private void count(String key, int limit) {
        Instant now = clock.instant();
        Date windowStart = Date.from(now.minus(lockout));
        // Failures older than the lockout window no longer count.
        failures.deleteOne(Filters.and(Filters.eq("_id", key), Filters.lt("firstFailure", windowStart),
                Filters.or(Filters.eq("lockedUntil", null), Filters.lt("lockedUntil", Date.from(now)))));
        Document d = failures.findOneAndUpdate(Filters.eq("_id", key),
                Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("firstFailure", Date.from(now))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        if (d != null && d.getInteger("count", 0) >= limit) {
            failures.updateOne(Filters.eq("_id", key), Updates.combine(
                    Updates.set("lockedUntil", Date.from(now.plus(lockout))),
                    Updates.set("count", 0),
                    Updates.set("firstFailure", Date.from(now))));
        }
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
