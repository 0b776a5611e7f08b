package org.chaperone.ingress.smtp;

import java.util.Locale;
import java.util.Map;

/**
 * The MAIL FROM parameters this server offers: SIZE (RFC 1870) and BODY (RFC 6152). Anything else was
 * not advertised, so it is refused with 555 (RFC 5321 4.1.1.11) rather than silently ignored.
 */
record MailParameters(long declaredSize, boolean eightBit) {

    static MailParameters check(Map<String, String> parameters, long maxMessageBytes) throws SmtpRefusal {
        long size = -1;
        boolean eightBit = false;
        for (var p : parameters.entrySet()) {
            switch (p.getKey()) {
                case "SIZE" -> size = size(p.getValue(), maxMessageBytes);
                case "BODY" -> eightBit = body(p.getValue());
                default -> throw new SmtpRefusal(555, "5.5.4", "Parameter " + p.getKey() + " not supported");
            }
        }
        return new MailParameters(size, eightBit);
    }

    private static long size(String value, long max) throws SmtpRefusal {
        if (value.isEmpty() || value.length() > 20 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SmtpRefusal(501, "5.5.4", "SIZE needs a number of bytes");
        }
        // Twenty digits can overflow a long; anything that long is over the limit anyway.
        long size = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
        if (size > max) {
            throw new SmtpRefusal(552, "5.3.4", "Message size exceeds fixed maximum message size of " + max + " bytes");
        }
        return size;
    }

    private static boolean body(String value) throws SmtpRefusal {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "7BIT" -> false;
            case "8BITMIME" -> true;
            case "BINARYMIME" -> throw new SmtpRefusal(555, "5.5.4", "BODY=BINARYMIME not supported");
            default -> throw new SmtpRefusal(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
        };
    }
}
