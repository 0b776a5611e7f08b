package org.chaperone.store;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Every collection and index, created idempotently at start. Unique constraints live here so
 * the database, not the code, guarantees them.
 */
public final class Schema {
    public static final String ORGANISATIONS = "organisations";
    public static final String PROGRAMMES = "programmes";
    public static final String SCHOOLS = "schools";
    public static final String USERS = "users";
    public static final String PAIRINGS = "pairings";
    public static final String SIGN_IN_FAILURES = "sign_in_failures";
    public static final String INVITATIONS = "invitations";
    public static final String META = "meta";
    public static final String RELAY_ADDRESSES = "relay_addresses";
    public static final String SECURITY_EVENTS = "security_events";

    private Schema() {}

    public static void ensure(MongoStore store) {
        store.collection(PROGRAMMES).createIndex(Indexes.ascending("organisationId"));
        store.collection(SCHOOLS).createIndex(Indexes.ascending("organisationId"));
        // One account per email in an organisation.
        store.collection(USERS).createIndex(Indexes.ascending("organisationId", "email"),
                new IndexOptions().unique(true).name("user_email_per_organisation"));
        store.collection(USERS).createIndex(Indexes.ascending("email"));
        store.collection(PAIRINGS).createIndex(Indexes.ascending("organisationId", "programmeId"));
        store.collection(PAIRINGS).createIndex(Indexes.ascending("mentorId"));
        store.collection(PAIRINGS).createIndex(Indexes.ascending("menteeId"));
        // Replies that name a sender's own Message-ID (rare) are found by it; on the embedded server this scans.
        store.collection("messages").createIndex(Indexes.ascending("pairingId", "originalMessageId"));
        store.collection(INVITATIONS).createIndex(Indexes.ascending("tokenHash"),
                new IndexOptions().unique(true).name("invitation_token"));
        // Texts: an approved number's _id is the number itself; these serve listings and refused-text records.
        store.collection(USERS).createIndex(Indexes.ascending("phones"));
        store.collection(org.chaperone.numbers.ApprovedNumbers.COLLECTION).createIndex(Indexes.ascending("organisationId", "schoolId"));
        store.collection(org.chaperone.numbers.ApprovedNumbers.COLLECTION).createIndex(Indexes.ascending("organisationId", "mentorId"));
        store.collection(org.chaperone.numbers.RelayNumbers.ROUTES).createIndex(Indexes.ascending("number"));
        // Derived data (the search index) polls message changes by this stamp.
        store.collection(org.chaperone.pipeline.Messages.COLLECTION).createIndex(
                Indexes.ascending(org.chaperone.pipeline.MessageChanges.FIELD));
        store.collection(org.chaperone.quiet.QuietNights.COLLECTION).createIndex(Indexes.ascending("expiresAt"),
                new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS).name("quiet_night_expiry"));
        store.collection(org.chaperone.ingress.sms.InboundTexts.COLLECTION).createIndex(Indexes.ascending("expiresAt"),
                new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS).name("inbound_text_expiry"));
    }
}
