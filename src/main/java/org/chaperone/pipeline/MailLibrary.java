package org.chaperone.pipeline;

/**
 * Settings for jakarta.mail that must be in place before it parses or writes anything.
 *
 * <p>jakarta.mail 2.1 looks up its stream provider for every header block, multipart and encoded word it handles,
 * and without a named provider each lookup is a {@code ServiceLoader} scan of every jar on the class path
 * (jakartaee/mail-api#861): a fifth of the time spent parsing a message. Naming Angus's provider makes each lookup
 * a class lookup. An operator's own setting is kept.
 */
public final class MailLibrary {
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private MailLibrary() {}

    /** Makes sure the settings are in place (they are applied once, when this class is first used). */
    public static void configure() {
        // The static initialiser does the work.
    }
}
