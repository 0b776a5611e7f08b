package org.chaperone.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the raw results of {@code scripts/bench} into the Markdown tables of BENCHMARKS.md: every figure as the
 * mean over its runs with the lowest and highest in brackets, ratios paired run by run.
 * <ul>
 *   <li>{@code BenchReport relay results.json}: RelayBench's runs;</li>
 *   <li>{@code BenchReport jmh results.json}: a JMH run (-rf json), ratios to the baselines in the same run;</li>
 *   <li>{@code BenchReport api DIR}: wrk's outputs {@code wrk-<repeat>-<connections>.txt}.</li>
 * </ul>
 */
public final class BenchReport {
    private BenchReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: BenchReport relay|jmh|api FILE-OR-DIR");
        Path in = Path.of(args[1]);
        String out = switch (args[0]) {
            case "relay" -> relay(new JsonObject(Files.readString(in)));
            case "jmh" -> jmh(new JsonArray(Files.readString(in)));
            case "api" -> api(in);
            default -> throw new IllegalArgumentException("unknown report " + args[0]);
        };
        System.out.print(out);
    }

    /** Mean with the lowest and highest of the values in brackets. */
    static String spread(List<Double> values, String format) {
        if (values.isEmpty()) return "–";
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (values.size() == 1) return String.format(Locale.ROOT, format, mean);
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", mean, min, max);
    }

    // ---- relay ----

    static String relay(JsonObject r) {
        List<JsonObject> runs = new ArrayList<>();
        r.getJsonArray("runs").forEach(o -> runs.add((JsonObject) o));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d rounds; in each, both targets took %,d messages of %,d bytes from `smtp-source` "
                        + "and then %,d from the latency client, over %d parallel sessions; %d pairing(s); a warm-up of %,d "
                        + "messages per target first. Figures: mean (lowest–highest) over the rounds; ratios are paired "
                        + "round by round.%n%n", r.getInteger("rounds"), r.getInteger("messages"), r.getInteger("size"),
                r.getInteger("latencyMessages"), r.getInteger("sessions"), r.getInteger("pairings"), r.getInteger("warmup")));
        b.append("| smtp-source | accepted msg/s | delivered msg/s | CPU ms per message | every accepted message arrived |\n");
        b.append("|---|---:|---:|---:|---|\n");
        for (String t : List.of("Chaperone", "Postfix")) {
            List<JsonObject> mine = of(runs, t, "source");
            b.append("| ").append(label(t)).append(" | ").append(spread(values(mine, "acceptedPerSecond"), "%,.0f"))
                    .append(" | ").append(spread(values(mine, "deliveredPerSecond"), "%,.0f"))
                    .append(" | ").append(spread(values(mine, "cpuMillisPerMessage"), "%.2f"))
                    .append(" | ").append(arrived(mine)).append(" |\n");
        }
        b.append("| **Chaperone / Postfix** | ").append(spread(ratios(runs, "source", "acceptedPerSecond"), "%.2f"))
                .append(" | ").append(spread(ratios(runs, "source", "deliveredPerSecond"), "%.2f"))
                .append(" | ").append(spread(ratios(runs, "source", "cpuMillisPerMessage"), "%.2f")).append(" | |\n\n");

        b.append("| latency client | accepted msg/s | acceptance p50 ms | acceptance p99 ms | worst ms | delivered msg/s | every accepted message arrived |\n");
        b.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (String t : List.of("Chaperone", "Postfix")) {
            List<JsonObject> mine = of(runs, t, "latency");
            b.append("| ").append(label(t)).append(" | ").append(spread(values(mine, "acceptedPerSecond"), "%,.0f"))
                    .append(" | ").append(spread(values(mine, "p50Millis"), "%.1f"))
                    .append(" | ").append(spread(values(mine, "p99Millis"), "%.1f"))
                    .append(" | ").append(spread(values(mine, "maxMillis"), "%.0f"))
                    .append(" | ").append(spread(values(mine, "deliveredPerSecond"), "%,.0f"))
                    .append(" | ").append(arrived(mine)).append(" |\n");
        }
        b.append("| **Chaperone / Postfix** | ").append(spread(ratios(runs, "latency", "acceptedPerSecond"), "%.2f"))
                .append(" | ").append(spread(ratios(runs, "latency", "p50Millis"), "%.2f"))
                .append(" | ").append(spread(ratios(runs, "latency", "p99Millis"), "%.2f")).append(" | | ")
                .append(spread(ratios(runs, "latency", "deliveredPerSecond"), "%.2f")).append(" | |\n\n");

        b.append("<details><summary>Every run</summary>\n\n");
        b.append("| round | target | load | accepted | accepted msg/s | delivered | delivered msg/s | CPU s | p50 ms | p99 ms |\n");
        b.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonObject o : runs) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %,d/%,d | %,.0f | %,d | %,.0f | %.1f | %s | %s |%n",
                    o.getInteger("round"), o.getString("target"), o.getString("kind"), o.getInteger("accepted"),
                    o.getInteger("messages"), o.getDouble("acceptedPerSecond"), o.getInteger("delivered"),
                    o.getDouble("deliveredPerSecond"), o.getDouble("cpuSeconds"),
                    o.getString("kind").equals("latency") ? String.format(Locale.ROOT, "%.1f", o.getDouble("p50Millis")) : "",
                    o.getString("kind").equals("latency") ? String.format(Locale.ROOT, "%.1f", o.getDouble("p99Millis")) : ""));
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static String label(String target) {
        return target.equals("Chaperone") ? "Chaperone (screening, storage, index on)" : "Postfix 3.7 relay";
    }

    private static List<JsonObject> of(List<JsonObject> runs, String target, String kind) {
        return runs.stream().filter(o -> o.getString("target").equals(target) && o.getString("kind").equals(kind)).toList();
    }

    private static List<Double> values(List<JsonObject> runs, String key) {
        return runs.stream().map(o -> o.getDouble(key)).toList();
    }

    /** Chaperone's figure over Postfix's, round by round. */
    private static List<Double> ratios(List<JsonObject> runs, String kind, String key) {
        List<Double> out = new ArrayList<>();
        for (JsonObject g : of(runs, "Chaperone", kind)) {
            of(runs, "Postfix", kind).stream().filter(p -> p.getInteger("round").equals(g.getInteger("round"))).findFirst()
                    .filter(p -> p.getDouble(key) > 0).ifPresent(p -> out.add(g.getDouble(key) / p.getDouble(key)));
        }
        return out;
    }

    private static String arrived(List<JsonObject> runs) {
        long accepted = runs.stream().mapToLong(o -> o.getInteger("accepted")).sum();
        long delivered = runs.stream().mapToLong(o -> o.getInteger("delivered")).sum();
        long refused = runs.stream().mapToLong(o -> o.getInteger("refused")).sum();
        String refusedText = refused == 0 ? "" : String.format(Locale.ROOT, "; %,d refused", refused);
        return (delivered == accepted ? "yes, " : delivered > accepted ? "yes, with duplicates: " : "**no**: ")
                + String.format(Locale.ROOT, "%,d of %,d", delivered, accepted) + refusedText;
    }

    // ---- JMH ----

    static String jmh(JsonArray results) {
        // Group by class and parameters; within a group, each method beside the baselines measured in the same run.
        Map<String, Map<String, JsonObject>> groups = new LinkedHashMap<>();
        for (Object o : results) {
            JsonObject r = (JsonObject) o;
            String full = r.getString("benchmark");
            String cls = full.substring(0, full.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            String method = full.substring(full.lastIndexOf('.') + 1);
            JsonObject params = r.getJsonObject("params", new JsonObject());
            String key = cls + (params.isEmpty() ? "" : " " + params.getMap().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(method, r);
        }
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | method | messages/s (one thread) | ± 99.9% | iterations: lowest–highest | × naive baseline | × Monitor out of the box |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|\n");
        groups.forEach((group, methods) -> {
            JsonObject naive = methods.get("naiveRegex");
            JsonObject monitor = methods.get("monitorOutOfTheBox");
            methods.forEach((method, r) -> {
                JsonObject m = r.getJsonObject("primaryMetric");
                double score = m.getDouble("score");
                List<Double> raw = new ArrayList<>();
                m.getJsonArray("rawData").forEach(fork -> ((JsonArray) fork).forEach(v -> raw.add(((Number) v).doubleValue())));
                double lo = raw.stream().mapToDouble(Double::doubleValue).min().orElse(score);
                double hi = raw.stream().mapToDouble(Double::doubleValue).max().orElse(score);
                b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f–%,.0f | %s | %s |%n", group, method, score,
                        m.getValue("scoreError") instanceof Number n ? n.doubleValue() : 0.0, lo, hi,
                        naive == null || method.equals("naiveRegex") ? "" : String.format(Locale.ROOT, "%.1f", score / naive.getJsonObject("primaryMetric").getDouble("score")),
                        monitor == null || method.equals("monitorOutOfTheBox") ? "" : String.format(Locale.ROOT, "%.1f", score / monitor.getJsonObject("primaryMetric").getDouble("score"))));
            });
        });
        return b.toString();
    }

    // ---- wrk ----

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$");
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern FILE = Pattern.compile("wrk-(\\d+)-(\\d+)\\.txt");

    record WrkRun(int repeat, int connections, double rate, double p50, double p90, double p99, long non2xx, long errors) {}

    static String api(Path dir) throws IOException {
        List<WrkRun> runs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher name = FILE.matcher(f.getFileName().toString());
                if (name.matches()) runs.add(parseWrk(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)), Files.readAllLines(f)));
            }
        }
        Map<Integer, List<WrkRun>> byConnections = new TreeMap<>();
        runs.forEach(r -> byConnections.computeIfAbsent(r.connections(), k -> new ArrayList<>()).add(r));
        StringBuilder b = new StringBuilder();
        b.append("| connections | requests/s | p50 ms | p90 ms | p99 ms | not 202 / socket errors | p99 under 100 ms in every repeat |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---|\n");
        double best = 0;
        List<Double> bestValues = List.of();
        int bestConnections = 0;
        for (Map.Entry<Integer, List<WrkRun>> e : byConnections.entrySet()) {
            List<WrkRun> rs = e.getValue();
            boolean held = rs.stream().allMatch(r -> r.p99() < 100 && r.non2xx() == 0 && r.errors() == 0);
            double meanRate = rs.stream().mapToDouble(WrkRun::rate).average().orElse(0);
            b.append("| ").append(e.getKey()).append(" | ").append(spread(map(rs, WrkRun::rate), "%,.0f"))
                    .append(" | ").append(spread(map(rs, WrkRun::p50), "%.1f"))
                    .append(" | ").append(spread(map(rs, WrkRun::p90), "%.1f"))
                    .append(" | ").append(spread(map(rs, WrkRun::p99), "%.1f"))
                    .append(" | ").append(rs.stream().mapToLong(WrkRun::non2xx).sum()).append(" / ")
                    .append(rs.stream().mapToLong(WrkRun::errors).sum())
                    .append(" | ").append(held ? "yes" : "no").append(" |\n");
            if (held && meanRate > best) {
                best = meanRate;
                bestValues = map(rs, WrkRun::rate);
                bestConnections = e.getKey();
            }
        }
        b.append('\n');
        b.append(best > 0
                ? String.format(Locale.ROOT, "**Highest rate held with p99 under 100 ms: %s requests/s** (%d connections).%n",
                spread(bestValues, "%,.0f"), bestConnections)
                : "**No step held p99 under 100 ms.**\n");
        return b.toString();
    }

    private static List<Double> map(List<WrkRun> runs, ToDoubleFunction<WrkRun> f) {
        return runs.stream().sorted(Comparator.comparingInt(WrkRun::repeat)).map(r -> f.applyAsDouble(r)).toList();
    }

    static WrkRun parseWrk(int repeat, int connections, List<String> lines) {
        Map<String, Double> pct = new LinkedHashMap<>();
        double rate = 0;
        long non2xx = 0, errors = 0;
        for (String l : lines) {
            Matcher m = PERCENTILE.matcher(l);
            if (m.matches()) {
                double v = Double.parseDouble(m.group(2));
                pct.put(m.group(1), switch (m.group(3)) {
                    case "us" -> v / 1000;
                    case "s" -> v * 1000;
                    default -> v;
                });
            }
            Matcher r = RATE.matcher(l);
            if (r.find()) rate = Double.parseDouble(r.group(1));
            Matcher n = NON_2XX.matcher(l);
            if (n.find()) non2xx = Long.parseLong(n.group(1));
            Matcher e = ERRORS.matcher(l);
            if (e.find()) {
                for (int i = 1; i <= 4; i++) errors += Long.parseLong(e.group(i));
            }
        }
        return new WrkRun(repeat, connections, rate, pct.getOrDefault("50", Double.NaN), pct.getOrDefault("90", Double.NaN),
                pct.getOrDefault("99", Double.NaN), non2xx, errors);
    }
}
