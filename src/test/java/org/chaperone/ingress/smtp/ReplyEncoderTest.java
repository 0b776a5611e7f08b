package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplyEncoderTest {

    @Test
    void aLineBreakInTheTextBecomesAMultiLineReplyNotAForgedOne() {
        assertEquals("550-5.1.1 No such address\r\n550 5.1.1 250 2.0.0 OK\r\n",
                encode(SmtpReply.of(550, "5.1.1", "No such address\r\n250 2.0.0 OK")));
    }

    @Test
    void controlAndNonAsciiCharactersBecomeQuestionMarks() {
        assertEquals("451 4.3.0 Gr??e?a? retry\r\n", encode(SmtpReply.of(451, "4.3.0", "Grüße\ra\u0000 retry")));
        assertEquals("250 nothing odd\r\n", encode(SmtpReply.of(250, "2.0.0 injected", "nothing odd")));
    }

    private static String encode(SmtpReply reply) {
        return new String(ReplyEncoder.encode(reply), StandardCharsets.US_ASCII);
    }
}
