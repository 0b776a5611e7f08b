package org.chaperone.sessions;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The mid-point and end-point feedback surveys (collection {@code session_surveys}, one document per
 * pairing and survey point). When a session at or after a survey point is recorded as having taken
 * place, the survey goes to both participants by mail from the programme; each answers once through
 * the API, and the programme's staff read the answers. The answers never reach the other participant.
 */
public final class Surveys {
    public static final String COLLECTION = "session_surveys";

    /** The questions, the same at every point: short, answerable by a young person. */
    public record Question(String id, String text, String kind) {}

    public static final List<Question> QUESTIONS = List.of(
            new Question("useful", "How useful have the sessions been so far? (1 = not at all, 5 = very)", "rating"),
            new Question("comfortable", "Do you feel comfortable and safe in the sessions? (yes or no)", "yes_no"),
            new Question("comments", "Is there anything you would like the programme team to know? (optional)", "text"));

    private final MongoCollection<Document> collection;
    private final Registry registry;
    private final Outbox outbox;
    private final Composer composer;
    private final Clock clock;

    public Surveys(MongoStore store, Registry registry, Outbox outbox, Composer composer, Clock clock) {
        this.collection = store.collection(COLLECTION);
        this.registry = registry;
        this.outbox = outbox;
        this.composer = composer;
        this.clock = clock;
    }

    public static String idFor(String pairingId, int afterSession) {
        return pairingId + "-after-" + afterSession;
    }

    static String title(Programme programme, int point) {
        return point >= programme.policy().sessionTemplate().totalSessions() ? "End-of-series feedback" : "Mid-point feedback";
    }

    /**
     * Session {@code number} took place: sends every survey whose point it has reached and that was not
     * sent yet. Returns the survey points sent now. Idempotent: the survey document's id is the guard.
     */
    public List<Integer> sendDue(Pairing pairing, Programme programme, int number) {
        List<Integer> sent = new ArrayList<>();
        for (int point : programme.policy().sessionTemplate().surveyPoints()) {
            if (number < point) continue;
            String id = idFor(pairing.id(), point);
            Instant now = clock.instant();
            try {
                collection.insertOne(new Document("_id", id)
                        .append("organisationId", pairing.organisationId())
                        .append("programmeId", pairing.programmeId())
                        .append("pairingId", pairing.id())
                        .append("afterSession", point)
                        .append("title", title(programme, point))
                        .append("sentAt", Date.from(now))
                        .append("answers", List.of()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) continue; // sent before
                throw e;
            }
            for (String participantId : List.of(pairing.mentorId(), pairing.menteeId())) {
                registry.users.find(pairing.organisationId(), participantId).filter(User::active)
                        .ifPresent(u -> outbox.insert(invitation(u, pairing, programme, point, id, now)));
            }
            sent.add(point);
        }
        return sent;
    }

    private Document invitation(User to, Pairing pairing, Programme programme, int point, String surveyId, Instant now) {
        StringBuilder body = new StringBuilder();
        body.append("Hello ").append(to.name()).append(",\n\n")
                .append("You have had ").append(point).append(" mentoring sessions in ").append(programme.name())
                .append(". The programme team would like to know how it is going. Your answers go to the programme team ")
                .append("only, never to your ").append(to.id().equals(pairing.mentorId()) ? "mentee" : "mentor").append(".\n\n");
        int i = 1;
        for (Question q : QUESTIONS) body.append(i++).append(". ").append(q.text()).append('\n');
        body.append("\nTo answer, sign in to Chaperone and open your pairing's surveys (")
                .append("POST /api/v1/pairings/").append(pairing.id()).append("/surveys/").append(surveyId).append("/answers).\n\n")
                .append("Thank you.\n").append(programme.name()).append('\n');
        byte[] mime = composer.text(List.of(to.email()), title(programme, point) + ": " + programme.name(), body.toString(),
                false, now, Ids.newId());
        return outbox.preparedEntry(pairing.organisationId(), "session:" + pairing.id(), List.of(to.email()), mime, false,
                null, now, "session_survey");
    }

    public List<Document> forPairing(String organisationId, String pairingId) {
        return collection.find(Filters.and(Filters.eq("pairingId", pairingId), Filters.eq("organisationId", organisationId)))
                .sort(Sorts.ascending("afterSession")).into(new ArrayList<>());
    }

    public Optional<Document> find(String organisationId, String id) {
        return Optional.ofNullable(collection.find(Filters.and(Filters.eq("_id", id),
                Filters.eq("organisationId", organisationId))).first());
    }

    /** Adds one participant's answers; false if they had already answered. */
    public boolean answer(String surveyId, String participantId, String role, Document answers, Instant at) {
        return collection.updateOne(Filters.and(Filters.eq("_id", surveyId), Filters.ne("answers.participantId", participantId)),
                Updates.push("answers", new Document("participantId", participantId).append("role", role)
                        .append("answers", answers).append("at", Date.from(at)))).getModifiedCount() == 1;
    }
}
