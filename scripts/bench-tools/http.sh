# Sourced by scripts/bench-scale: the HTTP lines of SPEC 11, on the database of the mixed cell.
#   http_rate RUN     after the opening tick: `POST /v1/declarations` (distinct valid declarations,
#                     wrk with declarations.lua) vs `GET /healthz` of the same `relance serve`,
#                     32 connections, BENCH_HTTP_ROUNDS alternated rounds of BENCH_HTTP_SECONDS;
#                     every answered declaration is then looked for in the database
#   http_close RUN    the closing tick again, on a copy of the database taken before it, while
#                     constant-rate.py posts late declarations at BENCH_HTTP_RATE per second
# Both write tab-separated lines to $HTTP_RESULTS; serve runs on a copy, so that the other
# measures see the database as if no HTTP request had been made.
HTTP_TOOLS=$PWD/scripts/bench-tools
HTTP_RESULTS=$WORK/http.tsv
HTTP_ROUNDS=${BENCH_HTTP_ROUNDS:-3}
HTTP_SECONDS=${BENCH_HTTP_SECONDS:-8}
HTTP_RATE=${BENCH_HTTP_RATE:-200}
HTTP_CONNECTIONS=32
HTTP_SERVER=
export BENCH_HTTP_TOKEN=bench-token-$RANDOM$RANDOM$RANDOM
: > "$HTTP_RESULTS"

# http_config RUN NAME: a copy of RUN's configuration on the database RUN/NAME, with a listener.
http_config() {
    local run=$1 name=$2 port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$run/$name"
    sed -e "s#$run/var/#$run/$name/#" "$run/config/relance.yaml" > "$run/config/$name.yaml"
    cat >> "$run/config/$name.yaml" <<YAML
http:
  listen: 127.0.0.1:$port
  clients:
    - { id: bench, token_env: BENCH_HTTP_TOKEN, scopes: [declarations, read], rate_per_second: 1000000 }
YAML
    echo "$port"
}

# http_serve RUN NAME NOW: `relance serve` on the copy NAME, until it answers /healthz.
http_serve() {
    local run=$1 name=$2 now=$3 port=$4
    "$RELANCE" --config "$run/config/$name.yaml" --log-level error --now "$now" serve \
        > /dev/null 2> "$run/$name/serve.log" &
    HTTP_SERVER=$!
    for _ in $(seq 200); do
        curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && return 0
        sleep 0.1
    done
    echo "bench-scale: relance serve did not answer on port $port" >&2
    tail -5 "$run/$name/serve.log" >&2
    exit 1
}

http_stop() {
    if [ -n "$HTTP_SERVER" ]; then
        kill "$HTTP_SERVER" 2> /dev/null || true
        wait "$HTTP_SERVER" 2> /dev/null || true
        HTTP_SERVER=
    fi
}

# http_copy RUN NAME: the database as it is now, in RUN/NAME (no relance process has it open).
http_copy() {
    local run=$1 name=$2
    rm -rf "${run:?}/$name"
    mkdir -p "$run/$name"
    cp "$run/var/relance.sqlite" "$run/$name/"
    [ ! -e "$run/var/relance.sqlite-wal" ] || cp "$run/var/relance.sqlite-wal" "$run/$name/"
}

# wrk_rate OUTPUT: requests per second from wrk's report.
wrk_rate() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }

