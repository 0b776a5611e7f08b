package org.chaperone.review;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.pipeline.ConcernHit;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Stage;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Mail to the people who must act at once. An urgent verdict (a critical concern such as self-harm or
 * an abuse disclosure) alerts the organisation's designated safeguarding leads and the pairing's
 * programme managers through the outbox, stored in the same durable batch as the message, marked
 * urgent. An escalation tells the DSLs that a manager handed them an item. Neither ever contains the
 * message text: it names the pairing and the category, and the reader opens the item in the dashboard,
 * where the opening is audit-logged.
 */
public final class Alerts {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final Registry registry;
    private final Outbox outbox;
    private final Composer composer;
    private final Supplier<String> dashboardUrl;

    public Alerts(Registry registry, Outbox outbox, Composer composer, Supplier<String> dashboardUrl) {
        this.registry = registry;
        this.outbox = outbox;
        this.composer = composer;
        this.dashboardUrl = dashboardUrl;
    }

    /** Pipeline stage (after the decision): writes "urgent alert sent to …" into the record with the message. */
    public Stage recordStage() {
        return new Stage() {
            @Override
            public void apply(Envelope e) {
                if (!e.urgent) return;
                List<User> to = urgentRecipients(e.pairing);
                e.incidents.add(new Envelope.IncidentNote("urgent_alert", "Urgent alert (" + categories(e)
                        + ") about a message from " + e.sender.name() + " to " + e.recipient.name() + " sent to "
                        + (to.isEmpty() ? "nobody: the organisation has no active DSL, manager or admin" : people(to)) + "."));
            }

            @Override
            public String name() {
                return "RecordUrgentAlert";
            }
        };
    }

    /** Extra outbox entries for a message being stored: the urgent alert, when the verdict is urgent. */
    public List<Document> outboxEntries(Envelope e) {
        if (!e.urgent) return List.of();
        List<User> to = urgentRecipients(e.pairing);
        if (to.isEmpty()) return List.of();
        String pairing = pairingLabel(e.pairing);
        String categories = categories(e);
        String subject = "URGENT safeguarding alert: " + categories + " in pairing " + pairing;
        String body = "A message in the pairing " + pairing + " (" + programmeName(e.pairing) + ") needs your attention now.\n\n"
                + "Category: " + categories + "\n"
                + "Written by: " + e.sender.name() + " (" + e.sender.role().wireName() + ") to " + e.recipient.name()
                + " (" + e.recipient.role().wireName() + ")\n"
                + "Received: " + WHEN.format(e.receivedAt) + "\n"
                + "The message was " + (e.verdict.held() ? "held: it has not been delivered" : "delivered and flagged") + ".\n\n"
                + "The message text is not included in this email. Open it in the review dashboard (your opening is recorded):\n"
                + itemLink(e.messageId) + "\n\n"
                + "This alert is written in the incident record.\n";
        byte[] mime = composer.text(to.stream().map(User::email).toList(), subject, body, true, e.receivedAt, Ids.newId());
        return List.of(outbox.preparedEntry(e.pairing.organisationId(), "alert:" + e.messageId,
                to.stream().map(User::email).toList(), mime, true, null, e.receivedAt, "urgent_alert"));
    }

    /** The DSLs' escalation mail for a stored message; {@code entryId} makes a retried decision idempotent. */
    public Document escalation(Document message, Pairing pairing, User by, String note, String entryId, Instant now) {
        List<User> to = dsls(pairing.organisationId(), pairing.programmeId());
        if (to.isEmpty()) to = admins(pairing.organisationId());
        if (to.isEmpty()) return null;
        String label = pairingLabel(pairing);
        List<String> categories = ReviewItem.categories(message);
        String subject = "Escalated to you for review: pairing " + label;
        String body = Names.withRole(by) + " escalated a review item to the designated safeguarding lead.\n\n"
                + "Pairing: " + label + " (" + programmeName(pairing) + ")\n"
                + "Why it was flagged: " + (categories.isEmpty() ? "reported" : String.join(", ", categories).replace('_', ' ')) + "\n"
                + "Received: " + WHEN.format(message.getDate("receivedAt").toInstant()) + "\n"
                + (note == null || note.isBlank() ? "" : "Their note: " + note + "\n")
                + "\nThe message text is not included in this email. Open the item in the review dashboard:\n"
                + itemLink(message.getString("_id")) + "\n";
        byte[] mime = composer.text(to.stream().map(User::email).toList(), subject, body, true, now, Ids.newId());
        Document entry = outbox.preparedEntry(pairing.organisationId(), "alert:" + message.getString("_id"),
                to.stream().map(User::email).toList(), mime, true, null, now, "escalation");
        entry.put("_id", entryId);
        return entry;
    }

    public List<User> escalationRecipients(Pairing pairing) {
        List<User> to = dsls(pairing.organisationId(), pairing.programmeId());
        return to.isEmpty() ? admins(pairing.organisationId()) : to;
    }

    /** The DSLs (those of the programme, or all the organisation's) and the pairing's managers; admins if nobody else. */
    public List<User> urgentRecipients(Pairing pairing) {
        Map<String, User> out = new LinkedHashMap<>();
        for (User u : dsls(pairing.organisationId(), pairing.programmeId())) out.put(u.id(), u);
        for (String id : pairing.managerIds()) {
            registry.users.find(pairing.organisationId(), id).filter(User::active).ifPresent(u -> out.put(u.id(), u));
        }
        if (out.isEmpty()) for (User u : admins(pairing.organisationId())) out.put(u.id(), u);
        return new ArrayList<>(out.values());
    }

    private List<User> dsls(String organisationId, String programmeId) {
        List<User> all = active(organisationId, Role.DSL);
        List<User> theirs = all.stream().filter(u -> u.programmeIds().contains(programmeId)).toList();
        return theirs.isEmpty() ? all : theirs;
    }

    private List<User> admins(String organisationId) {
        return active(organisationId, Role.ORG_ADMIN);
    }

    private List<User> active(String organisationId, Role role) {
        return registry.users.list(organisationId, Filters.and(Filters.eq("role", role.wireName()), Filters.eq("active", true)),
                null, 0, 0);
    }

    private String pairingLabel(Pairing p) {
        return new Names(registry, p.organisationId()).pairing(p);
    }

    private String programmeName(Pairing p) {
        return registry.programmes.find(p.organisationId(), p.programmeId()).map(pr -> pr.name()).orElse("programme");
    }

    private String itemLink(String messageId) {
        return dashboardUrl.get() + "#/items/" + messageId;
    }

    /** "self harm (critical), secrecy (high)": most severe first. */
    static String categories(Envelope e) {
        Set<String> out = new LinkedHashSet<>();
        e.concerns.stream().sorted(Comparator.comparingInt(c -> severityRank(c)))
                .forEach(c -> out.add(c.category().replace('_', ' ') + " (" + c.severity() + ")"));
        return out.isEmpty() ? "safeguarding concern" : String.join(", ", out);
    }

    private static int severityRank(ConcernHit c) {
        int i = ReviewItem.SEVERITIES.indexOf(c.severity());
        return i < 0 ? ReviewItem.SEVERITIES.size() : i;
    }

    static String people(List<User> users) {
        return String.join(", ", users.stream().map(Names::withRole).toList());
    }
}
