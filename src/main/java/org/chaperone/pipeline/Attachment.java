package org.chaperone.pipeline;

/** An attachment as received. The bytes stay only in the raw message. */
public record Attachment(String filename, String declaredType, long size, byte[] content) {}
