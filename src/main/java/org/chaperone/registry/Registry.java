package org.chaperone.registry;

import com.mongodb.client.model.Filters;
import org.chaperone.store.Docs;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;
import org.chaperone.store.ScopedCollection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The organisation's people and structure: organisations, programmes, schools, users, pairings. */
public final class Registry {
    /**
     * How long another gateway node may take to see a change to a pairing, programme or user (a pairing
     * ended, an account deactivated). Changes made through this node are seen at once.
     */
    public static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(5);
    private final MongoStore store;
    public final ScopedCollection<Programme> programmes;
    public final ScopedCollection<School> schools;
    public final ScopedCollection<User> users;
    public final ScopedCollection<Pairing> pairings;

    public Registry(MongoStore store) {
        this.store = store;
        // Every message reads its pairing, programme and people; a short cache keeps that off the database.
        this.programmes = new ScopedCollection<>(store.collection(Schema.PROGRAMMES), Programme.class, CACHE_FOR);
        this.schools = new ScopedCollection<>(store.collection(Schema.SCHOOLS), School.class);
        this.users = new ScopedCollection<>(store.collection(Schema.USERS), User.class, CACHE_FOR);
        this.pairings = new ScopedCollection<>(store.collection(Schema.PAIRINGS), Pairing.class, CACHE_FOR);
    }

    public Optional<Organisation> organisation(String id) {
        return Optional.ofNullable(Docs.fromDocument(
                store.collection(Schema.ORGANISATIONS).find(Filters.eq("_id", id)).first(), Organisation.class));
    }

    public void insertOrganisation(Organisation organisation) {
        store.collection(Schema.ORGANISATIONS).insertOne(Docs.toDocument(organisation));
    }

    public void replaceOrganisation(Organisation organisation) {
        store.collection(Schema.ORGANISATIONS).replaceOne(Filters.eq("_id", organisation.id()), Docs.toDocument(organisation));
    }

    public long organisationCount() {
        return store.collection(Schema.ORGANISATIONS).countDocuments();
    }

    /** Active accounts with this email, in any organisation (sign-in starts before we know which). */
    public List<User> activeUsersByEmail(String email) {
        return users.findAcrossOrganisations(Filters.and(
                Filters.eq("email", email.toLowerCase(Locale.ROOT)), Filters.eq("active", true)));
    }

    public Optional<User> user(String organisationId, String id) {
        return users.find(organisationId, id);
    }
}
