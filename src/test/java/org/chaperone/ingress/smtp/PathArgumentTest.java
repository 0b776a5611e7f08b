package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathArgumentTest {

    @Test
    void theNullReversePathIsAnEmptyAddress() throws SmtpRefusal {
        assertEquals("", PathArgument.mailFrom("FROM:<>").address());
        assertEquals(501, refusal(() -> PathArgument.rcptTo("TO:<>")).code());
    }

    @Test
    void keywordsAreCaseInsensitiveAndASpaceAfterTheColonIsTolerated() throws SmtpRefusal {
        assertEquals("a@b.example", PathArgument.mailFrom("from: <a@b.example>").address());
        assertEquals("a@b.example", PathArgument.rcptTo("To:<a@b.example>").address());
    }

    @Test
    void parametersAreUpperCasedInOrder() throws SmtpRefusal {
        PathArgument p = PathArgument.mailFrom("FROM:<a@b.example> size=123 BODY=8BITMIME");
        assertEquals(Map.of("SIZE", "123", "BODY", "8BITMIME"), p.parameters());
        assertEquals(501, refusal(() -> PathArgument.mailFrom("FROM:<a@b.example> SIZE=1 SIZE=2")).code());
        assertEquals(501, refusal(() -> PathArgument.mailFrom("FROM:<a@b.example> =x")).code());
        assertEquals(501, refusal(() -> PathArgument.mailFrom("FROM:<a@b.example>SIZE=1")).code());
    }

    @Test
    void aSourceRouteIsDroppedAndTheMailboxKept() throws SmtpRefusal {
        assertEquals("user@final.example", PathArgument.rcptTo("TO:<@hop1.example,@hop2.example:user@final.example>").address());
        assertEquals(501, refusal(() -> PathArgument.rcptTo("TO:<@hop1.example user@final.example>")).code());
    }

    @Test
    void quotedLocalPartsMayHoldSpacesAtSignsAndBrackets() throws SmtpRefusal {
        assertEquals("\"john doe\"@example.org", PathArgument.rcptTo("TO:<\"john doe\"@example.org>").address());
        assertEquals("\"a>b@c\"@example.org", PathArgument.rcptTo("TO:<\"a>b@c\"@example.org> ").address());
        assertEquals("\"q\\\"uote\"@example.org", PathArgument.rcptTo("TO:<\"q\\\"uote\"@example.org>").address());
    }

    @Test
    void addressLiteralsAndPostmasterAreAccepted() throws SmtpRefusal {
        assertEquals("a@[192.0.2.1]", PathArgument.rcptTo("TO:<a@[192.0.2.1]>").address());
        assertEquals("a@[IPv6:2001:db8::1]", PathArgument.rcptTo("TO:<a@[IPv6:2001:db8::1]>").address());
        assertEquals("Postmaster", PathArgument.rcptTo("TO:<Postmaster>").address());
    }

    @Test
    void malformedAddressesAreRefusedWithTheRightEnhancedCode() {
        for (String bad : new String[]{"TO:<a>", "TO:<a@>", "TO:<@b.example>", "TO:<a..b@c.example>", "TO:<.a@c.example>",
                "TO:<a@-c.example>", "TO:<a@c..example>", "TO:<a b@c.example>", "TO:<a@c.example", "TO:<a@[999.0.0.1]>"}) {
            SmtpReply r = refusal(() -> PathArgument.rcptTo(bad));
            assertEquals(501, r.code(), bad);
            assertEquals("5.1.3", r.enhanced(), bad);
        }
        assertEquals("5.1.7", refusal(() -> PathArgument.mailFrom("FROM:<x@>")).enhanced());
        assertEquals("5.5.4", refusal(() -> PathArgument.mailFrom("FROM:a@b.example")).enhanced());
        assertEquals("5.5.4", refusal(() -> PathArgument.mailFrom("TO:<a@b.example>")).enhanced());
    }

    @Test
    void limitsOfRfc5321AreEnforced() {
        String local = "a".repeat(65);
        assertEquals(501, refusal(() -> PathArgument.rcptTo("TO:<" + local + "@example.org>")).code());
        String domain = ("a".repeat(60) + ".").repeat(5) + "org";
        assertEquals(501, refusal(() -> PathArgument.rcptTo("TO:<x@" + domain + ">")).code());
    }

    @Test
    void nonAsciiAddressesNeedSmtputf8() {
        SmtpReply r = refusal(() -> PathArgument.rcptTo("TO:<j\u00c3\u00b6rg@example.org>"));
        assertEquals(553, r.code());
        assertEquals("5.6.7", r.enhanced());
    }

    @Test
    void mailParametersCheckSizeAndBody() throws SmtpRefusal {
        assertEquals(new MailParameters(500, true), MailParameters.check(Map.of("SIZE", "500", "BODY", "8bitmime"), 1000));
        SmtpReply tooBig = refusal(() -> MailParameters.check(Map.of("SIZE", "1001"), 1000));
        assertEquals(552, tooBig.code());
        assertEquals("5.3.4", tooBig.enhanced());
        assertEquals(552, refusal(() -> MailParameters.check(Map.of("SIZE", "99999999999999999999"), 1000)).code());
        assertEquals(501, refusal(() -> MailParameters.check(Map.of("SIZE", "12k"), 1000)).code());
        assertEquals(555, refusal(() -> MailParameters.check(Map.of("SMTPUTF8", ""), 1000)).code());
        assertEquals(555, refusal(() -> MailParameters.check(Map.of("BODY", "BINARYMIME"), 1000)).code());
    }

    interface Parse {
        Object run() throws SmtpRefusal;
    }

    private static SmtpReply refusal(Parse parse) {
        return assertThrows(SmtpRefusal.class, parse::run).reply();
    }
}
