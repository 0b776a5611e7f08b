package org.chaperone.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import org.chaperone.registry.PhoneNumbers;
import org.chaperone.registry.ProgrammePolicy;
import org.chaperone.store.Docs;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** Reads a programme policy from a request, merged over the current one; unknown keys are refused. */
final class PolicyInput {
    private static final ObjectReader STRICT = Docs.JSON.readerFor(ProgrammePolicy.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PolicyInput() {}

    static ProgrammePolicy merge(ProgrammePolicy current, JsonObject patch, Body body) {
        if (patch == null) return current;
        try {
            ObjectNode base = Docs.JSON.valueToTree(current);
            ObjectNode over = (ObjectNode) Docs.JSON.readTree(patch.encode());
            deepMerge(base, over);
            ProgrammePolicy policy = STRICT.readValue(base);
            try {
                ZoneId.of(policy.timeZone());
            } catch (DateTimeException e) {
                body.reject("policy.timeZone", "must be an IANA time zone such as Europe/London");
            }
            if (policy.permittedHours().start().isAfter(policy.permittedHours().end())) {
                body.reject("policy.permittedHours", "start must be before end");
            }
            var t = policy.sessionTemplate();
            if (t.weeklySessions() < 0 || t.weeklySessions() > 52) body.reject("policy.sessionTemplate.weeklySessions", "must be between 0 and 52");
            if (t.sessionMinutes() < 15 || t.sessionMinutes() > t.maxSessionMinutes()) {
                body.reject("policy.sessionTemplate.sessionMinutes", "must be between 15 and maxSessionMinutes");
            }
            if (t.introMinutes() < 15 || t.introMinutes() > t.maxSessionMinutes()) {
                body.reject("policy.sessionTemplate.introMinutes", "must be between 15 and maxSessionMinutes");
            }
            if (t.maxSessionMinutes() > 480) body.reject("policy.sessionTemplate.maxSessionMinutes", "must be at most 480");
            if (t.surveyAfterSessions() != null) {
                for (Integer n : t.surveyAfterSessions()) {
                    if (n == null || n < 1 || n > t.totalSessions()) {
                        body.reject("policy.sessionTemplate.surveyAfterSessions",
                                "must list session numbers between 1 and " + t.totalSessions());
                        break;
                    }
                }
            }
            if (t.meetingProvider() != null && !t.meetingProvider().equals("jitsi") && !t.meetingProvider().equals("zoom")) {
                body.reject("policy.sessionTemplate.meetingProvider", "must be jitsi or zoom");
            }
            policy.concernRules().forEach((category, byDirection) -> {
                boolean known = java.util.Arrays.stream(org.chaperone.screening.concern.Category.values())
                        .anyMatch(c -> c.wireName().equals(category));
                if (!known) {
                    body.reject("policy.concernRules." + category, "is not a concern category");
                    return;
                }
                byDirection.forEach((direction, rule) -> {
                    String at = "policy.concernRules." + category + "." + direction;
                    if (!direction.equals("mentor_to_mentee") && !direction.equals("mentee_to_mentor")) {
                        body.reject(at, "the direction must be mentor_to_mentee or mentee_to_mentor");
                    } else if (rule == null || rule.action() == null || !java.util.Set.of("deliver", "deliver_flagged", "hold").contains(rule.action())) {
                        body.reject(at + ".action", "must be deliver, deliver_flagged or hold");
                    }
                });
            });
            int flagAfter = policy.quietHours().flagAfter();
            if (flagAfter < 1 || flagAfter > 100) body.reject("policy.quietHours.flagAfter", "must be between 1 and 100");
            List<String> numbers = policy.relayNumbers();
            if (numbers.size() > 1000) body.reject("policy.relayNumbers", "must list at most 1000 numbers");
            for (int i = 0; i < numbers.size() && i < 1000; i++) {
                if (!PhoneNumbers.isE164(numbers.get(i))) {
                    body.reject("policy.relayNumbers[" + i + "]", "must be a phone number written in E.164 form, such as +447700900100");
                } else if (numbers.indexOf(numbers.get(i)) != i) {
                    body.reject("policy.relayNumbers[" + i + "]", "is listed twice");
                }
            }
            return policy;
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder("policy");
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) path.append('.').append(r.getFieldName());
            }
            String reason = e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
                    ? iae.getMessage()
                    : e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException ? "is not a known setting"
                    : "has the wrong type or format (times are HH:MM)";
            body.reject(path.toString(), reason);
            return current;
        } catch (java.io.IOException e) {
            body.reject("policy", "must be an object");
            return current;
        }
    }

    private static void deepMerge(ObjectNode base, ObjectNode over) {
        over.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && base.get(e.getKey()) instanceof ObjectNode child) {
                deepMerge(child, (ObjectNode) e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }
}