http_rate() {
    local run=$1 port round
    local db=$run/http-rate/relance.sqlite
    http_copy "$run" http-rate
    port=$(http_config "$run" http-rate)
    # Every member of the open period, in a random order (the portal's are not sorted); round r
    # posts its own slice, so that every declaration is new.
    python3 - "$run/var/relance.sqlite" "$run/http-rate/ids" <<'PY'
import random, sqlite3, sys
ids = [row[0] for row in sqlite3.connect(sys.argv[1]).execute("SELECT jobseeker_id FROM members WHERE period = '2026-11'")]
random.Random(2026).shuffle(ids)
open(sys.argv[2], "w").write("\n".join(ids) + "\n")
PY
    local total
    total=$(wc -l < "$run/http-rate/ids")
    local slice=$((total / HTTP_ROUNDS))
    http_serve "$run" http-rate 2026-12-01T10:00:00+01:00 "$port"
    local created=0
    for round in $(seq "$HTTP_ROUNDS"); do
        wrk -t2 -c"$HTTP_CONNECTIONS" -d"${HTTP_SECONDS}s" "http://127.0.0.1:$port/healthz" > "$run/http-rate/healthz-$round.txt"
        if grep -q "Non-2xx" "$run/http-rate/healthz-$round.txt"; then
            echo "bench-scale: /healthz answered errors:" >&2; cat "$run/http-rate/healthz-$round.txt" >&2; exit 1
        fi
        sed -n "$(((round - 1) * slice + 1)),$((round * slice))p" "$run/http-rate/ids" > "$run/http-rate/ids-$round"
        BENCH_HTTP_IDS=$run/http-rate/ids-$round BENCH_HTTP_THREADS=2 BENCH_HTTP_PERIOD=2026-11 \
            BENCH_HTTP_DECLARED_AT=2026-12-01T09:59:00+01:00 \
            wrk -t2 -c"$HTTP_CONNECTIONS" -d"${HTTP_SECONDS}s" -s "$HTTP_TOOLS/declarations.lua" \
            "http://127.0.0.1:$port/v1/declarations" > "$run/http-rate/declarations-$round.txt"
        local counts
        counts=$(grep '^declarations:' "$run/http-rate/declarations-$round.txt")
        read -r _ _ round_created _ existed _ failed <<< "$counts"
        if [ "$existed" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$round_created" -ge "$slice" ]; then
            echo "bench-scale: declarations round $round: $counts (slice of $slice ids)" >&2; exit 1
        fi
        created=$((created + round_created))
        printf 'http-rate\t%s\t%s\t%s\t%s\n' "$round" "$(wrk_rate "$run/http-rate/healthz-$round.txt")" \
            "$(wrk_rate "$run/http-rate/declarations-$round.txt")" "$round_created" >> "$HTTP_RESULTS"
    done
    http_stop
    # Every 2xx answer is a committed row; wrk leaves at most one request per connection unanswered
    # at the end of a round, which the server may have committed too.
    local stored
    stored=$(sqlite3 "$db" "SELECT COUNT(*) FROM declarations WHERE period = '2026-11'")
    printf 'http-stored\t%s\t%s\t%s\n' "$created" "$stored" "$((HTTP_ROUNDS * HTTP_CONNECTIONS))" >> "$HTTP_RESULTS"
    rm -rf "${run:?}/http-rate"
}

# Before the closing tick: keep a copy of the database for the closing under load.
http_close_prepare() { http_copy "$1" http-close; }

http_close() {
    local run=$1 port
    port=$(http_config "$run" http-close)
    # Late declarations of those who had not declared: each one writes a declaration and the
    # copies on the member row that the closing rewrites.
    sqlite3 "$run/http-close/relance.sqlite" "SELECT id FROM jobseekers WHERE status = 'active' AND id NOT IN
        (SELECT jobseeker_id FROM declarations WHERE period = '2026-11') ORDER BY random()" > "$run/http-close/ids"
    http_serve "$run" http-close 2026-12-16T06:00:00+01:00 "$port"
    python3 "$HTTP_TOOLS/constant-rate.py" --port "$port" --ids "$run/http-close/ids" --period 2026-11 \
        --declared-at 2026-12-16T05:59:30+01:00 --rate "$HTTP_RATE" --stop-file "$run/http-close/stop" \
        > "$run/http-close/load.json" &
    local client=$!
    sleep 1
    local start end
    start=$(now_seconds)
    "$RELANCE" --config "$run/config/http-close.yaml" --log-level error --now 2026-12-16T06:00:00+01:00 \
        tick --format json > "$run/http-close/tick.json" 2> "$run/http-close/tick.log" \
        || { echo "bench-scale: closing tick under load failed" >&2; tail -5 "$run/http-close/tick.log" >&2; exit 1; }
    end=$(now_seconds)
    sleep 1
    touch "$run/http-close/stop"
    wait "$client"
    http_stop
    printf 'http-close\t%s\t%s\n' "$(python3 -c "print(f'{$end - $start:.3f}')")" "$(cat "$run/http-close/load.json")" \
        >> "$HTTP_RESULTS"
    echo "bench-scale: closing under load $(cat "$run/http-close/tick.json"); declarations $(cat "$run/http-close/load.json")" >&2
    rm -rf "${run:?}/http-close"
}
