package org.chaperone.bench;

import com.mongodb.client.MongoCollection;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.config.ConfigLoader;
import org.chaperone.config.GatewayConfig;
import org.chaperone.gateway.Gateway;
import org.chaperone.index.IndexModule;
import org.chaperone.index.Reindexer;
import org.chaperone.index.SearchService;
import org.chaperone.registry.Registry;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;
import org.chaperone.store.Seq;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code scripts/bench search}: the message search at scale, bounded and on loopback only. A first JVM
 * builds the data, so that the memory measured afterwards is the gateway's alone:
 * <ol>
 *   <li>registers organisations, programmes, pairings and staff in an embedded MongoDB under a temporary
 *       data directory;</li>
 *   <li>measures a rebuild from MongoDB on a sample ({@code --mongo-sample} messages inserted first);</li>
 *   <li>builds the index of {@code --messages} generated messages (Zipf words, several organisations,
 *       a few percent flagged) with the same code as {@code scripts/reindex}: rate and size on disk;</li>
 *   <li>starts the gateway on that data directory (it opens and checksums the index, catches up);</li>
 *   <li>runs {@code --searches} searches through {@link SearchService} as programme managers (80%) and
 *       DSLs (20%) would — a word or two, often a filter — and reports p50/p95/p99;</li>
 *   <li>runs {@code --http} of them through {@code GET /api/v1/search} (sign-in, scope from the registry,
 *       audit log, JSON), and reports the same;</li>
 *   <li>reports the process's resident memory (VmRSS): this JVM is the gateway.</li>
 * </ol>
 */
public final class SearchBench {
    private SearchBench() {}

