package org.chaperone.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench relay}: the gateway beside a plain Postfix relay, on the same machine, in the same run, both
 * delivering to the same {@code smtp-sink} on loopback. The script starts all three; this class drives the load.
 * <p>
 * Each round sends to both targets in turn (the order alternates between rounds, so a machine that gets busier or
 * quieter favours neither), twice per target:
 * <ol>
 *   <li>Postfix's {@code smtp-source}: {@code --messages} messages of {@code --size} bytes over {@code --sessions}
 *       parallel sessions. Accepted per second is from its wall time; delivered per second is from the start until
 *       the sink has counted every message.</li>
 *   <li>A load client of this class, same sessions and size, {@code --latency-messages} messages: it times each
 *       message from the end-of-data line to the server's reply (the acceptance latency; smtp-source reports none).</li>
 * </ol>
 * The CPU time each target used for a run is read from /proc (Postfix: the master, its children and the children it
 * reaped), so the work per message can be compared too. Everything is bounded: message counts are fixed, every wait
 * has a deadline, and traffic goes only to the loopback addresses given.
 * <p>
 * Usage: {@code RelayBench --gateway PORT --postfix PORT --sink-log FILE --pairs FILE [--rounds 3] [--messages 5000]
 * [--latency-messages 2000] [--sessions 20] [--size 2048] [--warmup 5000] [--gateway-pid PID]
 * [--postfix-pid PID] [--timeout-seconds 600] --out FILE.json}
 */
public final class RelayBench {
    private static final int MAX_MESSAGES = 100_000;
    private static final Pattern MESG = Pattern.compile("mesg=(\\d+)");

    record Pair(String sender, String recipient) {}

    record Target(String name, int port, long pid, boolean postfix) {}

    record Run(String target, int round, String kind, int messages, int accepted, int refused, double sendSeconds,
               int delivered, double deliverSeconds, double cpuSeconds, double p50, double p99, double max) {
        double acceptedPerSecond() {
            return accepted / sendSeconds;
        }

        double deliveredPerSecond() {
            return delivered / deliverSeconds;
        }

        JsonObject json() {
            return new JsonObject().put("target", target).put("round", round).put("kind", kind).put("messages", messages)
                    .put("accepted", accepted).put("refused", refused).put("sendSeconds", sendSeconds)
                    .put("acceptedPerSecond", acceptedPerSecond()).put("delivered", delivered)
                    .put("deliverSeconds", deliverSeconds).put("deliveredPerSecond", deliveredPerSecond())
                    .put("cpuSeconds", cpuSeconds).put("cpuMillisPerMessage", accepted == 0 ? 0 : cpuSeconds * 1000 / accepted)
                    .put("p50Millis", p50).put("p99Millis", p99).put("maxMillis", max);
        }
    }

    private final Map<String, String> options;
    private final List<Pair> pairs;
    private final Path sinkLog;
    private final int sessions;
    private final int size;
    private final Duration timeout;
    private final String smtpSource;
    private List<Target> targets = List.of();

