package org.chaperone.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsConfigTest {
    private static final Path SHIPPED = Path.of("config", "gateway.yaml");

    @Test
    void shippedDefaultsHaveAPoolAndTheWebhooksOff() {
        GatewayConfig.Sms sms = ConfigLoader.load(SHIPPED, Map.of()).sms();
        assertEquals(List.of("+447700900100", "+447700900101"), sms.relayNumbers());
        assertFalse(sms.jsonWebhookEnabled());
        assertFalse(sms.twilio().webhookEnabled());
        assertFalse(sms.twilio().sends(), "texts go to dataDir/sms-outbox.jsonl");
    }

    @Test
    void twilioNeedsThePublicUrlItSignsAndAPlausibleAccount() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SMS_TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef",
                "CHAPERONE_SMS_TWILIO_ACCOUNT_SID", "not-a-sid")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("sms.publicUrl: is needed with sms.twilio.authToken"), all);
        assertTrue(all.contains("sms.twilio.accountSid (from CHAPERONE_SMS_TWILIO_ACCOUNT_SID): must be a Twilio account SID"), all);

        GatewayConfig ok = ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SMS_TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef",
                "CHAPERONE_SMS_TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "CHAPERONE_SMS_PUBLIC_URL", "https://chaperone.example.org"));
        assertTrue(ok.sms().twilio().sends());
    }

    @Test
    void badNumbersShortSecretsAndBadUrlsAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SMS_RELAY_NUMBERS", "+447700900100, 07700 900101, +447700900100",
                "CHAPERONE_SMS_WEBHOOK_SECRET", "short",
                "CHAPERONE_SMS_PUBLIC_URL", "https://chaperone.example.org/")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("sms.relayNumbers[1]: '07700 900101' must be a phone number written in E.164 form"), all);
        assertTrue(all.contains("sms.relayNumbers[2]: +447700900100 is listed twice"), all);
        assertTrue(all.contains("sms.webhookSecret (from CHAPERONE_SMS_WEBHOOK_SECRET): must be at least 24 characters"), all);
        assertTrue(all.contains("sms.publicUrl (from CHAPERONE_SMS_PUBLIC_URL): must be the public base URL"), all);
    }
}
