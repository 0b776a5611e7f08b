package org.chaperone.ingress.sms;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwilioSignatureTest {
    // The worked example from Twilio's security documentation (auth token 12345).
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, List<String>> PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+12349013030"),
            "Digits", List.of("1234"),
            "From", List.of("+12349013030"),
            "To", List.of("+18005551212"));

    @Test
    void matchesTwiliosDocumentedExample() {
        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.compute("12345", URL, PARAMS));
        assertTrue(TwilioSignature.valid("12345", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    @Test
    void anyChangeBreaksTheSignature() {
        String good = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        assertFalse(TwilioSignature.valid("54321", URL, PARAMS, good), "another account's token");
        assertFalse(TwilioSignature.valid("12345", URL.replace("foo=1", "foo=2"), PARAMS, good), "another URL");
        Map<String, List<String>> changed = new java.util.HashMap<>(PARAMS);
        changed.put("Digits", List.of("9999"));
        assertFalse(TwilioSignature.valid("12345", URL, changed, good), "a changed parameter");
        assertFalse(TwilioSignature.valid("12345", URL, PARAMS, null), "no signature");
        assertFalse(TwilioSignature.valid("12345", URL, PARAMS, ""), "an empty signature");
    }
}
