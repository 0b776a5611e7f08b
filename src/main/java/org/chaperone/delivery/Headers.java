package org.chaperone.delivery;

/** Text that goes into a header: no CR, LF or other control characters, so nothing can inject a header. */
public final class Headers {
    private Headers() {}

    public static String clean(String value) {
        if (value == null) return "";
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        String s = b.toString().strip();
        return s.length() > 900 ? s.substring(0, 900) : s;
    }
}
