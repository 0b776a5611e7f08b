package org.chaperone.delivery;

/** Hands a text message to the SMS provider. The recipient sees only the relay number {@code from}. */
public interface SmsSender {
    void send(String from, String to, String body) throws DeliveryException;
}
