package org.chaperone.screening.attachments;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.chaperone.screening.attachments.Media.Entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingFinderTest {

    static Optional<RecordingFinder.Finding> find(String name, String type, byte[] content) throws Exception {
        return RecordingFinder.find(name, type, content);
    }

    @Test
    void audioAndVideoAreFoundByTheirBytesWhateverTheyAreCalled() throws Exception {
        assertEquals("MP3 audio", find("notes.txt", "text/plain", Media.mp3()).orElseThrow().what());
        assertEquals("MP3 audio", find("x.bin", "application/octet-stream", Media.mp3Frames(3)).orElseThrow().what(),
                "MPEG frames without a tag");
        assertEquals("WAV audio", find("homework.pdf", "application/pdf", Media.wav()).orElseThrow().what());
        assertTrue(find("essay.txt", "text/plain", Media.mp4()).orElseThrow().what().startsWith("MP4"), "a renamed mp4");
        assertEquals("WebM or Matroska video", find("data", null, Media.webm()).orElseThrow().what());
    }

    @Test
    void declaredTypesAndNamesCountToo() throws Exception {
        assertTrue(find("voice-note", "audio/ogg", Media.text("x")).isPresent());
        assertTrue(find("clip", "video/quicktime", Media.text("x")).isPresent());
        assertTrue(find("session.m4a", "application/octet-stream", Media.text("x")).isPresent());
    }

    @Test
    void ordinaryFilesPass() throws Exception {
        assertEquals(Optional.empty(), find("cv.txt", "text/plain", Media.text("My CV: GCSEs, work experience at the library.")));
        assertEquals(Optional.empty(), find("photo.heic", "image/heic", Media.heic()), "a HEIC photo is not a recording");
        assertEquals(Optional.empty(), find("notes.zip", "application/zip",
                Media.zip(new Entry("a.txt", Media.text("hello")), new Entry("b/c.txt", Media.text("world")))));
        assertEquals(Optional.empty(), find("empty", null, new byte[0]));
    }

    @Test
    void recordingsInsideArchivesAreFound() throws Exception {
        RecordingFinder.Finding inZip = find("homework.zip", "application/zip",
                Media.zip(new Entry("readme.txt", Media.text("see attached")), new Entry("lesson.dat", Media.mp3()))).orElseThrow();
        assertEquals("homework.zip/lesson.dat", inZip.path());
        assertEquals("MP3 audio", inZip.what());

        byte[] inner = Media.zip(new Entry("clip.txt", Media.mp4()));
        RecordingFinder.Finding nested = find("files.zip", "application/zip",
                Media.zip(new Entry("more.zip", inner))).orElseThrow();
        assertEquals("files.zip/more.zip/clip.txt", nested.path());

        assertTrue(find("docs.zip", null, Media.zip(new Entry("talk.mp3", Media.text("not really")))).isPresent(),
                "an entry named as audio counts");
        assertTrue(find("backup.tar.gz", "application/gzip", Media.gzip(Media.tar(new Entry("a.txt", Media.text("hi")),
                new Entry("b.txt", Media.webm())))).isPresent(), "tar inside gzip");
        assertTrue(find("slides.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Media.zip(new Entry("word/document.xml", Media.text("<w:document/>")), new Entry("word/media/media1.mp4", Media.mp4())))
                .isPresent(), "a document with an embedded video");
    }

    @Test
    void archivesThatCannotBeCheckedAreNotWavedThrough() {
        assertThrows(RecordingFinder.Uncheckable.class, () -> find("x.7z", null,
                new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4}));
        byte[] deep = Media.mp3();
        for (int i = 0; i < RecordingFinder.MAX_DEPTH + 1; i++) deep = Media.zip(new Entry("level" + i + ".zip", deep));
        byte[] tooDeep = deep;
        assertThrows(RecordingFinder.Uncheckable.class, () -> find("deep.zip", null, tooDeep));
        byte[] broken = Media.zip(new Entry("a.txt", Media.text("x".repeat(5000))));
        byte[] truncated = java.util.Arrays.copyOf(broken, 60);
        assertThrows(RecordingFinder.Uncheckable.class, () -> find("broken.zip", null, truncated));
    }

    @Test
    void aZipBombStopsAtTheBound() {
        // 300 MB of zeros compresses to about 300 KB; reading it must stop at the bound, not run to the end.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("zeros.bin"));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 300; i++) zip.write(chunk);
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] bomb = bytes.toByteArray();
        assertTrue(bomb.length < 2_000_000, "the archive itself is small: " + bomb.length);
        RecordingFinder.Uncheckable u = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RecordingFinder.Uncheckable.class, () -> find("bomb.zip", null, bomb)));
        assertTrue(u.getMessage().contains("MB"), u.getMessage());
        byte[] many = Media.zip(java.util.stream.IntStream.range(0, RecordingFinder.MAX_ENTRIES + 1)
                .mapToObj(i -> new Entry("f" + i + ".txt", new byte[0])).toArray(Entry[]::new));
        assertThrows(RecordingFinder.Uncheckable.class, () -> find("many.zip", null, many));
    }
}
