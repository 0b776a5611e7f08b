package org.chaperone.delivery;

import java.util.List;

/** Hands finished mail to the next hop. Called from the delivery worker's thread only. */
public interface MailTransport extends AutoCloseable {
    void send(String envelopeFrom, List<String> recipients, byte[] mime) throws DeliveryException;

    @Override
    void close();
}
