# The parts of scripts/bench. Sourced after common.sh; uses JAVA, JVM_LUCENE_OPTS, ROOT and CP (set by scripts/bench).
source "$(dirname "${BASH_SOURCE[0]}")/postfix-instance.sh"

BENCH_MD="$ROOT/BENCHMARKS.md"
RELAY_DOMAIN="relay.chaperone.test"
BENCH_PIDS=()
BENCH_POSTFIX=""
BENCH_WORK=""

bench_log() { echo "[bench] $*" >&2; }

# ---- tools ----

# Postfix (smtp-source, smtp-sink, the relay itself) and wrk, from Debian, installed when missing.
ensure_tools() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "scripts/bench needs ${missing[*]}: as root on Debian, apt-get install -y postfix wrk" >&2
    exit 3
  fi
  bench_log "installing postfix and wrk (Debian packages)"
  # Postfix's installer asks how to configure the system's mail: leave it unconfigured, the bench runs its own instance.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix wrk >&2
}

require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/bench $1 runs a private Postfix instance and smtp-sink, which need root." >&2
    exit 3
  fi
}

# ---- processes, ports, the work directory ----

bench_workdir() {
  if [ -z "$BENCH_WORK" ]; then
    BENCH_WORK="$(mktemp -d /tmp/chaperone-bench.XXXXXX)"
    trap bench_cleanup EXIT
  fi
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  [ -n "$BENCH_POSTFIX" ] && postfix_instance_stop "$BENCH_POSTFIX"
  BENCH_POSTFIX=""
  if [ -n "$BENCH_WORK" ] && [ "${CHAPERONE_BENCH_KEEP:-0}" != 1 ]; then rm -rf "$BENCH_WORK"; fi
  [ -n "$BENCH_WORK" ] && [ "${CHAPERONE_BENCH_KEEP:-0}" = 1 ] && bench_log "kept $BENCH_WORK"
  BENCH_WORK=""
}

