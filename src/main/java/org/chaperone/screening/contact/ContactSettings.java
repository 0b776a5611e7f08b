package org.chaperone.screening.contact;

import java.util.List;
import java.util.Objects;

/**
 * Gateway-wide contact screening configuration ({@code screening.contact} in gateway.yaml).
 *
 * @param defaultRegion      ISO region for numbers written without a country code ("GB")
 * @param signpostingNumbers helpline numbers that are never personal details (Childline, Samaritans...)
 * @param allowedDomains     email/link domains that are not personal details, e.g. the relay domain
 *                           and the programme's own domain; subdomains are included
 * @param allowedAddresses   further exact email addresses or numbers allowed for every programme
 * @param onContact          what happens to a message with a personal contact detail
 */
public record ContactSettings(String defaultRegion,
                              List<String> signpostingNumbers,
                              List<String> allowedDomains,
                              List<String> allowedAddresses,
                              ContactAction onContact) {
    public ContactSettings {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "GB" : defaultRegion.trim().toUpperCase(java.util.Locale.ROOT);
        signpostingNumbers = List.copyOf(Objects.requireNonNullElse(signpostingNumbers, List.of()));
        allowedDomains = List.copyOf(Objects.requireNonNullElse(allowedDomains, List.of()));
        allowedAddresses = List.copyOf(Objects.requireNonNullElse(allowedAddresses, List.of()));
        onContact = onContact == null ? ContactAction.HOLD : onContact;
    }

    /** Childline 0800 1111, Samaritans 116 123, NSPCC 0808 800 5000, Shout 85258; GB; hold. */
    public static ContactSettings defaults() {
        return new ContactSettings("GB",
                List.of("0800 1111", "116 123", "0808 800 5000", "85258"),
                List.of(), List.of(), ContactAction.HOLD);
    }

    public ContactSettings withAllowedDomains(List<String> domains) {
        return new ContactSettings(defaultRegion, signpostingNumbers, domains, allowedAddresses, onContact);
    }

    public ContactSettings withOnContact(ContactAction action) {
        return new ContactSettings(defaultRegion, signpostingNumbers, allowedDomains, allowedAddresses, action);
    }

    /** The gateway's configured screening settings, with the relay and meeting domains always allowed. */
    public static ContactSettings from(org.chaperone.config.GatewayConfig config) {
        var c = config.screening().contact();
        java.util.List<String> domains = new java.util.ArrayList<>(c.allowedDomains());
        domains.add(config.relay().domain());
        if (config.sessions() != null && config.sessions().jitsi() != null) domains.add(config.sessions().jitsi().domain());
        return new ContactSettings(c.defaultRegion(), c.signpostingNumbers(), domains, c.allowedAddresses(), ContactAction.HOLD);
    }
}
