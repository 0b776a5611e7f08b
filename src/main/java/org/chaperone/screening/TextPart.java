package org.chaperone.screening;

import org.chaperone.screening.text.HtmlText;

import java.util.Objects;

/**
 * One piece of a message that is screened on its own: the Subject, a text part, an HTML part
 * (as {@link HtmlText#allText}: visible and hidden text), an attachment's file name. Findings are
 * positions in {@link #text}.
 *
 * @param name where the piece came from, e.g. "subject", "text/plain#1", "attachment-name#2"
 */
public record TextPart(String name, String text) {
    public TextPart {
        Objects.requireNonNull(name, "name");
        text = text == null ? "" : text;
    }

    public static TextPart subject(String subject) {
        return new TextPart("subject", subject);
    }

    public static TextPart plain(String name, String text) {
        return new TextPart(name, text);
    }

    /** An HTML part: all of its text, including what a reader cannot see. */
    public static TextPart html(String name, String html) {
        return new TextPart(name, HtmlText.allText(html));
    }

    public static TextPart attachmentName(String name, String fileName) {
        return new TextPart(name, fileName);
    }
}
