package org.chaperone.privacy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.review.Incidents;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Removes message content once an organisation's retention period has passed. What stays: the
 * message's skeleton (who, when, pairing, verdict codes, delivery state), every incident record,
 * and the full content of any message an incident record refers to — the written record keeps its
 * evidence. The gateway runs this itself (TTL indexes do not expire anything on the embedded server).
 */
public final class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    /** Fields that hold what people wrote. */
    static final List<String> CONTENT = List.of("subject", "text", "html", "raw", "parts", "attachments");

    private final MongoStore store;
    private final Clock clock;
    private final Consumer<String> contentRemoved;

    /** @param contentRemoved told the id of each message whose content was removed (the search index drops it) */
    public RetentionJob(MongoStore store, Clock clock, Consumer<String> contentRemoved) {
        this.store = store;
        this.clock = clock;
        this.contentRemoved = contentRemoved;
    }

    public record Result(int organisations, int messagesCleared, int keptForIncidents) {}

    public Result run() {
        int orgs = 0, cleared = 0, kept = 0;
        for (Document org : store.collection(Schema.ORGANISATIONS).find()) {
            orgs++;
            String orgId = org.getString("_id");
            int days = org.getInteger("retentionDays", 730);
            Instant cutoff = clock.instant().minus(Duration.ofDays(days));
            Set<String> evidence = new HashSet<>();
            for (Document i : store.collection(Incidents.COLLECTION).find(Filters.and(Filters.eq("organisationId", orgId),
                    Filters.ne("messageId", null))).projection(Projections.include("messageId"))) {
                evidence.add(i.getString("messageId"));
            }
            List<String> due = new ArrayList<>();
            for (Document m : store.collection(Messages.COLLECTION).find(Filters.and(Filters.eq("organisationId", orgId),
                    Filters.lt("receivedAt", Date.from(cutoff)), Filters.exists("contentRemovedAt", false)))
                    .projection(Projections.include("_id"))) {
                if (evidence.contains(m.getString("_id"))) kept++;
                else due.add(m.getString("_id"));
            }
            for (String id : due) {
                List<org.bson.conversions.Bson> updates = new ArrayList<>();
                for (String f : CONTENT) updates.add(Updates.unset(f));
                updates.add(Updates.set("verdict.contacts", List.of()));
                updates.add(Updates.set("contentRemovedAt", Date.from(clock.instant())));
                updates.add(MessageChanges.stamp());   // the search index drops the text too, on every node
                store.collection(Messages.COLLECTION).updateOne(Filters.eq("_id", id), Updates.combine(updates));
                contentRemoved.accept(id);
                cleared++;
            }
        }
        if (cleared > 0 || kept > 0) {
            LOG.info("retention: content removed from " + cleared + " message(s); " + kept + " kept because incident records refer to them");
        }
        return new Result(orgs, cleared, kept);
    }
}
