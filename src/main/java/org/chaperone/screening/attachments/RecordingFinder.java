package org.chaperone.screening.attachments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds audio and video in an attachment: by its declared type and name, by its first bytes, and
 * inside archives (zip, including documents that are zips such as .docx with embedded media; gzip;
 * tar), recursively. Archives are read as streams and only each entry's first bytes are inspected,
 * within fixed bounds (depth, entries, bytes read), so a zip bomb costs at most those bounds. An
 * archive that cannot be read to the end within them, or is encrypted, is reported as uncheckable:
 * a recording must not pass because it was hidden well.
 */
public final class RecordingFinder {
    public static final int MAX_DEPTH = 4;
    public static final int MAX_ENTRIES = 2_000;
    public static final long MAX_BYTES_READ = 256L * 1024 * 1024;

    /** Where a recording was found ({@code path} names it, inside archives as archive/entry) and what it is. */
    public record Finding(String path, String what) {}

    /** The attachment could not be fully checked (encrypted, damaged, or beyond the bounds). */
    public static final class Uncheckable extends Exception {
        public Uncheckable(String message) {
            super(message, null, false, false);
        }
    }

    private long bytesRead;
    private int entries;

    private RecordingFinder() {}

    public static Optional<Finding> find(String filename, String declaredType, byte[] content) throws Uncheckable {
        RecordingFinder f = new RecordingFinder();
        return f.inspect(displayName(filename), declaredType, new ByteArrayInputStream(content == null ? new byte[0] : content), 0);
    }

    private Optional<Finding> inspect(String path, String declaredType, InputStream in, int depth) throws Uncheckable {
        Optional<String> label = MediaSignatures.byLabel(declaredType, path);
        if (label.isPresent()) return Optional.of(new Finding(path, label.get()));
        byte[] header = readHeader(in);
        Optional<String> content = MediaSignatures.byContent(header, header.length);
        if (content.isPresent()) return Optional.of(new Finding(path, content.get()));
        Archive archive = Archive.of(header);
        if (archive == Archive.NONE) return Optional.empty();
        if (archive == Archive.UNREADABLE) {
            throw new Uncheckable(path + " is an archive type (7z or rar) whose contents cannot be checked");
        }
        if (depth >= MAX_DEPTH) throw new Uncheckable(path + " has archives nested more than " + MAX_DEPTH + " deep");
        InputStream whole = new java.io.SequenceInputStream(new ByteArrayInputStream(header), in);
        return switch (archive) {
            case ZIP -> zip(path, whole, depth);
            case GZIP -> gzip(path, whole, depth);
            case TAR -> tar(path, whole, depth);
            default -> Optional.empty();
        };
    }

    private Optional<Finding> zip(String path, InputStream in, int depth) throws Uncheckable {
        try (ZipInputStream zip = new ZipInputStream(new Counted(in))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                countEntry(path);
                if (entry.isDirectory()) continue;
                Optional<Finding> found = inspect(path + "/" + entry.getName(), null, zip, depth + 1);
                if (found.isPresent()) return found;
                drain(zip);
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new Uncheckable(path + " could not be read as a zip archive (" + e.getMessage() + ")");
        }
    }

    private Optional<Finding> gzip(String path, InputStream in, int depth) throws Uncheckable {
        try (GZIPInputStream gz = new GZIPInputStream(new Counted(in))) {
            String inner = path.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? path.substring(0, path.length() - 3)
                    : path.toLowerCase(java.util.Locale.ROOT).endsWith(".tgz") ? path.substring(0, path.length() - 4) + ".tar"
                    : path + "/(compressed)";
            return inspect(inner, null, gz, depth + 1);
        } catch (IOException e) {
            throw new Uncheckable(path + " could not be read as gzip (" + e.getMessage() + ")");
        }
    }

    /** POSIX tar: 512-byte headers, each followed by its content padded to 512 bytes. */
    private Optional<Finding> tar(String path, InputStream in, int depth) throws Uncheckable {
        try (InputStream tar = new Counted(in)) {
            byte[] header = new byte[512];
            while (true) {
                if (tar.readNBytes(header, 0, 512) < 512) return Optional.empty();
                if (isZeroBlock(header)) return Optional.empty();
                countEntry(path);
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (size < 0) throw new Uncheckable(path + " has a damaged tar header");
                long padded = (size + 511) / 512 * 512;
                if (type == '0' || type == '\0' || type == '7') {
                    InputStream entry = new Bounded(tar, size);
                    Optional<Finding> found = inspect(path + "/" + name, null, entry, depth + 1);
                    if (found.isPresent()) return found;
                    drain(entry);
                    skipFully(tar, padded - size);
                } else {
                    skipFully(tar, padded);
                }
            }
        } catch (IOException e) {
            throw new Uncheckable(path + " could not be read as a tar archive (" + e.getMessage() + ")");
        }
    }

    private byte[] readHeader(InputStream in) throws Uncheckable {
        try {
            return in.readNBytes(MediaSignatures.HEADER_BYTES);
        } catch (IOException e) {
            throw new Uncheckable("an attachment could not be read (" + e.getMessage() + ")");
        }
    }

    private void countEntry(String path) throws Uncheckable {
        if (++entries > MAX_ENTRIES) throw new Uncheckable(path + " has more than " + MAX_ENTRIES + " files in it");
    }

    /** Reads the rest of an entry, counting its decompressed bytes against the budget, which stops a bomb. */
    private void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) consume(n);
    }

    private void consume(long n) throws IOException {
        bytesRead += n;
        if (bytesRead > MAX_BYTES_READ) throw new IOException("more than " + MAX_BYTES_READ / (1024 * 1024) + " MB to read");
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) throw new IOException("truncated");
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean isZeroBlock(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String cString(byte[] b, int at, int len) {
        int end = at;
        while (end < at + len && b[end] != 0) end++;
        return new String(b, at, end - at, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int at, int len) {
        long v = 0;
        boolean any = false;
        for (int i = at; i < at + len; i++) {
            int c = b[i];
            if (c == 0 || c == ' ') {
                if (any) break;
                continue;
            }
            if (c < '0' || c > '7') return -1;
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    static String displayName(String filename) {
        return filename == null || filename.isBlank() ? "(unnamed attachment)" : filename;
    }

    private enum Archive {
        NONE, ZIP, GZIP, TAR, UNREADABLE;

        static Archive of(byte[] h) {
            int n = h.length;
            if (n >= 4 && h[0] == 'P' && h[1] == 'K' && ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6) || (h[2] == 7 && h[3] == 8))) {
                return ZIP;
            }
            if (n >= 2 && (h[0] & 0xFF) == 0x1F && (h[1] & 0xFF) == 0x8B) return GZIP;
            if (n >= 262 && new String(h, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) return TAR;
            if (n >= 6 && h[0] == '7' && h[1] == 'z' && (h[2] & 0xFF) == 0xBC && (h[3] & 0xFF) == 0xAF) return UNREADABLE;
            if (n >= 6 && h[0] == 'R' && h[1] == 'a' && h[2] == 'r' && h[3] == '!') return UNREADABLE;
            return NONE;
        }
    }

    /** Counts every byte read from an archive's stream against the finder's budget. */
    private final class Counted extends java.io.FilterInputStream {
        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) consume(1);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) consume(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) consume(s);
            return s;
        }
    }

    /** The next {@code size} bytes of a stream, and no more. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int c = in.read();
            if (c >= 0) left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
