package org.chaperone.screening.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small but real media and archive files, built byte by byte for the tests. */
public final class Media {
    private Media() {}

    /** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), with no ID3 tag. */
    public static byte[] mp3Frames(int frames) {
        byte[] out = new byte[417 * frames];
        for (int f = 0; f < frames; f++) {
            int at = f * 417;
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xFB;
            out[at + 2] = (byte) 0x90;
            out[at + 3] = (byte) 0x64;
        }
        return out;
    }

    /** An ID3v2 tag followed by MP3 frames, as most recorders write. */
    public static byte[] mp3() {
        byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
        return concat(tag, mp3Frames(3));
    }

    public static byte[] wav() {
        byte[] b = new byte[64];
        put(b, 0, "RIFF");
        b[4] = 56;
        put(b, 8, "WAVEfmt ");
        return b;
    }

    /** An MP4 (ISO base media) file's first boxes: ftyp with brand isom, then the start of moov. */
    public static byte[] mp4() {
        byte[] b = new byte[64];
        b[3] = 0x20;
        put(b, 4, "ftypisom");
        b[14] = 2;
        put(b, 16, "isomiso2avc1mp41");
        b[35] = 0x10;
        put(b, 36, "moov");
        return b;
    }

    /** A HEIC photo's first box: also ftyp, but an image brand. */
    public static byte[] heic() {
        byte[] b = new byte[32];
        b[3] = 0x18;
        put(b, 4, "ftypheic");
        put(b, 16, "mif1heic");
        return b;
    }

    public static byte[] webm() {
        byte[] b = new byte[32];
        b[0] = 0x1A;
        b[1] = 0x45;
        b[2] = (byte) 0xDF;
        b[3] = (byte) 0xA3;
        return b;
    }

    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public record Entry(String name, byte[] content) {}

    public static byte[] zip(Entry... entries) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.content());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] content) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POSIX (ustar) tar archive with regular files. */
    public static byte[] tar(Entry... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] h = new byte[512];
            put(h, 0, e.name());
            put(h, 100, "0000644\0");
            put(h, 108, "0000000\0");
            put(h, 116, "0000000\0");
            put(h, 124, String.format("%011o\0", e.content().length));
            put(h, 136, "00000000000\0");
            h[156] = '0';
            put(h, 257, "ustar\0" + "00");
            put(h, 148, "        ");
            int sum = 0;
            for (byte x : h) sum += x & 0xFF;
            put(h, 148, String.format("%06o\0 ", sum));
            out.writeBytes(h);
            out.writeBytes(e.content());
            out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void put(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }
}
