package org.chaperone.screening;

import org.chaperone.screening.contact.ContactAction;
import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactKind;
import org.chaperone.screening.contact.ContactNotice;
import org.chaperone.screening.contact.ContactSettings;
import org.chaperone.screening.contact.Redaction;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreeningTest {
    private final Screening screening = new Screening(ContactSettings.defaults());

    @Test
    void aContactDetailHoldsTheMessageByDefault() {
        ScreeningResult r = screening.screen("text me on 07700 900123 x", ContactContext.underEighteen());
        assertEquals(ScreeningVerdict.HOLD, r.verdict());
        assertEquals(Set.of(ContactKind.PHONE), r.contactKinds());
        assertEquals("07700 900123", r.contacts().get(0).text());
        assertEquals(11, r.contacts().get(0).start());
        assertEquals("text me on 07700 900123 x", r.deliverableText());
    }

    @Test
    void redactAndDeliverReplacesEachDetailAndFlags() {
        String text = "snap: jakey_09, or jake at gmail dot com. see you Tuesday";
        ScreeningResult r = screening.screen(text, ContactContext.underEighteen(), ContactAction.REDACT_AND_DELIVER);
        assertEquals(ScreeningVerdict.DELIVER_FLAGGED, r.verdict());
        assertEquals("[contact details removed], or [contact details removed]. see you Tuesday", r.deliverableText());
        assertFalse(r.deliverableText().contains("jake"));
    }

    @Test
    void aCleanMessageIsDelivered() {
        ScreeningResult r = screening.screen("Session 4 is on 21/11 at 17:00 in room 104", ContactContext.underEighteen());
        assertEquals(ScreeningVerdict.DELIVER, r.verdict());
        assertTrue(r.contacts().isEmpty());
        assertTrue(r.complete());
    }

    @Test
    void redactionMergesOverlappingFindings() {
        String text = "abc 0123456789 def";
        var a = new org.chaperone.screening.contact.ContactFinding(ContactKind.PHONE, 4, 14, "0123456789");
        var b = new org.chaperone.screening.contact.ContactFinding(ContactKind.SOCIAL, 8, 18, "456789 def");
        assertEquals("abc " + Redaction.MARKER, Redaction.redact(text, java.util.List.of(b, a)));
        assertEquals(text, Redaction.redact(text, java.util.List.of()));
    }

    @Test
    void theNoticeNamesKindsWithoutTheDetail() {
        assertEquals("a phone number", ContactNotice.describe(EnumSet.of(ContactKind.PHONE)));
        assertEquals("a phone number and an email address",
                ContactNotice.describe(EnumSet.of(ContactKind.EMAIL, ContactKind.PHONE)));
        assertEquals("a phone number, a postal address and a social media or messaging account",
                ContactNotice.describe(EnumSet.of(ContactKind.SOCIAL, ContactKind.PHONE, ContactKind.POSTAL)));
        assertEquals("an email address and a personal link", ContactNotice.describeWireNames(java.util.List.of("url", "email")));
        String reason = ContactNotice.heldReason(EnumSet.of(ContactKind.URL));
        assertTrue(reason.contains("a personal link"), reason);
    }

    @Test
    void verdictsCombineToTheStricter() {
        assertEquals(ScreeningVerdict.HOLD, ScreeningVerdict.DELIVER.and(ScreeningVerdict.HOLD));
        assertEquals(ScreeningVerdict.DELIVER_FLAGGED, ScreeningVerdict.DELIVER_FLAGGED.and(ScreeningVerdict.DELIVER));
        assertEquals("deliver_flagged", ScreeningVerdict.DELIVER_FLAGGED.wireName());
    }
}
