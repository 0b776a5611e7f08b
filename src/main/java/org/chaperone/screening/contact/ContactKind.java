package org.chaperone.screening.contact;

/** The kinds of personal contact detail the codes of conduct forbid sharing. */
public enum ContactKind {
    PHONE("phone", "a phone number", "phone numbers"),
    EMAIL("email", "an email address", "email addresses"),
    POSTAL("postal", "a postal address", "postal addresses"),
    SOCIAL("social", "a social media or messaging account", "social media or messaging accounts"),
    URL("url", "a personal link", "personal links");

    private final String wireName;
    private final String singular;
    private final String plural;

    ContactKind(String wireName, String singular, String plural) {
        this.wireName = wireName;
        this.singular = singular;
        this.plural = plural;
    }

    /** The name used in JSON and in stored decisions: "phone", "email", ... */
    public String wireName() {
        return wireName;
    }

    /** How the sender's notice names one detail of this kind, e.g. "a phone number". */
    public String describeOne() {
        return singular;
    }

    String describeMany() {
        return plural;
    }

    public static ContactKind fromWireName(String name) {
        for (ContactKind k : values()) {
            if (k.wireName.equals(name)) return k;
        }
        throw new IllegalArgumentException("unknown contact kind: " + name);
    }
}
