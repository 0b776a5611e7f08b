package org.chaperone.registry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Registered phone numbers are validated and stored in E.164 (+447700900123). */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** Is this already a possible number written in E.164 form (+ and the digits, nothing else)? */
    public static boolean isE164(String number) {
        if (number == null || !number.matches("\\+[1-9][0-9]{6,14}")) return false;
        try {
            return toE164(number, "ZZ").equals(number);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The E.164 form; {@link IllegalArgumentException} with the reason when it is not a valid number. */
    public static String toE164(String number, String defaultRegion) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(number, defaultRegion);
            if (!UTIL.isPossibleNumber(parsed)) {
                throw new IllegalArgumentException("is not a possible phone number");
            }
            return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("is not a phone number (" + e.getMessage() + ")");
        }
    }
}
