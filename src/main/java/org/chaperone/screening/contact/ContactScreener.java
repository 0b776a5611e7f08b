package org.chaperone.screening.contact;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.chaperone.screening.text.NormalisedText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds personal contact details in a text: phone numbers, email addresses, postal addresses,
 * social media accounts and personal links, however they are disguised. The text is folded first
 * ({@link NormalisedText}: look-alike letters, full-width and other digits, zero-width characters),
 * cut into tokens once, and read by one detector per kind; findings point at the original text.
 *
 * <p>Built once and shared: it is thread-safe and keeps no state between calls. Every detector
 * works in time linear in the length of the text, and {@link #find} never throws.
 */
public final class ContactScreener {
    private static final Logger LOG = Logger.getLogger(ContactScreener.class.getName());

    private final ContactSettings settings;
    private final PhoneNumberUtil phoneUtil;
    private final AllowList allowList;
    private final PhoneDetector phones;
    private final EmailDetector emails = new EmailDetector();
    private final LinkDetector links = new LinkDetector();
    private final HandleDetector handles = new HandleDetector();
    private final PostalDetector postal = new PostalDetector();
    private final boolean everyToken;

    public ContactScreener(ContactSettings settings) {
        this(settings, false);
    }

    /** @param everyToken detectors read every token rather than skip to their anchors: for the tests that check
     *                   skipping changes nothing */
    ContactScreener(ContactSettings settings, boolean everyToken) {
        this.everyToken = everyToken;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.phoneUtil = PhoneNumberUtil.getInstance();
        this.allowList = new AllowList(settings, phoneUtil);
        this.phones = new PhoneDetector(phoneUtil, settings.defaultRegion());
    }

    public ContactSettings settings() {
        return settings;
    }

    /** The contact details in {@code text}, in order of position; empty when there are none. */
    public List<ContactFinding> find(String text, ContactContext ctx) {
        return screen(text, ctx).findings();
    }

    /**
     * Like {@link #find}, and says whether every detector ran to the end. An incomplete screen
     * (a bug met an input it did not expect) should be treated as a hold, never as clean.
     */
    public ContactScreen screen(String text, ContactContext ctx) {
        if (text == null || text.isEmpty()) return new ContactScreen(List.of(), true);
        ContactContext context = ctx == null ? ContactContext.underEighteen() : ctx;
        NormalisedText folded;
        Tokens tokens;
        try {
            folded = NormalisedText.of(text);
            tokens = Tokens.of(folded.text(), everyToken);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "contact screening could not read a text of " + text.length() + " chars", e);
            return new ContactScreen(List.of(), false);
        }
        AllowList allow = allowList.with(context.allowedContacts(), phoneUtil, settings.defaultRegion());
        Hits hits = new Hits();
        boolean complete = true;
        complete &= run("phone", () -> phones.find(tokens, hits, allow));
        complete &= run("email", () -> emails.find(tokens, hits, allow));
        complete &= run("link", () -> links.find(tokens, hits, allow, context));
        complete &= run("handle", () -> handles.find(tokens, hits, context));
        complete &= run("postal", () -> postal.find(tokens, hits));
        List<ContactFinding> findings;
        try {
            findings = toFindings(hits, folded, allow);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "contact screening could not map its findings", e);
            return new ContactScreen(List.of(), false);
        }
        return new ContactScreen(findings, complete);
    }

    private static boolean run(String detector, Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "contact detector '" + detector + "' failed", e);
            return false;
        }
    }

    /** Maps spans back to the original text, drops allowed ones, merges overlaps of one kind. */
    private static List<ContactFinding> toFindings(Hits hits, NormalisedText folded, AllowList allow) {
        int n = hits.size();
        if (n == 0) return List.of();
        long[] spans = new long[n]; // start << 32 | index, sorted by start
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = folded.originalStart(hits.start(i));
            ends[i] = folded.originalEnd(hits.end(i));
            spans[i] = ((long) starts[i] << 32) | i;
        }
        java.util.Arrays.sort(spans);
        String original = folded.original();
        List<ContactFinding> out = new ArrayList<>(n);
        // one open span per kind; a finding overlapping the open span of its kind extends it
        int kinds = ContactKind.values().length;
        int[] openStart = new int[kinds];
        int[] openEnd = new int[kinds];
        java.util.Arrays.fill(openStart, -1);
        for (long span : spans) {
            int i = (int) span;
            ContactKind kind = hits.kind(i);
            int k = kind.ordinal();
            int s = starts[i], e = ends[i];
            if (e <= s) continue;
            if (openStart[k] >= 0 && s < openEnd[k]) {
                openEnd[k] = Math.max(openEnd[k], e);
                continue;
            }
            if (openStart[k] >= 0) emit(out, kind, openStart[k], openEnd[k], original, allow);
            openStart[k] = s;
            openEnd[k] = e;
        }
        for (ContactKind kind : ContactKind.values()) {
            int k = kind.ordinal();
            if (openStart[k] >= 0) emit(out, kind, openStart[k], openEnd[k], original, allow);
        }
        out.sort(Comparator.comparingInt(ContactFinding::start).thenComparing(ContactFinding::kind));
        return List.copyOf(out);
    }

    private static void emit(List<ContactFinding> out, ContactKind kind, int start, int end, String original,
                             AllowList allow) {
        String slice = original.substring(start, end);
        if (!allow.allowsText(slice)) out.add(new ContactFinding(kind, start, end, slice));
    }

    /** The findings and whether the screen ran to the end. */
    public record ContactScreen(List<ContactFinding> findings, boolean complete) {
        public ContactScreen {
            findings = List.copyOf(findings);
        }
    }
}
