package org.chaperone.api;

import org.chaperone.registry.Registry;
import org.chaperone.review.Names;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The pairing's and programme's names shown beside search results, kept for a minute. They are display
 * only — what a search may find is decided by its scope, never by these — and reading them costs up to
 * three registry round trips per result, which the embedded server (no secondary indexes) answers slowly.
 * A renamed person shows under the old name for at most {@link #TTL_NANOS}.
 */
final class SearchLabels {
    static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX_ENTRIES = 20_000;

    record Labels(String pairing, String programme) {}

    private record Cached(Labels labels, long expires) {}

    private final LongSupplier nanoTime;
    private final Map<String, Cached> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    SearchLabels() {
        this(System::nanoTime);
    }

    SearchLabels(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Blocking on a miss: reads the pairing, its people and the programme. */
    Labels of(Registry registry, Names names, String organisationId, String pairingId, String programmeId) {
        String key = organisationId + "/" + pairingId;
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Cached e = entries.get(key);
            if (e != null && now - e.expires() < 0) return e.labels();
        }
        String pairing = registry.pairings.find(organisationId, pairingId).map(names::pairing).orElse(null);
        String programme = programmeId == null ? null
                : registry.programmes.find(organisationId, programmeId).map(p -> p.name()).orElse(null);
        Labels labels = new Labels(pairing, programme);
        synchronized (entries) {
            entries.put(key, new Cached(labels, now + TTL_NANOS));
        }
        return labels;
    }
}