    record Options(int messages, int searches, int warmup, int http, int mongoSample, int organisations, int pairings,
                   long seed, boolean keep) {
        static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--keep")) o.put("keep", "true");
                else if (args[i].startsWith("--") && i + 1 < args.length) o.put(args[i].substring(2), args[++i]);
                else throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
            }
            Options opts = new Options(num(o, "messages", 1_000_000), num(o, "searches", 5_000), num(o, "warmup", 1_000),
                    num(o, "http", 1_000), num(o, "mongo-sample", 20_000), num(o, "organisations", 20),
                    num(o, "pairings", 5_000), num(o, "seed", 20_260_501), o.containsKey("keep"));
            if (opts.messages() > 5_000_000 || opts.searches() > 100_000 || opts.http() > 20_000 || opts.mongoSample() > 200_000) {
                throw new IllegalArgumentException("the benchmark is bounded: at most 5,000,000 messages, 100,000 searches, "
                        + "20,000 HTTP searches and a MongoDB sample of 200,000");
            }
            return opts;
        }

        private static int num(Map<String, String> o, String key, int dflt) {
            return o.containsKey(key) ? Integer.parseInt(o.get(key).replace("_", "")) : dflt;
        }
    }

    static final String USAGE = """
            Usage: scripts/bench search [--messages 1000000] [--searches 5000] [--warmup 1000] [--http 1000]
                                        [--mongo-sample 20000] [--organisations 20] [--pairings 5000] [--seed N] [--keep]""";

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 1 && args[0].equals(BUILD)) {
            build(Path.of(args[1]), Options.parse(Arrays.copyOfRange(args, 2, args.length)));
            return;
        }
        Options opts = Options.parse(args);
        Path data = Files.createTempDirectory("chaperone-bench-search-");
        List<String> report = new ArrayList<>();
        report.add(String.format("messages %,d · organisations %d · pairings %,d · searches %,d (+%,d warm-up) · HTTP %,d · seed %d",
                opts.messages(), opts.organisations(), opts.pairings(), opts.searches(), opts.warmup(), opts.http(), opts.seed()));
        report.add(String.format("JVM %s %s, max heap %d MB, %d processors", Runtime.version(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors()));
        try {
            // The data is built in a JVM of its own, so the memory measured here is the gateway's, not the build's.
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SearchBench.class.getName(), BUILD,
                    data.toString()));
            command.addAll(List.of(args));
            Process build = new ProcessBuilder(command).inheritIO().start();
            if (build.waitFor() != 0) throw new IllegalStateException("the build process failed (exit " + build.exitValue() + ")");
            JsonObject built = new JsonObject(Files.readString(data.resolve(BUILT)));
            built.getJsonArray("report").forEach(line -> report.add((String) line));
            run(opts, data, Tenancy.fromJson(built.getJsonArray("tenancy")), Instant.parse(built.getString("end")), report);
        } finally {
            if (!opts.keep()) deleteTree(data);
            else report.add("data kept at " + data);
        }
        System.out.println();
        System.out.println("== Search benchmark ==");
        report.forEach(System.out::println);
    }

    static final String BUILD = "--build-into";
    static final String BUILT = "bench-search.json";

    private static GatewayConfig config(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("CHAPERONE_DATA_DIR", data.toString());
        env.put("CHAPERONE_HTTP_HOST", "127.0.0.1");
        env.put("CHAPERONE_HTTP_PORT", "0");
        env.put("CHAPERONE_SMTP_HOST", "127.0.0.1");
        env.put("CHAPERONE_SMTP_PORT", "0");
        env.put("CHAPERONE_AUTH_PASSWORD_HASH_ITERATIONS", "10000");
        env.put("CHAPERONE_DEMO_SEED", "false");
        return ConfigLoader.load(Path.of("config", "gateway.yaml"), env);
    }

    /** The build process: the registry, the index of all messages, a rebuild from MongoDB on a sample. */
    private static void build(Path data, Options opts) throws Exception {
        GatewayConfig config = config(data);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> report = new ArrayList<>();
        Tenancy tenancy;
        try (MongoStore store = MongoStore.open(config.mongo(), config.dataPath())) {
            Schema.ensure(store);
            long started = System.nanoTime();
            String hash = new PasswordHasher(config.auth().passwordHashIterations()).hash(Tenancy.PASSWORD);
            tenancy = Tenancy.create(new Registry(store), hash, opts.organisations(), 5, opts.pairings());
            store.awaitDurable();
            log("registered %d organisations, %d programmes, %,d pairings in %.1f s", tenancy.organisations().size(),
                    tenancy.programmes().size(), tenancy.pairings().size(), secs(started));
        }
        // The index of all messages, built as scripts/reindex builds it.
        Path indexPath = IndexModule.location(config.dataPath());
        long buildStart = System.nanoTime();
        Reindexer.Rebuilt built = Reindexer.build(SearchCorpus.messages(tenancy, opts.messages(), end, opts.seed()),
                Seq.next(), indexPath, n -> {
                    if (n % 100_000 == 0) log("indexed %,d messages (%.0f/s overall)", n, n / secs(buildStart));
                });
        report.add(String.format("index build: %,d messages in %.1f s = %,.0f messages/s (generation included, one thread)",
                built.messages(), built.took().toMillis() / 1000.0, built.messages() / (built.took().toMillis() / 1000.0)));
        report.add(String.format("index size on disk: %.1f MB (%.0f bytes per message)", built.bytes() / 1e6,
                (double) built.bytes() / Math.max(1, built.messages())));
        if (opts.mongoSample() > 0) {
            try (MongoStore store = MongoStore.open(config.mongo(), config.dataPath())) {
                report.add(mongoSample(store, tenancy, opts, end, data));
            }
        }
        Files.writeString(data.resolve(BUILT), new JsonObject().put("end", end.toString()).put("tenancy", tenancy.toJson())
                .put("report", new io.vertx.core.json.JsonArray(report)).encode());
    }

    /** The gateway's process: start on the built data directory, search through the service, then through HTTP. */
    private static void run(Options opts, Path data, Tenancy tenancy, Instant end, List<String> report) throws Exception {
        GatewayConfig config = config(data);
        report.add("memory before the gateway starts (this JVM: the bench client only): " + memory());
        long t0 = System.nanoTime();
        try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
            IndexModule index = gateway.index();
            while (!index.status().complete()) {
                if (index.status().phase() == org.chaperone.index.IndexFeeder.Phase.FAILED) {
                    throw new IllegalStateException("index failed: " + index.status().detail());
                }
                Thread.sleep(50);
            }
            report.add(String.format("gateway start with the index (open, checksum every file, catch up): %.1f s", secs(t0)));
            report.add("memory after start: " + memory());

            // Searches through the service.
            SplittableRandom random = new SplittableRandom(opts.seed() + 1);
            List<Search> searches = new ArrayList<>();
            for (int i = 0; i < opts.warmup() + opts.searches(); i++) searches.add(Search.random(tenancy, random, end));
            SearchService service = index.search();
            long[] nanos = new long[opts.searches()];
            long[] totals = new long[opts.searches()];
            Map<String, List<Long>> byKind = new HashMap<>();
            Map<String, List<Long>> hitsByKind = new HashMap<>();
            for (int i = 0; i < searches.size(); i++) {
                Search s = searches.get(i);
                long start = System.nanoTime();
                SearchService.Result r = service.search(s.scope(), s.request());
                long took = System.nanoTime() - start;
                if (i >= opts.warmup()) {
                    int k = i - opts.warmup();
                    nanos[k] = took;
                    totals[k] = r.total();
                    byKind.computeIfAbsent(s.kind(), x -> new ArrayList<>()).add(took);
                    hitsByKind.computeIfAbsent(s.kind(), x -> new ArrayList<>()).add(r.total());
                }
            }
            report.add("service search (SearchService, one thread): " + percentiles(nanos)
                    + String.format("; median hits %,d", median(totals)));
            byKind.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> report.add("  " + e.getKey() + ": "
                    + percentiles(e.getValue().stream().mapToLong(Long::longValue).toArray()) + String.format("; median hits %,d",
                    median(hitsByKind.get(e.getKey()).stream().mapToLong(Long::longValue).toArray()))));
            report.add("memory after service searches: " + memory());

            // Through HTTP.
            if (opts.http() > 0) {
                report.add(http(gateway, tenancy, searches, opts));
                report.add("memory after HTTP searches: " + memory());
            }
            nativeMemory().ifPresent(report::add);
        }
    }

    /** Inserts a sample into MongoDB and rebuilds an index from it, as the gateway and scripts/reindex do. */
    private static String mongoSample(MongoStore store, Tenancy tenancy, Options opts, Instant end, Path data) {
        MongoCollection<Document> sample = store.collection("bench_messages");
        Iterator<Document> generated = SearchCorpus.messages(tenancy, opts.mongoSample(), end, opts.seed() + 7);
        long t0 = System.nanoTime();
        List<Document> batch = new ArrayList<>();
        while (generated.hasNext()) {
            Document d = generated.next();
            d.put("raw", new org.bson.types.Binary(new byte[1500]));   // the MIME the store keeps beside the text
            batch.add(d);
            if (batch.size() == 500 || !generated.hasNext()) {
                sample.insertMany(batch);
                batch.clear();
            }
        }
        store.awaitDurable();
        double inserted = secs(t0);
        t0 = System.nanoTime();
        Reindexer.Rebuilt r = Reindexer.rebuild(sample, data.resolve("sample-index"), n -> {});
        double took = secs(t0);
        sample.drop();
        return String.format("rebuild from embedded MongoDB (sample of %,d, inserted in %.1f s): %,.0f messages/s",
                r.messages(), inserted, r.messages() / took);
    }

    /** One search as staff would make it: a word or two (sometimes none), often a filter. */
    record Search(String kind, SearchService.Scope scope, SearchService.Request request, String query, String token) {
        static Search random(Tenancy t, SplittableRandom random, Instant end) {
            Tenancy.Org org = t.organisations().get(random.nextInt(t.organisations().size()));
            boolean dsl = random.nextInt(5) == 0;
            Tenancy.Programme programme = org.programmes().get(random.nextInt(org.programmes().size()));
            SearchService.Scope scope = dsl ? SearchService.Scope.wholeOrganisation(org.id())
                    : new SearchService.Scope(org.id(), Set.copyOf(programme.pairingIds()));
            String words = SearchCorpus.searchWord(random) + (random.nextInt(5) < 2 ? " " + SearchCorpus.searchWord(random) : "");
            List<String> categories = List.of(), verdicts = List.of();
            String pairing = null;
            Instant from = null;
            String filter;
            int f = random.nextInt(10);
            if (f < 4) {
                filter = "words";
            } else if (f < 6) {
                categories = List.of(SearchCorpus.CATEGORIES.get(random.nextInt(SearchCorpus.CATEGORIES.size())));
                filter = "words+category";
            } else if (f < 8) {
                from = end.minus(Duration.ofDays(random.nextBoolean() ? 30 : 90));
                filter = "words+dates";
            } else if (f < 9 && !programme.pairingIds().isEmpty()) {
                pairing = programme.pairingIds().get(random.nextInt(programme.pairingIds().size()));
                filter = "words+pairing";
            } else {
                verdicts = List.of("hold");
                words = random.nextBoolean() ? null : words;
                filter = words == null ? "held, no words" : "words+verdict";
            }
            SearchService.Order order = random.nextInt(5) == 0 ? SearchService.Order.RELEVANCE : SearchService.Order.NEWEST;
            SearchService.Request request = new SearchService.Request(words, categories, List.of(), verdicts, List.of(),
                    List.of(), null, pairing, from, null, order, 1, 20);
            StringBuilder q = new StringBuilder(words == null ? "" : "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8));
            if (!categories.isEmpty()) q.append("&category=").append(categories.getFirst());
            if (!verdicts.isEmpty()) q.append("&verdict=hold");
            if (pairing != null) q.append("&pairing=").append(pairing);
            if (from != null) q.append("&from=").append(from);
            q.append("&sort=").append(order.wireName());
            return new Search((dsl ? "DSL, whole organisation" : "manager, one programme") + ", " + filter, scope, request,
                    q.toString().replaceFirst("^&", ""), dsl ? org.dslEmail() : programme.managerEmail());
        }
    }

    private static String http(Gateway gateway, Tenancy tenancy, List<Search> searches, Options opts) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + gateway.httpPort();
        Map<String, String> tokens = new HashMap<>();
        int warmup = Math.min(200, opts.http() / 5);
        long[] nanos = new long[opts.http()];
        for (int i = 0; i < warmup + opts.http(); i++) {
            Search s = searches.get(i % searches.size());
            String token = tokens.computeIfAbsent(s.token(), email -> signIn(client, base, email));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/search?" + s.query()))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) throw new IllegalStateException("search " + s.query() + " answered " + r.statusCode() + ": " + r.body());
            if (i >= warmup) nanos[i - warmup] = took;
        }
        return "HTTP GET /api/v1/search (sign-in cached, scope from the registry, audit write, JSON; one client): "
                + percentiles(nanos);
    }

    private static String signIn(HttpClient client, String base, String email) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email)
                            .put("password", Tenancy.PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("sign-in of " + email + ": " + r.body());
            return new JsonObject(r.body()).getString("token");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("n=%,d p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms", s.length, ms(at(s, 0.50)),
                ms(at(s, 0.95)), ms(at(s, 0.99)), ms(s[s.length - 1]));
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** VmRSS (with its anonymous and file-backed parts: the index is memory-mapped) and the heap in use after a GC. */
    static String memory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        Map<String, String> status = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) status.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            return "(no /proc/self/status) heap used " + (heap >> 20) + " MB";
        }
        return String.format("VmRSS %s (RssAnon %s, RssFile %s: file-backed, mostly the memory-mapped index), heap used after GC %d MB of %d MB committed",
                status.get("VmRSS"), status.get("RssAnon"), status.get("RssFile"), heap >> 20, committed >> 20);
    }

    /** With -XX:NativeMemoryTracking=summary: where the memory outside the heap goes, by JVM category. */
    static java.util.Optional<String> nativeMemory() {
        try {
            javax.management.ObjectName name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            String out = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "vmNativeMemory",
                    new Object[]{new String[]{"summary", "scale=MB"}}, new String[]{String[].class.getName()});
            if (out == null || out.contains("not enabled")) return java.util.Optional.empty();
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                String t = line.strip();
                if (t.startsWith("Total:") || (t.startsWith("-") && t.contains("(reserved="))) lines.add(t.replaceAll("\\s+", " "));
            }
            return java.util.Optional.of("native memory (NMT):\n  " + String.join("\n  ", lines));
        } catch (javax.management.JMException e) {
            return java.util.Optional.empty();
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench search] " + format + "%n", args);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
