package org.chaperone.pipeline;

import java.util.List;

/**
 * A message's content as parsed: subject, the text of every plain part, every HTML part (as HTML),
 * attachments, and the headers the pipeline needs. For web and text messages, one plain part.
 */
public record MessageContent(String subject, List<String> plainParts, List<String> htmlParts,
                             List<Attachment> attachments, Headers headers) {
    public MessageContent {
        plainParts = List.copyOf(plainParts);
        htmlParts = List.copyOf(htmlParts);
        attachments = List.copyOf(attachments);
        if (headers == null) headers = Headers.NONE;
    }

    public static MessageContent text(String subject, String body) {
        return new MessageContent(subject == null ? "" : subject, List.of(body), List.of(), List.of(), Headers.NONE);
    }

    /** The headers that matter to routing, threading and loop prevention. Addresses are lower-case. */
    public record Headers(List<String> from, List<String> to, List<String> cc, String messageId, String inReplyTo,
                          List<String> references, String autoSubmitted, String precedence) {
        public static final Headers NONE = new Headers(List.of(), List.of(), List.of(), null, null, List.of(), null, null);

        public Headers {
            from = List.copyOf(from);
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            references = List.copyOf(references);
        }

        /** Auto-replies, bounces and list mail must never trigger mail back (RFC 3834). */
        public boolean automatic() {
            boolean auto = autoSubmitted != null && !autoSubmitted.trim().toLowerCase().startsWith("no");
            boolean bulk = precedence != null && precedence.trim().toLowerCase().matches("bulk|junk|list|auto_reply");
            return auto || bulk;
        }
    }

    /** The plain text a recipient reads: the plain parts, or the HTML's visible text when there is none. */
    public String readableText() {
        if (!plainParts.isEmpty()) return String.join("\n\n", plainParts);
        if (!htmlParts.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String html : htmlParts) b.append(org.jsoup.Jsoup.parse(html).wholeText()).append("\n\n");
            return b.toString().strip();
        }
        return "";
    }
}
