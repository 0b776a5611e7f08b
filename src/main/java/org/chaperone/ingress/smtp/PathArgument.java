package org.chaperone.ingress.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The argument of MAIL FROM / RCPT TO (RFC 5321 4.1.2): a path in angle brackets and ESMTP parameters.
 * The address reaches the handler as a plain mailbox: an obsolete source route ({@code <@a,@b:x@y>}) is
 * dropped, a quoted local part keeps its quotes, and the null reverse-path {@code <>} is "".
 *
 * @param parameters keywords upper-cased, in the order sent; a keyword without "=" maps to ""
 */
record PathArgument(String address, Map<String, String> parameters) {
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_DOMAIN = 255;
    private static final int MAX_PATH = 256;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final Pattern SUB_DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("(?i)IPv6:[0-9a-f:.]{2,45}");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3c\\x3e-\\x7e]+");

    static PathArgument mailFrom(String argument) throws SmtpRefusal {
        return parse(argument, "FROM:", true);
    }

    static PathArgument rcptTo(String argument) throws SmtpRefusal {
        return parse(argument, "TO:", false);
    }

    private static PathArgument parse(String argument, String keyword, boolean sender) throws SmtpRefusal {
        String usage = sender ? "Syntax: MAIL FROM:<address> [parameters]" : "Syntax: RCPT TO:<address> [parameters]";
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) throw new SmtpRefusal(501, "5.5.4", usage);
        // RFC 5321 has no space after the colon, but widely deployed clients send one.
        String rest = SmtpCommand.trim(argument.substring(keyword.length()));
        if (rest.isEmpty() || rest.charAt(0) != '<') throw new SmtpRefusal(501, "5.5.4", usage);
        int close = closingBracket(rest);
        if (close < 0) throw badAddress(sender);
        String path = rest.substring(1, close);
        String address = mailbox(path, sender);
        String after = rest.substring(close + 1);
        if (!after.isEmpty() && !SmtpCommand.isBlank(after.charAt(0))) throw new SmtpRefusal(501, "5.5.4", usage);
        return new PathArgument(address, parameters(SmtpCommand.trim(after)));
    }

    /** The '>' that ends the path: one inside a quoted local part does not count. */
    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String mailbox(String path, boolean sender) throws SmtpRefusal {
        if (path.isEmpty()) {
            if (sender) return "";
            throw badAddress(false);
        }
        requireAscii(path);
        if (path.length() > MAX_PATH - 2) throw new SmtpRefusal(501, sender ? "5.1.7" : "5.1.3", "Address too long");
        String mailbox = path;
        if (path.charAt(0) == '@') {
            int colon = path.indexOf(':');
            if (colon < 0) throw badAddress(sender);
            for (String hop : path.substring(0, colon).split(",", -1)) {
                if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1))) throw badAddress(sender);
            }
            mailbox = path.substring(colon + 1);
        }
        // RFC 5321 4.5.1: RCPT TO:<Postmaster> without a domain must be accepted.
        if (!sender && mailbox.equalsIgnoreCase("postmaster")) return mailbox;
        int at = localPartEnd(mailbox);
        if (at < 0 || at >= mailbox.length() || mailbox.charAt(at) != '@') throw badAddress(sender);
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        boolean localOk = local.charAt(0) == '"' ? isQuotedString(local) : isDotString(local);
        if (!localOk || local.length() > MAX_LOCAL_PART) throw badAddress(sender);
        if (!isDomain(domain) && !isAddressLiteral(domain)) throw badAddress(sender);
        return mailbox;
    }

    /** Index of the '@' after the local part, or -1 when the local part never ends. */
    private static int localPartEnd(String mailbox) {
        if (mailbox.isEmpty()) return -1;
        if (mailbox.charAt(0) != '"') return mailbox.lastIndexOf('@');
        for (int i = 1; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean isDotString(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) return false;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c != '.' && !isAtext(c)) return false;
        }
        return true;
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    /** qtextSMTP is %d32-33 / %d35-91 / %d93-126; quoted-pairSMTP is a backslash and %d32-126. */
    private static boolean isQuotedString(String s) {
        if (s.length() < 2 || s.charAt(s.length() - 1) != '"') return false;
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= s.length() - 1 || s.charAt(i) < 32 || s.charAt(i) > 126) return false;
            } else if (c < 32 || c > 126 || c == '"') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDomain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) return false;
        for (String label : domain.split("\\.", -1)) {
            if (!SUB_DOMAIN.matcher(label).matches()) return false;
        }
        return true;
    }

    private static boolean isAddressLiteral(String domain) {
        if (domain.length() < 3 || domain.charAt(0) != '[' || domain.charAt(domain.length() - 1) != ']') return false;
        String inner = domain.substring(1, domain.length() - 1);
        return IPV4.matcher(inner).matches() || IPV6.matcher(inner).matches();
    }

    private static void requireAscii(String path) throws SmtpRefusal {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c > 126) throw new SmtpRefusal(553, "5.6.7", "Non-ASCII addresses need SMTPUTF8, which this server does not offer");
            if (c < 32) throw new SmtpRefusal(501, "5.5.4", "Control character in address");
        }
    }

    private static Map<String, String> parameters(String text) throws SmtpRefusal {
        if (text.isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (String param : text.split("[ \t]+")) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            if (!KEYWORD.matcher(key).matches() || (eq >= 0 && !VALUE.matcher(value).matches())) {
                throw new SmtpRefusal(501, "5.5.4", "Bad parameter syntax");
            }
            if (out.putIfAbsent(key.toUpperCase(Locale.ROOT), value) != null) {
                throw new SmtpRefusal(501, "5.5.4", "Parameter " + key.toUpperCase(Locale.ROOT) + " given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static SmtpRefusal badAddress(boolean sender) {
        return sender
                ? new SmtpRefusal(501, "5.1.7", "Bad sender address syntax")
                : new SmtpRefusal(501, "5.1.3", "Bad recipient address syntax");
    }
}
