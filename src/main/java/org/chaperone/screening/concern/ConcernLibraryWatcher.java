package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a {@link ConcernScreener} when the concern library files (or a programme's overrides
 * file) change, without a restart. A library with problems is refused: the problems are logged
 * and passed to the listener, and the previous library stays in force.
 *
 * <p>It polls the files' contents rather than using a {@code WatchService}: the library is a
 * handful of small files, and polling also sees edits on mounted volumes and files replaced by
 * editors or deployment tools, which file-system events can miss.
 */
public final class ConcernLibraryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConcernLibraryWatcher.class);

    private final Path libraryDir;
    private final Path overridesFile;
    private final ConcernScreener screener;
    private final Consumer<ReloadResult> listener;
    private final ScheduledExecutorService timer;
    private long lastFingerprint;

    /**
     * @param overridesFile a programme's overrides, or null for none
     * @param listener      told about every reload attempt (for the incident record or the admin UI)
     */
    public ConcernLibraryWatcher(Path libraryDir, Path overridesFile, ConcernScreener screener,
                                 Consumer<ReloadResult> listener) {
        this.libraryDir = Objects.requireNonNull(libraryDir);
        this.overridesFile = overridesFile;
        this.screener = Objects.requireNonNull(screener);
        this.listener = listener == null ? r -> {} : listener;
        this.lastFingerprint = fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concern-library-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks for changes every {@code interval}. */
    public ConcernLibraryWatcher start(Duration interval) {
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) { // keep polling: the next edit may fix it
            LOG.error("checking the concern library for changes failed", e);
        }
    }

    /** Reloads if anything changed since the last check; the result when it tried. */
    public synchronized Optional<ReloadResult> checkNow() {
        long now = fingerprint();
        if (now == lastFingerprint) return Optional.empty();
        lastFingerprint = now;
        ConcernLibrary library = ConcernLibrary.load(libraryDir);
        if (overridesFile != null) library = library.withOverrides(ConcernOverrides.load(overridesFile));
        ReloadResult result = screener.reload(library);
        if (result.applied()) {
            LOG.info("concern library reloaded from {}: {} queries in force", libraryDir, result.queriesInForce());
        } else {
            LOG.warn("concern library in {} not reloaded, the previous one ({} queries) stays in force; {} problem(s):",
                    libraryDir, result.queriesInForce(), result.problems().size());
            result.problems().forEach(p -> LOG.warn("  {}", p));
        }
        listener.accept(result);
        return Optional.of(result);
    }

    /** A checksum of the names and contents of the files that make up the library. */
    private long fingerprint() {
        CRC32 crc = new CRC32();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(libraryDir)) {
            try (Stream<Path> s = Files.list(libraryDir)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + libraryDir, e);
            }
        }
        if (overridesFile != null && Files.isRegularFile(overridesFile)) files.add(overridesFile);
        for (Path f : files) {
            crc.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                crc.update(Files.readAllBytes(f));
            } catch (IOException e) { // being replaced right now: the next check sees the new file
                crc.update(-1);
            }
        }
        return crc.getValue();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
