package org.chaperone.screening.attachments;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises audio and video by what a file says it is (declared type, file name extension) and by
 * what its first bytes are (container and stream signatures), so a recording renamed to
 * {@code notes.txt} is still found. Image containers that share a box format with video (HEIC, AVIF)
 * are not recordings.
 */
public final class MediaSignatures {
    /** Bytes needed from the start of a file to recognise every signature here. */
    public static final int HEADER_BYTES = 4096;

    private static final Set<String> EXTENSIONS = Set.of(
            "mp3", "wav", "wave", "ogg", "oga", "ogv", "ogx", "opus", "spx", "flac", "m4a", "m4b", "m4p", "m4v", "mp4", "mp4a",
            "aac", "mov", "qt", "webm", "weba", "mkv", "mka", "mk3d", "avi", "amr", "awb", "3gp", "3gpp", "3g2", "3gpp2",
            "wma", "wmv", "asf", "aif", "aiff", "aifc", "caf", "flv", "f4v", "mpg", "mpeg", "mpe", "m1v", "m2v", "mp2",
            "m2ts", "mts", "vob", "au", "snd", "ra", "rm", "rmvb", "dv", "mxf", "mjpeg", "mod", "ac3", "dts", "ape", "wv");
    /** Declared types that are media although not under audio/ or video/. */
    private static final Set<String> MEDIA_TYPES = Set.of("application/ogg", "application/mp4", "application/x-matroska",
            "application/vnd.rn-realmedia", "application/x-shockwave-flash", "application/mxf", "application/x-mpegurl",
            "application/vnd.apple.mpegurl");
    /** ISO base media brands used by still images, not recordings. */
    private static final Set<String> IMAGE_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1",
            "avif", "avis", "crx ", "jpx ", "jp2 ", "jpm ");

    private MediaSignatures() {}

    /** A description of the media that the declared type or the name claims, if any. */
    public static Optional<String> byLabel(String declaredType, String filename) {
        String type = declaredType == null ? "" : declaredType.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("audio/")) return Optional.of("audio (declared " + type + ")");
        if (type.startsWith("video/")) return Optional.of("video (declared " + type + ")");
        if (MEDIA_TYPES.contains(type)) return Optional.of("audio or video (declared " + type + ")");
        String ext = extension(filename);
        if (ext != null && EXTENSIONS.contains(ext)) return Optional.of("audio or video (a ." + ext + " file)");
        return Optional.empty();
    }

    static String extension(String filename) {
        if (filename == null) return null;
        String name = filename.trim().toLowerCase(Locale.ROOT);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? null : name.substring(dot + 1);
    }

    /** What the first bytes of a file show it to be, if audio or video. */
    public static Optional<String> byContent(byte[] b, int length) {
        int n = Math.min(length, b.length);
        if (n < 4) return Optional.empty();
        if (starts(b, n, 0, "ID3")) return Optional.of("MP3 audio");
        if (starts(b, n, 0, "RIFF") && n >= 12) {
            String form = ascii(b, 8, 4);
            if (form.equals("WAVE")) return Optional.of("WAV audio");
            if (form.equals("AVI ")) return Optional.of("AVI video");
            if (form.equals("RMP3")) return Optional.of("MP3 audio");
            if (form.equals("CDXA")) return Optional.of("video CD");
        }
        if (starts(b, n, 0, "RF64")) return Optional.of("WAV audio");
        if (starts(b, n, 0, "FORM") && n >= 12 && (ascii(b, 8, 4).equals("AIFF") || ascii(b, 8, 4).equals("AIFC"))) {
            return Optional.of("AIFF audio");
        }
        if (starts(b, n, 0, "OggS")) return Optional.of("Ogg audio or video");
        if (starts(b, n, 0, "fLaC")) return Optional.of("FLAC audio");
        if (starts(b, n, 0, "#!AMR")) return Optional.of("AMR audio");
        if (starts(b, n, 0, "caff")) return Optional.of("Core Audio");
        if (starts(b, n, 0, ".snd")) return Optional.of("Sun audio");
        if (starts(b, n, 0, ".RMF")) return Optional.of("RealMedia");
        if (starts(b, n, 0, "MAC ")) return Optional.of("Monkey's Audio");
        if (starts(b, n, 0, "wvpk")) return Optional.of("WavPack audio");
        if (starts(b, n, 0, "FLV") && n > 3 && b[3] == 1) return Optional.of("Flash video");
        if (u(b, 0) == 0x1A && u(b, 1) == 0x45 && u(b, 2) == 0xDF && u(b, 3) == 0xA3) return Optional.of("WebM or Matroska video");
        if (n >= 16 && u(b, 0) == 0x30 && u(b, 1) == 0x26 && u(b, 2) == 0xB2 && u(b, 3) == 0x75 && u(b, 4) == 0x8E
                && u(b, 5) == 0x66 && u(b, 6) == 0xCF && u(b, 7) == 0x11) {
            return Optional.of("Windows Media audio or video");
        }
        if (n >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4).toLowerCase(Locale.ROOT);
            if (!IMAGE_BRANDS.contains(brand)) return Optional.of("MP4/QuickTime media (" + brand.trim() + ")");
        }
        if (n >= 8) {
            String atom = ascii(b, 4, 4);
            if ((atom.equals("moov") || atom.equals("mdat") || atom.equals("wide")) && u(b, 0) == 0) {
                return Optional.of("QuickTime video");
            }
        }
        if (u(b, 0) == 0 && u(b, 1) == 0 && u(b, 2) == 1 && (u(b, 3) == 0xBA || u(b, 3) == 0xB3)) return Optional.of("MPEG video");
        if (n >= 188 * 3 && u(b, 0) == 0x47 && u(b, 188) == 0x47 && u(b, 376) == 0x47) return Optional.of("MPEG transport stream");
        if (isAdts(b, n)) return Optional.of("AAC audio");
        if (isMpegAudioFrame(b, n)) return Optional.of("MP3 audio");
        if (u(b, 0) == 0x0B && u(b, 1) == 0x77) return Optional.of("AC-3 audio");
        return Optional.empty();
    }

    /** An MPEG audio frame header at the start, with the next frame where the first says it ends. */
    private static boolean isMpegAudioFrame(byte[] b, int n) {
        if (!frameHeader(b, n, 0)) return false;
        int length = frameLength(b, 0);
        // One header alone is two bytes of chance; a second header where the first frame ends is not.
        return length > 0 && frameHeader(b, n, length);
    }

    private static boolean frameHeader(byte[] b, int n, int at) {
        if (at + 4 > n) return false;
        int b1 = u(b, at + 1), b2 = u(b, at + 2);
        return u(b, at) == 0xFF && (b1 & 0xE0) == 0xE0
                && ((b1 >> 3) & 3) != 1      // version: not reserved
                && ((b1 >> 1) & 3) != 0      // layer: not reserved
                && (b2 >> 4) != 0xF && (b2 >> 4) != 0  // bitrate: not bad, not free
                && ((b2 >> 2) & 3) != 3;     // sample rate: not reserved
    }

    private static final int[][] BITRATES_V1 = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},     // layer I
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},        // layer II
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}};        // layer III
    private static final int[][] BITRATES_V2 = {
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[][] SAMPLE_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    private static int frameLength(byte[] b, int at) {
        int b1 = u(b, at + 1), b2 = u(b, at + 2);
        int version = (b1 >> 3) & 3;            // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        int layer = 4 - ((b1 >> 1) & 3);        // 1, 2 or 3
        int bitrate = (version == 3 ? BITRATES_V1 : BITRATES_V2)[layer - 1][b2 >> 4] * 1000;
        int rate = SAMPLE_RATES[version][(b2 >> 2) & 3];
        int padding = (b2 >> 1) & 1;
        if (rate == 0 || bitrate == 0) return -1;
        if (layer == 1) return (12 * bitrate / rate + padding) * 4;
        int samples = layer == 3 && version != 3 ? 72 : 144;
        return samples * bitrate / rate + padding;
    }

    private static boolean isAdts(byte[] b, int n) {
        if (n < 7 || u(b, 0) != 0xFF || (u(b, 1) & 0xF6) != 0xF0) return false;
        int length = ((u(b, 3) & 0x03) << 11) | (u(b, 4) << 3) | (u(b, 5) >> 5);
        return length >= 7 && length + 2 <= n && u(b, length) == 0xFF && (u(b, length + 1) & 0xF6) == 0xF0;
    }

    private static boolean starts(byte[] b, int n, int at, String s) {
        if (at + s.length() > n) return false;
        for (int i = 0; i < s.length(); i++) if (b[at + i] != (byte) s.charAt(i)) return false;
        return true;
    }

    private static String ascii(byte[] b, int at, int len) {
        if (at + len > b.length) return "";
        return new String(b, at, len, StandardCharsets.ISO_8859_1);
    }

    private static int u(byte[] b, int i) {
        return i < b.length ? b[i] & 0xFF : -1;
    }
}
