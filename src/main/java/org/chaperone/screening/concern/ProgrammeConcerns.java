package org.chaperone.screening.concern;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.ConcernFinder;
import org.chaperone.pipeline.ConcernHit;
import org.chaperone.pipeline.Direction;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.TextPart;
import org.chaperone.registry.ProgrammePolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The concern library as the pipeline uses it. One screener serves every programme; a programme
 * with its own overrides file ({@code <library>/programmes/<programme id>.yaml}: extra queries,
 * queries switched off) gets a screener of its own. Every library and overrides file is watched and
 * reloaded without a restart; a change that does not parse is reported and the previous library
 * stays in force. The policy table is the defaults with the programme's {@code concernRules}.
 */
public final class ProgrammeConcerns implements ConcernFinder, ConcernFinder.Rules, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProgrammeConcerns.class.getName());
    private static final Duration WATCH_EVERY = Duration.ofSeconds(5);
    private static final long RECHECK_NANOS = Duration.ofSeconds(10).toNanos();

    private final Path libraryDir;
    private final Consumer<ReloadResult> reloads;
    private final ConcernScreener shared;
    private final ConcernLibraryWatcher sharedWatcher;
    private final Map<String, Own> byProgramme = new ConcurrentHashMap<>();
    private volatile ReloadResult lastReload;

    /** A programme's screener (null: it has no overrides file) and when that was last checked. */
    private record Own(ConcernScreener screener, ConcernLibraryWatcher watcher, long checkedAt) {}

    /**
     * @param reloads  told of every reload attempt, successful or refused
     */
    public ProgrammeConcerns(Path libraryDir, Consumer<ReloadResult> reloads) {
        this.libraryDir = libraryDir;
        this.reloads = result -> {
            lastReload = result;
            reloads.accept(result);
        };
        ConcernLibrary library = ConcernLibrary.load(libraryDir);
        if (library.hasProblems()) throw new ConcernLibraryException(library.problems());
        this.shared = new ConcernScreener(library);
        this.sharedWatcher = new ConcernLibraryWatcher(libraryDir, null, shared, this.reloads).start(WATCH_EVERY);
    }

    public ConcernScreener shared() {
        return shared;
    }

    @Override
    public List<ConcernHit> find(TextPart part, Envelope e) {
        List<ConcernMatch> matches = screenerFor(e.pairing.programmeId()).match(part.text());
        List<ConcernHit> hits = new ArrayList<>(matches.size());
        for (ConcernMatch m : matches) {
            List<ConcernHit.Span> spans = new ArrayList<>(m.spans().size());
            for (ConcernMatch.Span s : m.spans()) spans.add(new ConcernHit.Span(s.start(), s.end(), s.text()));
            hits.add(new ConcernHit(m.category().wireName(), m.severity().wireName(), m.queryId(), m.query(),
                    part.source(), spans));
        }
        return hits;
    }

    @Override
    public Rule rule(String category, Direction direction, org.chaperone.registry.Programme programme) {
        Category c = Category.fromWireName(category).orElseThrow(() -> new IllegalArgumentException("unknown category " + category));
        PolicyRule r = policyFor(programme.policy()).ruleFor(c, direction);
        return new Rule(r.action(), r.urgentAlert());
    }

    static ConcernPolicy policyFor(ProgrammePolicy policy) {
        if (policy == null || policy.concernRules().isEmpty()) return ConcernPolicy.defaults();
        Map<Category, Map<Direction, PolicyRule>> overrides = new EnumMap<>(Category.class);
        policy.concernRules().forEach((category, byDirection) -> Category.fromWireName(category).ifPresent(c ->
                byDirection.forEach((direction, rule) -> overrides.computeIfAbsent(c, k -> new EnumMap<>(Direction.class))
                        .put(Direction.fromWire(direction), new PolicyRule(Action.fromWire(rule.action()),
                                Boolean.TRUE.equals(rule.urgent()))))));
        return ConcernPolicy.defaults().withOverrides(overrides);
    }

    private ConcernScreener screenerFor(String programmeId) {
        long now = System.nanoTime();
        Own own = byProgramme.get(programmeId);
        if (own == null || (own.screener() == null && now - own.checkedAt() > RECHECK_NANOS)) {
            own = byProgramme.compute(programmeId, (id, current) -> {
                if (current != null && (current.screener() != null || now - current.checkedAt() <= RECHECK_NANOS)) return current;
                return open(id, now);
            });
        }
        return own.screener() != null ? own.screener() : shared;
    }

    private Own open(String programmeId, long now) {
        Path file = overridesFile(programmeId);
        if (!Files.isRegularFile(file)) return new Own(null, null, now);
        ConcernLibrary library = ConcernLibrary.load(libraryDir).withOverrides(ConcernOverrides.load(file));
        if (library.hasProblems()) {
            LOG.warning("the concern overrides of programme " + programmeId + " (" + file + ") are not used: "
                    + library.problems());
            return new Own(null, null, now);
        }
        ConcernScreener screener = new ConcernScreener(library);
        LOG.info("programme " + programmeId + " screens with its own concern overrides from " + file);
        return new Own(screener, new ConcernLibraryWatcher(libraryDir, file, screener, reloads).start(WATCH_EVERY), now);
    }

    public Path overridesFile(String programmeId) {
        return libraryDir.resolve("programmes").resolve(programmeId.replaceAll("[^A-Za-z0-9_-]", "_") + ".yaml");
    }

    /** For /ready: the queries in force, and a refused change while it is the latest one. */
    public String status() {
        String base = shared.library().enabledQueries().size() + " concern queries in force";
        ReloadResult last = lastReload;
        if (last != null && !last.applied()) {
            return base + "; the latest change was refused and the previous library stays in force: " + last.problems();
        }
        return base;
    }

    @Override
    public void close() {
        sharedWatcher.close();
        shared.close();
        for (Own own : byProgramme.values()) {
            if (own.watcher() != null) own.watcher().close();
            if (own.screener() != null) own.screener().close();
        }
    }
}
