package org.chaperone.delivery;

import java.util.List;

/**
 * A delivery did not happen. Temporary failures (4xx, connection refused, timeouts) are retried
 * with backoff; permanent ones (5xx) end the delivery and the sender is told.
 */
public final class DeliveryException extends Exception {
    private final boolean permanent;
    private final List<String> rejectedRecipients;

    public DeliveryException(String message, boolean permanent, List<String> rejectedRecipients, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.rejectedRecipients = rejectedRecipients == null ? List.of() : List.copyOf(rejectedRecipients);
    }

    public static DeliveryException temporary(String message, Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    public static DeliveryException permanent(String message, List<String> recipients, Throwable cause) {
        return new DeliveryException(message, true, recipients, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    /** For a partial failure: the recipients refused permanently (the others received it). */
    public List<String> rejectedRecipients() {
        return rejectedRecipients;
    }
}
