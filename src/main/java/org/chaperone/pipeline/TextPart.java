package org.chaperone.pipeline;

/**
 * One piece of screenable text with where it came from: "subject", "text" (a plain part), "html" (all
 * text of an HTML part, visible or not), "attachment-name". Finding offsets are relative to it.
 */
public record TextPart(String source, String text) {}
