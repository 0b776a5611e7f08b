package org.chaperone.screening.contact;

import java.util.Set;

/**
 * What the screener needs to know about one message's pairing and programme.
 *
 * @param menteeAdult        the mentee is 18 or over on the day of the message (and not flagged at risk)
 * @param linkedInForAdults  the programme lets adult pairs share professional LinkedIn profiles
 * @param allowedContacts    the programme's official contacts and the pairing's relay addresses or
 *                           relay domain: email addresses, domains or phone numbers that are not
 *                           personal details
 */
public record ContactContext(boolean menteeAdult, boolean linkedInForAdults, Set<String> allowedContacts) {
    public ContactContext {
        allowedContacts = allowedContacts == null ? Set.of() : Set.copyOf(allowedContacts);
    }

    /** The strictest context: an under-18 mentee, nothing extra allowed. */
    public static ContactContext underEighteen() {
        return new ContactContext(false, true, Set.of());
    }

    /** An adult mentee in a programme that keeps the default (LinkedIn allowed). */
    public static ContactContext adult() {
        return new ContactContext(true, true, Set.of());
    }

    /** Context for a mentee of the given age in years; a missing age counts as under 18. */
    public static ContactContext forMenteeAge(Integer age) {
        return age != null && age >= 18 ? adult() : underEighteen();
    }

    public ContactContext withAllowedContacts(Set<String> contacts) {
        return new ContactContext(menteeAdult, linkedInForAdults, contacts);
    }

    /** LinkedIn profile links pass only between adults, and only when the programme allows it. */
    public boolean allowsLinkedIn() {
        return menteeAdult && linkedInForAdults;
    }
}
