package org.chaperone.screening.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Words for the automatic notice to the sender: what kind of detail was found and why the message
 * was held, never the detail itself.
 */
public final class ContactNotice {
    private ContactNotice() {}

    /** "a phone number", "a phone number and an email address", "a, b and c"; "" for none. */
    public static String describe(Set<ContactKind> kinds) {
        List<String> parts = new ArrayList<>();
        for (ContactKind k : ContactKind.values()) {
            if (kinds != null && kinds.contains(k)) parts.add(k.describeOne());
        }
        if (parts.isEmpty()) return "";
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** Same, from wire names ("phone", "email"...), as the pipeline keeps them; unknown names are skipped. */
    public static String describeWireNames(java.util.Collection<String> wireNames) {
        Set<ContactKind> kinds = java.util.EnumSet.noneOf(ContactKind.class);
        for (String name : wireNames) {
            for (ContactKind k : ContactKind.values()) {
                if (k.wireName().equals(name)) kinds.add(k);
            }
        }
        return describe(kinds);
    }

    /** The notice's explanation for a held message. */
    public static String heldReason(Set<ContactKind> kinds) {
        return "Your message was not delivered because it appears to contain " + describe(kinds)
                + ". The programme's code of conduct does not allow personal contact details to be shared,"
                + " so that all contact stays on the programme's channels. A programme manager will review it.";
    }

    /** The notice's explanation for a message delivered with the details removed. */
    public static String redactedReason(Set<ContactKind> kinds) {
        return "Your message was delivered with " + describe(kinds)
                + " removed. The programme's code of conduct does not allow personal contact details to be"
                + " shared, so that all contact stays on the programme's channels.";
    }
}
