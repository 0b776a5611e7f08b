package org.chaperone.store;

import org.bson.types.ObjectId;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers: ordered ids for records, unguessable tokens for anything that grants access. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** A random token of {@code bits} bits (at least 128), lower-case base-32 so it fits a mail local part. */
    public static String token(int bits) {
        if (bits < 128) throw new IllegalArgumentException("tokens need at least 128 bits");
        byte[] bytes = new byte[(bits + 7) / 8];
        RANDOM.nextBytes(bytes);
        return base32(bytes);
    }

    public static String hexToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }
}
