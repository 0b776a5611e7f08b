package org.chaperone.numbers;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The register of approved numbers (collection {@code approved_numbers}). The E.164 number is the
 * {@code _id}: "one mentor at a time" is enforced by the key itself, and finding who a texting number
 * belongs to is one key lookup (the embedded server has no secondary indexes).
 */
public final class ApprovedNumbers {
    public static final String COLLECTION = "approved_numbers";
    private final MongoCollection<Document> collection;

    public ApprovedNumbers(MongoStore store) {
        this.collection = store.collection(COLLECTION);
    }

    /** Registers the number; empty when it is already approved (for whom: {@link #find}). */
    public Optional<ApprovedNumber> register(ApprovedNumber n) {
        try {
            collection.insertOne(toDocument(n));
            return Optional.of(n);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return Optional.empty();
            throw e;
        }
    }

    public Optional<ApprovedNumber> find(String number) {
        return Optional.ofNullable(from(collection.find(Filters.eq("_id", number)).first()));
    }

    /** The school's numbers, by number. */
    public List<ApprovedNumber> forSchool(String organisationId, String schoolId) {
        return collection.find(Filters.and(Filters.eq("organisationId", organisationId), Filters.eq("schoolId", schoolId)))
                .sort(Sorts.ascending("_id")).map(ApprovedNumbers::from).into(new ArrayList<>());
    }

    /** The mentor's numbers, earliest registered first (texts to the mentor go to the first). */
    public List<ApprovedNumber> forMentor(String organisationId, String mentorId) {
        return collection.find(Filters.and(Filters.eq("organisationId", organisationId), Filters.eq("mentorId", mentorId)))
                .sort(Sorts.ascending("registeredAt", "_id")).map(ApprovedNumbers::from).into(new ArrayList<>());
    }

    /** Removes the number from the school's register; false when the school has no such number. */
    public Optional<ApprovedNumber> revoke(String organisationId, String schoolId, String number) {
        return Optional.ofNullable(from(collection.findOneAndDelete(Filters.and(Filters.eq("_id", number),
                Filters.eq("organisationId", organisationId), Filters.eq("schoolId", schoolId)))));
    }

    /**
     * Moves the number to another mentor of the same school in one atomic step, so it is never approved
     * for two mentors, nor for none in between. Empty when the school has no such number.
     */
    public Optional<ApprovedNumber> reassign(String organisationId, String schoolId, String number, String mentorId,
                                             String by, Instant at) {
        return Optional.ofNullable(from(collection.findOneAndUpdate(Filters.and(Filters.eq("_id", number),
                        Filters.eq("organisationId", organisationId), Filters.eq("schoolId", schoolId)),
                Updates.combine(Updates.set("mentorId", mentorId), Updates.set("registeredBy", by),
                        Updates.set("registeredAt", Date.from(at))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    private static Document toDocument(ApprovedNumber n) {
        return new Document("_id", n.number())
                .append("organisationId", n.organisationId())
                .append("schoolId", n.schoolId())
                .append("mentorId", n.mentorId())
                .append("registeredBy", n.registeredBy())
                .append("registeredAt", Date.from(n.registeredAt()));
    }

    private static ApprovedNumber from(Document d) {
        if (d == null) return null;
        return new ApprovedNumber(d.getString("_id"), d.getString("organisationId"), d.getString("schoolId"),
                d.getString("mentorId"), d.getString("registeredBy"), d.getDate("registeredAt").toInstant());
    }
}
