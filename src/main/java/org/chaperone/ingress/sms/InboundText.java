package org.chaperone.ingress.sms;

/**
 * A text as a provider handed it over: {@code providerId} (Twilio's MessageSid, or the JSON webhook's
 * {@code id}; may be null) makes a provider's retry harmless; {@code mediaCount} pictures or files were
 * attached, which the relay does not carry.
 */
public record InboundText(String provider, String providerId, String from, String to, String body, int mediaCount) {}
