package org.chaperone.pipeline;

/**
 * Why a verdict is what it is, in words a sender and a manager understand. {@code code} is stable
 * (contact_details, concern, recording_attachment, direct_contact, quiet_hours…); {@code detail} is
 * the sentence shown; {@code action} is what this reason alone asks for.
 */
public record Reason(String code, String detail, Action action) {}
