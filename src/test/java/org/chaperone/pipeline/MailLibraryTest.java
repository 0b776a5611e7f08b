package org.chaperone.pipeline;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parsing mail names jakarta.mail's stream provider, so it is not looked up with a class-path scan every time. */
class MailLibraryTest {
    @Test
    void theStreamProviderIsNamedOnceTheParserIsUsed() {
        MimeParser.parse("Subject: hello\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("org.eclipse.angus.mail.util.MailStreamProvider", System.getProperty(MailLibrary.STREAM_PROVIDER));
        assertEquals("org.eclipse.angus.mail.util.MailStreamProvider", StreamProvider.provider().getClass().getName());
    }
}
