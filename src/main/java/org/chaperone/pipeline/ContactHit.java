package org.chaperone.pipeline;

/** A personal contact detail found in a text part: kind, position in that part, and the text. */
public record ContactHit(String kind, String part, int start, int end, String text) {}