# A loopback port nothing listens on (bounded number of tries).
free_port() {
  local p
  for _ in $(seq 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# Waits (bounded, in tenths of a second) until the file contains the text.
await_text() {
  local file="$1" text="$2" tenths="$3"
  for _ in $(seq "$tenths"); do grep -q "$text" "$file" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$text' in $file" >&2; tail -20 "$file" >&2; return 1
}

# smtp-sink on a loopback port, counting messages (-c) into $BENCH_WORK/sink.log. Sets SINK_PORT.
start_sink() {
  SINK_PORT=$(free_port)
  local user=(); [ "$(id -u)" -eq 0 ] && user=(-u nobody)
  smtp-sink "${user[@]}" -c "127.0.0.1:$SINK_PORT" 1024 > "$BENCH_WORK/sink.log" 2>&1 &
  BENCH_PIDS+=($!)
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "smtp-sink did not start" >&2; return 1
}

# The gateway as scripts/run starts it, on its embedded defaults with the demo seed, in a fresh data directory,
# delivering to the sink. Sets GW_PID, GW_SMTP, GW_HTTP.
start_gateway() {
  GW_SMTP=$(free_port); GW_HTTP=$(free_port)
  local data="$BENCH_WORK/gateway-data"
  (cd "$ROOT" && exec env CHAPERONE_DATA_DIR="$data" CHAPERONE_HTTP_HOST=127.0.0.1 CHAPERONE_HTTP_PORT="$GW_HTTP" \
      CHAPERONE_SMTP_HOST=127.0.0.1 CHAPERONE_SMTP_PORT="$GW_SMTP" \
      CHAPERONE_DELIVERY_SMARTHOST_HOST=127.0.0.1 CHAPERONE_DELIVERY_SMARTHOST_PORT="$SINK_PORT" \
      CHAPERONE_DELIVERY_SMARTHOST_STARTTLS=false \
      "$JAVA" "${JVM_LUCENE_OPTS[@]}" ${CHAPERONE_BENCH_GATEWAY_OPTS:--Xmx2g} -cp "${CHAPERONE_BENCH_GATEWAY_CP:-$CP}" \
      org.chaperone.Main > "$BENCH_WORK/gateway.log" 2>&1) &
  GW_PID=$!
  BENCH_PIDS+=("$GW_PID")
  await_text "$BENCH_WORK/gateway.log" "Chaperone is running" 1200
}

stop_gateway() {
  kill "$GW_PID" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$GW_PID" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$GW_PID" 2>/dev/null || true
}

# ---- BENCHMARKS.md ----

machine_line() {
  local cpu mem
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
  mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $mem RAM, Linux $(uname -r), $("$JAVA" -version 2>&1 | head -1 | sed 's/"//g')"
}

load_line() { cut -d' ' -f1-3 /proc/loadavg; }

# Replaces the part of BENCHMARKS.md between <!-- begin NAME --> and <!-- end NAME --> with the file's content
# (appends the part when it is not there yet).
write_section() {
  local name="$1" file="$2"
  if [ "${CHAPERONE_BENCH_NO_WRITE:-0}" = 1 ]; then cat "$file"; return 0; fi
  [ -f "$BENCH_MD" ] || printf '# Benchmarks\n\nWritten by `scripts/bench`.\n' > "$BENCH_MD"
  if grep -q "<!-- begin $name -->" "$BENCH_MD"; then
    awk -v name="$name" -v file="$file" '
      $0 == "<!-- begin " name " -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
      $0 == "<!-- end " name " -->" { skip = 0 }
      !skip { print }' "$BENCH_MD" > "$BENCH_MD.tmp"
    mv "$BENCH_MD.tmp" "$BENCH_MD"
  else
    { printf '\n<!-- begin %s -->\n' "$name"; cat "$file"; printf '<!-- end %s -->\n' "$name"; } >> "$BENCH_MD"
  fi
  bench_log "BENCHMARKS.md: $name updated"
}

report() { "$JAVA" -cp "$CP" org.chaperone.bench.BenchReport "$@"; }

# ---- relay ----

bench_relay() {
  require_root relay
  ensure_tools smtp-source smtp-sink postfix postconf
  bench_workdir
  local started load0; started=$(date -u '+%Y-%m-%d %H:%M UTC'); load0=$(load_line)
  start_sink
  local pf_port; pf_port=$(free_port)
  BENCH_POSTFIX="$BENCH_WORK/postfix"
  postfix_instance_create "$BENCH_POSTFIX" "$pf_port" "$RELAY_DOMAIN" "$SINK_PORT"
  postfix_instance_start "$BENCH_POSTFIX"
  local pf_pid; pf_pid=$(cat "$BENCH_POSTFIX/queue/pid/master.pid" 2>/dev/null | tr -d ' ' || echo 0)
  start_gateway
  "$JAVA" -cp "$CP" org.chaperone.bench.BenchFixture --http "$GW_HTTP" --pairings "${CHAPERONE_BENCH_PAIRINGS:-1}" \
      --out "$BENCH_WORK" >&2
  "$JAVA" -cp "$CP" org.chaperone.bench.RelayBench --gateway "$GW_SMTP" --postfix "$pf_port" \
      --sink-log "$BENCH_WORK/sink.log" --pairs "$BENCH_WORK/pairs.txt" --gateway-pid "$GW_PID" --postfix-pid "$pf_pid" \
      --out "$BENCH_WORK/relay.json" "$@"
  local queued; queued=$(postfix_instance_queue_size "$BENCH_POSTFIX")
  stop_gateway
  postfix_instance_stop "$BENCH_POSTFIX"
  {
    echo "## 1. Relay: Chaperone beside a Postfix relay"
    echo
    echo "$started · $(machine_line) · Postfix $(postconf -h mail_version 2>/dev/null || postconf -dh mail_version) · load average at start $load0, at end $(load_line)"
    echo
    echo "Command: \`scripts/bench relay${*:+ $*}\`. Postfix's \`smtp-source\` and a latency client send to the gateway (screening,"
    echo "storage, the search index and delivery on; embedded MongoDB with group commit; the demo data, Jo writing to Sam) and to a"
    echo "private Postfix $(postconf -dh mail_version) instance on loopback (its defaults: queue files fsynced before 250, 20 deliveries"
    echo "in parallel), both relaying to one \`smtp-sink\`. Postfix's queue was left with $queued message(s)."
    echo
    report relay "$BENCH_WORK/relay.json"
  } > "$BENCH_WORK/relay.md"
  write_section relay "$BENCH_WORK/relay.md"
  cp "$BENCH_WORK/relay.json" "$ROOT/target/bench-relay.json"
  bench_cleanup
}

# ---- screening ----

bench_screening() {
  bench_workdir
  local started load0; started=$(date -u '+%Y-%m-%d %H:%M UTC'); load0=$(load_line)
  local benches="ContactScreeningBench"
  [ -f "$ROOT/target/classes/org/chaperone/bench/ConcernMatchingBench.class" ] && benches="ContactScreeningBench|ConcernMatchingBench"
  # 20 s of warm-up per benchmark: with 9 s the concern screener at 10,000 queries was still speeding up when the
  # measurement began (C2 compiling Lucene on the one other core); JMH's own default is 50 s
  local args=(-f 1 -wi 5 -w 4 -i 5 -r 4 -rf json -rff "$BENCH_WORK/screening.json")
  "$JAVA" "${JVM_LUCENE_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main "$benches" "${args[@]}" "$@" >&2
  {
    echo "## 2. Screening: messages per second on one thread"
    echo
    echo "$started · $(machine_line) · load average at start $load0, at end $(load_line)"
    echo
    echo "Command: \`scripts/bench screening\` (JMH: \`$benches ${args[*]:0:10}\`). One 2 KB message per operation on one"
    echo "thread, so messages/s is per core. Every method of a row group ran in the same JMH run, one after another."
    echo
    report jmh "$BENCH_WORK/screening.json"
  } > "$BENCH_WORK/screening.md"
  write_section screening "$BENCH_WORK/screening.md"
  bench_cleanup
}

# ---- search ----

bench_search() {
  bench_workdir
  local started load0; started=$(date -u '+%Y-%m-%d %H:%M UTC'); load0=$(load_line)
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_LUCENE_OPTS[@]}" ${CHAPERONE_BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" org.chaperone.bench.SearchBench "$@" \
      | tee "$BENCH_WORK/search.txt"
  {
    echo "## 3. Search"
    echo
    echo "$started · $(machine_line) · load average at start $load0, at end $(load_line)"
    echo
    echo "Command: \`scripts/bench search${*:+ $*}\` (see docs/SEARCH.md for what it generates). Latencies are the"
    echo "distribution over all searches of the run (p50/p95/p99), as reported:"
    echo
    echo '```'
    sed -n '/== Search benchmark ==/,$p' "$BENCH_WORK/search.txt" | tail -n +2
    echo '```'
  } > "$BENCH_WORK/search.md"
  write_section search "$BENCH_WORK/search.md"
  bench_cleanup
}

# ---- web API ----

bench_api() {
  ensure_tools wrk smtp-sink
  bench_workdir
  local started load0; started=$(date -u '+%Y-%m-%d %H:%M UTC'); load0=$(load_line)
  start_sink
  start_gateway
  "$JAVA" -cp "$CP" org.chaperone.bench.BenchFixture --http "$GW_HTTP" --pairings "${CHAPERONE_BENCH_API_PAIRINGS:-8}" \
      --out "$BENCH_WORK" >&2
  local steps=(${CHAPERONE_BENCH_API_CONNECTIONS:-1 2 4 8 16 32 64}) repeats="${CHAPERONE_BENCH_API_REPEATS:-3}"
  local seconds="${CHAPERONE_BENCH_API_SECONDS:-6}" lua="$ROOT/scripts/lib/bench-post.lua"
  mkdir -p "$BENCH_WORK/wrk"
  # Warm-up: the JIT, connection pools and the database see the load once before anything is measured.
  wrk -t 2 -c 8 -d 10s -s "$lua" "http://127.0.0.1:$GW_HTTP" -- "$BENCH_WORK/api-targets.txt" > /dev/null
  for r in $(seq "$repeats"); do
    for c in "${steps[@]}"; do
      local t=$(( c < 2 ? 1 : 2 ))
      bench_log "wrk: repeat $r, $c connection(s)"
      wrk -t "$t" -c "$c" -d "${seconds}s" --latency -s "$lua" "http://127.0.0.1:$GW_HTTP" -- "$BENCH_WORK/api-targets.txt" \
          > "$BENCH_WORK/wrk/wrk-$r-$c.txt"
      sleep 1
    done
  done
  stop_gateway
  {
    echo "## 4. Web API: POST /api/v1/pairings/:id/messages"
    echo
    echo "$started · $(machine_line) · wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') · load average at start $load0, at end $(load_line)"
    echo
    echo "Command: \`scripts/bench api\`. \`wrk -t 2 -c C -d ${seconds}s --latency -s scripts/lib/bench-post.lua\` with C rising"
    echo "through ${steps[*]} connections, the ramp run $repeats times (after a 10 s warm-up). Each request posts a ~1 KB"
    echo "web message as the mentor of one of ${CHAPERONE_BENCH_API_PAIRINGS:-8} pairings (round robin, a JWT each); 202 means"
    echo "screened and durably stored (then delivered by email to the sink). Debian's wrk keeps each connection busy (no"
    echo "constant-rate mode), so load rises with connections; figures: mean (lowest–highest) over the repeats."
    echo
    report api "$BENCH_WORK/wrk"
  } > "$BENCH_WORK/api.md"
  write_section api "$BENCH_WORK/api.md"
  bench_cleanup
}
