#!/usr/bin/env bash
# Benchmarks of reporting's signals (issue 12), for a tenant of 10,000 risks, 2,000 exceptions, 20,000 treatment actions
# and 5,000 evidence records among 100 such tenants (and 900 small ones):
#   1. GET /api/reporting/signals through the gateway, p50/p95/p99 (hey), with the facts cache and without, side by side;
#   2. event lag from a commit in risk-api to the changed figure, at 50 events/s;
#   3. the nightly snapshot of 1,000 tenants (reporting-api started fresh, the day before has no snapshot);
#   4. rebuild of one tenant from its facts: the year's 365 past days recomputed (the trend with no snapshot stored).
#
#   bench/signals.sh       prints markdown (also kept in .data/bench/signals/)
#   DURATION=15s CONCURRENCY=4 WARMUP=3s   load of section 1;  LAG_RATE=50 LAG_SECONDS=20   section 2
#   SECTIONS="1 2 3 4"   which sections to run (the data is loaded whatever the choice)
#
# identity-api, risk-api, reporting-api and the gateway run as plain Release processes against the dev profile's
# PostgreSQL and RabbitMQ (stop ./run.sh first). The measured tenant is onboarded through the admin API (risk-api seeds
# its SoA, which reaches reporting as facts); the bulk of the facts is then written with SQL (bench/signals.sql), as
# reporting's consumers would have stored them: creating 3.7 million records through the services would take hours.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/signals"; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.log
IDENTITY=http://localhost:5300 RISK=http://localhost:5310 REPORTING=http://localhost:5320 GATEWAY=http://localhost:5380
DURATION=${DURATION:-15s} CONCURRENCY=${CONCURRENCY:-4} WARMUP=${WARMUP:-3s} LAG_RATE=${LAG_RATE:-50} LAG_SECONDS=${LAG_SECONDS:-20}
SLUG=bench-signals PASSWORD=Bench-Pass-2026!
want() { [[ " ${SECTIONS:-1 2 3 4} " == *" $1 "* ]]; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

infra/local/install.sh --bench >/dev/null
servers_were_up=false
infra/local/servers.sh status --profile dev >/dev/null 2>&1 && servers_were_up=true
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p 55432 -U isms)
REPORTINGDB=(psql -X -h 127.0.0.1 -p 55432 -U isms -d isms_bench_reporting)
for db in isms_bench_identity isms_bench_risk isms_bench_reporting; do
    "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
for project in bench/IsmsCloud.Bench src/Identity src/Risk src/Reporting src/Gateway; do
    dotnet build -c Release -v q -nologo "$project" >/dev/null
done

declare -A PID=()
cleanup() {
    kill "${PID[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    $servers_were_up || infra/local/servers.sh stop --profile dev >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # NAME PROJECT_DIR URL [ENV=VALUE...]
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >>"$OUT/$name.log" 2>&1) &
    PID[$name]=$!
}
start_reporting() { # [ENV=VALUE...]
    start Reporting src/Reporting "$REPORTING" ConnectionStrings__reportingdb="$ConnectionStrings__postgres;Database=isms_bench_reporting" \
        Logging__LogLevel__IsmsCloud.Reporting.Signals=Information "$@"
    wait_healthy "$REPORTING/health" 300
}
stop_reporting() { kill "${PID[Reporting]}"; wait "${PID[Reporting]}" 2>/dev/null || true; unset 'PID[Reporting]'; }
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start Risk src/Risk "$RISK" ConnectionStrings__riskdb="$ConnectionStrings__postgres;Database=isms_bench_risk"
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__risk-api__http__0="$RISK" \
    services__reporting-api__http__0="$REPORTING" services__web__http__0=http://localhost:5330 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$RISK" "$GATEWAY"; do wait_healthy "$url/health"; done
