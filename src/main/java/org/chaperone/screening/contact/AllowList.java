package org.chaperone.screening.contact;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Contacts that are not personal details: signposting helplines, the programme's official
 * contacts, relay addresses and the relay domain. Numbers are compared by their digits (and by
 * E.164 where they parse), email addresses exactly, domains including their subdomains.
 */
final class AllowList {
    private final Set<String> numbers = new HashSet<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<String> domains = new HashSet<>();
    private final Set<String> texts = new HashSet<>();

    AllowList(ContactSettings settings, PhoneNumberUtil util) {
        settings.signpostingNumbers().forEach(s -> addEntry(s, util, settings.defaultRegion()));
        settings.allowedAddresses().forEach(s -> addEntry(s, util, settings.defaultRegion()));
        settings.allowedDomains().forEach(d -> domains.add(cleanDomain(d)));
    }

    private AllowList(AllowList base) {
        numbers.addAll(base.numbers);
        emails.addAll(base.emails);
        domains.addAll(base.domains);
        texts.addAll(base.texts);
    }

    /** This list plus a message's own allowed contacts. */
    AllowList with(Set<String> extra, PhoneNumberUtil util, String region) {
        if (extra.isEmpty()) return this;
        AllowList a = new AllowList(this);
        extra.forEach(s -> a.addEntry(s, util, region));
        return a;
    }

    private void addEntry(String raw, PhoneNumberUtil util, String region) {
        if (raw == null || raw.isBlank()) return;
        String s = raw.trim().toLowerCase(Locale.ROOT);
        texts.add(compact(s));
        if (s.startsWith("@") && s.indexOf('.') > 0) {
            domains.add(cleanDomain(s.substring(1)));
        } else if (s.indexOf('@') > 0) {
            emails.add(s);
        } else if (s.chars().anyMatch(Character::isLetter)) {
            domains.add(cleanDomain(s));
        } else {
            String digits = s.replaceAll("[^0-9]", "");
            if (digits.isEmpty()) return;
            numbers.add(digits);
            try {
                PhoneNumber p = util.parse(s, region);
                numbers.add(util.format(p, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
                numbers.add(util.getNationalSignificantNumber(p));
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // a short code such as 85258 is compared by its digits alone
                numbers.add(digits);
            }
        }
    }

    private static String cleanDomain(String d) {
        String s = d.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("http://")) s = s.substring(7);
        if (s.startsWith("https://")) s = s.substring(8);
        if (s.startsWith("www.")) s = s.substring(4);
        int slash = s.indexOf('/');
        return slash >= 0 ? s.substring(0, slash) : s;
    }

    /** Digits as written, the E.164 digits without '+', or the national significant number. */
    boolean allowsNumber(String digits, String e164Digits, String nationalSignificant) {
        return numbers.contains(digits)
                || (e164Digits != null && numbers.contains(e164Digits))
                || (nationalSignificant != null && numbers.contains(nationalSignificant));
    }

    boolean allowsEmail(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (emails.contains(a)) return true;
        int at = a.lastIndexOf('@');
        return at >= 0 && allowsDomain(a.substring(at + 1));
    }

    boolean allowsDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(h)) return true;
            int dot = h.indexOf('.');
            if (dot < 0) return false;
            h = h.substring(dot + 1);
        }
    }

    /** A finding whose letters and digits equal an allowed entry's (e.g. the programme's address). */
    boolean allowsText(String text) {
        return !texts.isEmpty() && texts.contains(compact(text.toLowerCase(Locale.ROOT)));
    }

    private static String compact(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '@' || c == '.') b.append(c);
        }
        return b.toString();
    }
}