    private RelayBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.pairs = Files.readAllLines(Path.of(required("pairs"))).stream().filter(l -> !l.isBlank())
                .map(l -> l.trim().split("\\s+")).map(a -> new Pair(a[0], a[1])).toList();
        if (pairs.isEmpty()) throw new IllegalArgumentException("no pairs in " + required("pairs"));
        this.sinkLog = Path.of(required("sink-log"));
        this.sessions = num("sessions", 20);
        this.size = num("size", 2048);
        this.timeout = Duration.ofSeconds(num("timeout-seconds", 600));
        this.smtpSource = options.getOrDefault("smtp-source", "smtp-source");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("unexpected argument " + args[i]);
            o.put(args[i].substring(2), args[++i]);
        }
        new RelayBench(o).run();
    }

    private void run() throws Exception {
        int rounds = num("rounds", 3);
        int messages = num("messages", 5000);
        int latencyMessages = num("latency-messages", 2000);
        int warmup = num("warmup", 5000); // the gateway's JIT is still compiling after 2,000 (round 1 was its slowest)
        if (messages > MAX_MESSAGES || latencyMessages > MAX_MESSAGES || warmup > MAX_MESSAGES || rounds > 20 || sessions > 200) {
            throw new IllegalArgumentException("bounded: at most " + MAX_MESSAGES + " messages a run, 20 rounds, 200 sessions");
        }
        Target gateway = new Target("Chaperone", num("gateway", 0), Long.parseLong(options.getOrDefault("gateway-pid", "0")), false);
        Target postfix = new Target("Postfix", num("postfix", 0), Long.parseLong(options.getOrDefault("postfix-pid", "0")), true);
        targets = List.of(gateway, postfix);
        List<Run> runs = new ArrayList<>();
        for (Target t : targets) {
            if (warmup > 0) {
                log("warm-up: " + warmup + " messages to " + t.name());
                source(t, 0, warmup);
            }
        }
        for (int round = 1; round <= rounds; round++) {
            List<Target> order = round % 2 == 1 ? List.of(gateway, postfix) : List.of(postfix, gateway);
            for (Target t : order) {
                runs.add(report(source(t, round, messages)));
                runs.add(report(latency(t, round, latencyMessages)));
            }
        }
        JsonArray all = new JsonArray();
        runs.forEach(r -> all.add(r.json()));
        JsonObject result = new JsonObject().put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("messages", messages).put("latencyMessages", latencyMessages).put("sessions", sessions).put("size", size)
                .put("rounds", rounds).put("warmup", warmup).put("pairings", pairs.size()).put("runs", all);
        Files.writeString(Path.of(required("out")), result.encodePrettily());
        log("results written to " + required("out"));
    }

    private static Run report(Run r) {
        log(String.format(Locale.ROOT, "%-9s round %d %-7s accepted %d/%d in %.1f s (%.0f/s), delivered %d in %.1f s (%.0f/s), "
                        + "cpu %.1f s (%.1f ms/message)%s", r.target(), r.round(), r.kind(), r.accepted(), r.messages(),
                r.sendSeconds(), r.acceptedPerSecond(), r.delivered(), r.deliverSeconds(), r.deliveredPerSecond(), r.cpuSeconds(),
                r.accepted() == 0 ? 0 : r.cpuSeconds() * 1000 / r.accepted(),
                r.p50() > 0 ? String.format(Locale.ROOT, ", latency p50 %.1f ms p99 %.1f ms", r.p50(), r.p99()) : ""));
        return r;
    }

    // ---- smtp-source ----

    /** One smtp-source per pairing (sessions and messages shared out), all at once. */
    private Run source(Target t, int round, int messages) throws Exception {
        quiesce(targets);
        int processes = Math.min(pairs.size(), sessions);
        long base = sinkCount();
        double cpu0 = cpu(t);
        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            int s = sessions / processes + (i < sessions % processes ? 1 : 0);
            int m = messages / processes + (i < messages % processes ? 1 : 0);
            Pair p = pairs.get(i);
            running.add(new ProcessBuilder(smtpSource, "-s", String.valueOf(s), "-l", String.valueOf(size), "-m", String.valueOf(m),
                    "-f", p.sender(), "-t", p.recipient(), "127.0.0.1:" + t.port())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(sinkLog.resolveSibling("smtp-source.log").toFile()))
                    .start());
        }
        boolean ok = true;
        for (Process p : running) {
            long left = timeout.toNanos() - (System.nanoTime() - start);
            if (!p.waitFor(Math.max(1, left), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                ok = false;
            } else if (p.exitValue() != 0) {
                ok = false;
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        if (!ok) log("smtp-source failed against " + t.name() + " (see smtp-source.log); counting what arrived");
        // smtp-source stops at its first refusal and does not say how many went before: then what arrived counts.
        long arrived = ok ? awaitSink(base, messages, start) : settledSink();
        int accepted = ok ? messages : (int) Math.min(messages, arrived - base);
        double deliverSeconds = (System.nanoTime() - start) / 1e9;
        // The work a target still does once everything arrived (indexing, merges, writing back) is its work too.
        quiesce(List.of(t));
        return new Run(t.name(), round, round == 0 ? "warmup" : "source", messages, accepted, messages - accepted, sendSeconds,
                (int) (arrived - base), deliverSeconds, cpu(t) - cpu0, 0, 0, 0);
    }

    // ---- the latency client ----

    private Run latency(Target t, int round, int messages) throws Exception {
        quiesce(targets);
        long base = sinkCount();
        double cpu0 = cpu(t);
        long[] latencies = new long[messages];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(sessions)) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                Pair p = pairs.get(s % pairs.size());
                done.add(pool.submit(() -> {
                    session(t.port(), p, next, messages, latencies, refused, deadline);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long[] ok = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        long arrived = awaitSink(base, ok.length, start);
        double deliverSeconds = (System.nanoTime() - start) / 1e9;
        quiesce(List.of(t));
        return new Run(t.name(), round, "latency", messages, ok.length, messages - ok.length, sendSeconds, (int) (arrived - base),
                deliverSeconds, cpu(t) - cpu0, percentile(ok, 50), percentile(ok, 99), ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6);
    }

    /** One SMTP session sending messages until the shared count is used up; records each acceptance latency (ns). */
    private void session(int port, Pair pair, AtomicInteger next, int messages, long[] latencies, AtomicInteger refused,
                         long deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, 220);
            command(out, in, "EHLO loadclient.localhost", 250);
            for (int i; (i = next.getAndIncrement()) < messages && System.nanoTime() < deadline; ) {
                command(out, in, "MAIL FROM:<" + pair.sender() + ">", 250);
                command(out, in, "RCPT TO:<" + pair.recipient() + ">", 250);
                command(out, in, "DATA", 354);
                out.write(message(pair, i));
                out.flush();
                long t0 = System.nanoTime();
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int code = reply(in);
                long took = System.nanoTime() - t0;
                if (code == 250) {
                    latencies[i] = Math.max(1, took);
                } else {
                    refused.incrementAndGet();
                    command(out, in, "RSET", 250);
                }
            }
            command(out, in, "QUIT", 221);
        }
    }

    private static final String[] SENTENCES = {
        "Thanks for the session today, it was good to hear how the mock exams went. ",
        "For next time, have a look at the revision guide and try the practice questions on chapter four. ",
        "The careers fair is next month in the main hall, and there will be apprenticeship providers there too. ",
        "Most courses ask for about three A levels; think about which subjects you enjoy most before we meet. ",
        "Well done again, keep going with twenty minutes of reading each day and tell me how the book goes. ",
        "I found a useful video about quadratic equations; the programme team can share the link with you. ",
    };

    /** About {@code size} bytes of body after the headers; lines never start with a dot. */
    private byte[] message(Pair pair, int n) {
        StringBuilder b = new StringBuilder(size + 400);
        b.append("From: <").append(pair.sender()).append(">\r\n");
        b.append("To: <").append(pair.recipient()).append(">\r\n");
        b.append("Subject: load ").append(n).append("\r\n");
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        b.append("Message-ID: <load-").append(n).append('.').append(System.nanoTime()).append("@loadclient.localhost>\r\n");
        b.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        int bodyStart = b.length();
        int line = 0;
        while (b.length() - bodyStart < size) b.append(SENTENCES[(n + line++) % SENTENCES.length]).append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(OutputStream out, BufferedReader in, String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, int expected) throws IOException {
        int code = reply(in);
        if (code != expected) throw new IOException("expected " + expected + ", got " + code);
    }

    /** Reads one (possibly multi-line) reply and returns its code. */
    private static int reply(BufferedReader in) throws IOException {
        while (true) {
            String l = in.readLine();
            if (l == null) throw new IOException("connection closed");
            if (l.length() < 4 || l.charAt(3) != '-') return Integer.parseInt(l.substring(0, 3));
        }
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    // ---- the sink, CPU, pauses ----

    /** The sink's message count: the last "mesg=N" that {@code smtp-sink -c} wrote. */
    long sinkCount() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(sinkLog.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, 256);
            byte[] tail = new byte[n];
            f.seek(len - n);
            f.readFully(tail);
            Matcher m = MESG.matcher(new String(tail, StandardCharsets.US_ASCII));
            long last = 0;
            while (m.find()) last = Long.parseLong(m.group(1));
            return last;
        }
    }

    /** Waits (bounded) until the sink has {@code expected} more messages than {@code base}; returns its count. */
    private long awaitSink(long base, long expected, long start) throws Exception {
        long deadline = start + timeout.toNanos();
        long count = sinkCount();
        while (count - base < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            count = sinkCount();
        }
        if (count - base < expected) log("only " + (count - base) + " of " + expected + " arrived before the deadline");
        return count;
    }

    /** The sink's count once it has been still for five seconds (bounded by the timeout). */
    private long settledSink() throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = sinkCount(), since = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - since < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(100);
            long now = sinkCount();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /**
     * Waits (at most a minute) until the sink has been still for two seconds and each of the targets uses less than a
     * tenth of a core, so that no run pays for work left over from the one before it.
     */
    private void quiesce(List<Target> which) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long last = sinkCount(), since = System.nanoTime();
        int quietWindows = 0;
        while (System.nanoTime() < deadline && (System.nanoTime() - since < Duration.ofSeconds(2).toNanos() || quietWindows < 2)) {
            double[] before = new double[which.size()];
            for (int i = 0; i < before.length; i++) before[i] = cpu(which.get(i));
            Thread.sleep(500);
            boolean quiet = true;
            for (int i = 0; i < before.length; i++) quiet &= (cpu(which.get(i)) - before[i]) / 0.5 < 0.1;
            quietWindows = quiet ? quietWindows + 1 : 0;
            long now = sinkCount();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    /** CPU seconds used so far by the target: the JVM, or Postfix's master with its children (running and reaped). */
    private static double cpu(Target t) throws IOException {
        if (t.pid() <= 0) return 0;
        double ticks = 0;
        List<String> master = stat(t.pid());
        if (master == null) return 0;
        ticks += Long.parseLong(master.get(13)) + Long.parseLong(master.get(14));
        if (t.postfix()) {
            ticks += Long.parseLong(master.get(15)) + Long.parseLong(master.get(16));
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    List<String> s = stat(Long.parseLong(p.getFileName().toString()));
                    if (s != null && Long.parseLong(s.get(3)) == t.pid()) ticks += Long.parseLong(s.get(13)) + Long.parseLong(s.get(14));
                }
            }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** /proc/PID/stat split into fields (the command name, which may hold spaces, as one). */
    private static List<String> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int close = s.lastIndexOf(')');
            List<String> out = new ArrayList<>();
            out.add(s.substring(0, s.indexOf(' ')));
            out.add(s.substring(s.indexOf('(') + 1, close));
            out.addAll(Arrays.asList(s.substring(close + 2).trim().split(" ")));
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String required(String key) {
        String v = options.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + " is required");
        return v;
    }

    private int num(String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    private static void log(String s) {
        System.err.println("[relay] " + s);
    }
}