start_reporting

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
read -r TENANT TOKEN < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$SLUG" "$PASSWORD")
[[ -n ${TOKEN:-} && -n ${TENANT:-} ]] || { echo "no token for the measured tenant" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
deadline=$((SECONDS + 120))
until [[ $("${REPORTINGDB[@]}" -tAc "SELECT count(*) FROM \"Facts\" WHERE \"TenantId\" = '$TENANT' AND \"Kind\" = 'Control'") == 93 ]]; do
    (( SECONDS < deadline )) || { echo "the SoA of $TENANT did not reach reporting in time" >&2; exit 1; }
    sleep 0.5
done

load_start=$SECONDS
"${REPORTINGDB[@]}" -v tenant="$TENANT" -v day="$(date -u +%F)" -f bench/signals.sql >"$OUT/load.txt" 2>&1
echo "Data loaded in $((SECONDS - load_start)) s:"; echo
sed -n '/what/,$p' "$OUT/load.txt" | grep -v '^Time:' | sed 's/^/    /'
echo

percentiles() { # hey output → "p50 p95 p99 rps non2xx" (ms)
    awk '/Requests\/sec:/ { rps = $2 }
         / 50%+ in / { p50 = $3 * 1000 } / 95%+ in / { p95 = $3 * 1000 } / 99%+ in / { p99 = $3 * 1000 }
         /^\s*\[[0-9]+\]/ { code = substr($1, 2, 3); if (code !~ /^2/) bad += $2 }
         END { printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, bad }' "$1"
}
measure() { # PATH → "p50 p95 p99 rps non2xx" after a warm-up of the same path
    hey -z "$WARMUP" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$1" >/dev/null
    hey -z "$DURATION" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$1" >"$OUT/hey-last.txt"
    percentiles "$OUT/hey-last.txt"
}

# ---------------------------------------------------------------- 1. GET /signals, cache on and off, alternating
if want 1; then
api /api/reporting/signals >"$OUT/signals.json"
echo "## 1. \`GET /api/reporting/signals\` through the gateway: hey -c $CONCURRENCY -z $DURATION after a $WARMUP warm-up, rounds alternating"
echo
echo "Measured tenant's figures: $(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("overdue actions", s["treatmentOverdue"]["overdueActions"], "· open exceptions", s["exceptions"]["open"], "· patterns", [p["kind"] for p in s["patterns"]])' "$OUT/signals.json"); body $(( $(wc -c <"$OUT/signals.json") / 1024 )) KiB."
echo
echo "| round | facts cache | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|"
declare -a on_p95=() off_p95=() on_p50=() off_p50=()
for round in 1 2; do
    read -r p50 p95 p99 rps bad < <(measure /api/reporting/signals); on_p50+=("$p50"); on_p95+=("$p95")
    echo "| $round | on (default) | $p50 | $p95 | $p99 | $rps | $bad |"
    stop_reporting; start_reporting Signals__FactsCache__Enabled=false Signals__RunJobs=false
    read -r p50 p95 p99 rps bad < <(measure /api/reporting/signals); off_p50+=("$p50"); off_p95+=("$p95")
    echo "| $round | off (each request loads and parses the tenant's facts) | $p50 | $p95 | $p99 | $rps | $bad |"
    stop_reporting; start_reporting Signals__RunJobs=false
done
echo
echo "Medians: p50 $(median "${on_p50[@]}") vs $(median "${off_p50[@]}") ms, p95 $(median "${on_p95[@]}") vs $(median "${off_p95[@]}") ms;" \
     "p50 without ÷ with the cache: $(awk -v a="$(median "${off_p50[@]}")" -v b="$(median "${on_p50[@]}")" 'BEGIN { printf "%.0f", a / b }')× (hey gives no p95 for the few answers without the cache)."
echo

fi
# ---------------------------------------------------------------- 2. event lag at 50 events/s
if want 2; then
api /api/reporting/signals >/dev/null
read -r lp50 lp95 lp99 lmax reads < <("${BENCH[@]}" signals-lag "$GATEWAY/" "$TOKEN" "admin@$SLUG.example" "$LAG_RATE" "$LAG_SECONDS")
echo "## 2. Event lag, risk-api commit → changed figure in \`GET /signals\` (through the gateway), $LAG_RATE treatment actions/s for $LAG_SECONDS s (on 50 risks in turn)"
echo
echo "| p50 ms | p95 ms | p99 ms | max ms | reads of /signals meanwhile |"
echo "|---|---|---|---|---|"
echo "| $lp50 | $lp95 | $lp99 | $lmax | $reads |"
echo

fi
# ---------------------------------------------------------------- 3. the nightly snapshot of 1,000 tenants
if want 3; then
stop_reporting
"${REPORTINGDB[@]}" -qc 'DELETE FROM "SignalSnapshots"'
mv "$OUT/Reporting.log" "$OUT/Reporting-before-snapshot.log"
start_reporting Signals__RunJobs=true
deadline=$((SECONDS + 600))
until grep -q "Took .* snapshots" "$OUT/Reporting.log"; do
    (( SECONDS < deadline )) || { echo "no snapshot run within 10 minutes" >&2; exit 1; }
    sleep 1
done
echo "## 3. Nightly snapshot (yesterday, every known tenant, reporting-api just started so no tenant is in memory)"
echo
echo "    $(grep -o "Took .* snapshots.*" "$OUT/Reporting.log" | head -1)"
echo "    snapshots stored: $("${REPORTINGDB[@]}" -tAc 'SELECT count(*) FROM "SignalSnapshots"')"
echo

fi
# ---------------------------------------------------------------- 4. rebuild: the year recomputed from the facts
if want 4; then
"${REPORTINGDB[@]}" -qc "DELETE FROM \"SignalSnapshots\" WHERE \"TenantId\" = '$TENANT'"
FROM=$(date -u -d '365 days ago' +%F) TO=$(date -u -d 'yesterday' +%F)
declare -a rebuild=()
trend() { curl -fsS -o "$OUT/trend.json" -w '%{time_total}' -H "$AUTH" "$GATEWAY/api/reporting/signals/trend?from=$FROM&to=$TO"; }
for round in 1 2 3; do
    # Each round in a fresh process whose facts are loaded (by a read of today's figures) but which has computed no
    # past day yet: past days computed once are kept with the tenant's facts, so a second trend would not rebuild.
    stop_reporting; start_reporting Signals__RunJobs=false
    api /api/reporting/signals >/dev/null
    rebuild+=("$(trend)")
done
warm=$(trend)
days=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), sum(1 for x in d if x["source"] == "recomputed"))' "$OUT/trend.json")
echo "## 4. Rebuild of the measured tenant from its facts: \`GET /signals/trend\` over $FROM … $TO with no snapshot stored (days, of them recomputed: $days)"
echo
echo "| round 1 s | round 2 s | round 3 s | median s | the same trend again (past days kept) s |"
echo "|---|---|---|---|---|"
echo "| ${rebuild[0]} | ${rebuild[1]} | ${rebuild[2]} | $(median "${rebuild[@]}") | $warm |"
echo
fi
echo "Reporting's peak memory (VmHWM): $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/${PID[Reporting]}/status")"
