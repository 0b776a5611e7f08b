package org.chaperone.ingress.smtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The client's IP address, and the key that limits count it under. */
final class ClientAddress {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

    private ClientAddress() {}

    /** Parses an IP literal without touching DNS (which would block the event loop); null if it is not one. */
    static InetAddress literal(String ip) {
        if (ip == null || !LITERAL.matcher(ip).matches()) return null;
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * IPv4 addresses count one by one; IPv6 ones by their /64, because one subscriber is usually given a
     * whole /64 and could otherwise open connections or probe addresses from 2^64 "different" clients.
     */
    static String key(String ip) {
        InetAddress address = literal(ip);
        if (address == null) return String.valueOf(ip);
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }
}
