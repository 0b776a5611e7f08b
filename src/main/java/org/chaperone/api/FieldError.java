package org.chaperone.api;

/** One bad field of a request and why. */
public record FieldError(String field, String reason) {}
