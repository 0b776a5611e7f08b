package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.MessageContent;
import org.chaperone.pipeline.MimeParser;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.TextPart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses the message and lays out every piece of text a person could read or hide: the subject,
 * each plain part, all text of each HTML part (visible or not), and attachment file names.
 */
public final class ParseContent implements Stage {
    private final Function<String, String> htmlAllText;

    /** @param htmlAllText all text of an HTML document, including hidden text, alt text and comments */
    public ParseContent(Function<String, String> htmlAllText) {
        this.htmlAllText = htmlAllText;
    }

    @Override
    public void apply(Envelope e) {
        e.content = e.channel == Channel.EMAIL ? MimeParser.parse(e.raw) : e.declaredContent;
        e.parts = parts(e.content);
        e.automatic = e.content.headers().automatic() || (e.channel == Channel.EMAIL && "".equals(e.envelopeSender));
    }

    List<TextPart> parts(MessageContent c) {
        List<TextPart> parts = new ArrayList<>();
        if (!c.subject().isBlank()) parts.add(new TextPart("subject", c.subject()));
        for (int i = 0; i < c.plainParts().size(); i++) parts.add(new TextPart("text:" + i, c.plainParts().get(i)));
        for (int i = 0; i < c.htmlParts().size(); i++) parts.add(new TextPart("html:" + i, htmlAllText.apply(c.htmlParts().get(i))));
        for (int i = 0; i < c.attachments().size(); i++) {
            String name = c.attachments().get(i).filename();
            if (!name.isBlank()) parts.add(new TextPart("attachment-name:" + i, name));
        }
        return parts;
    }
}
