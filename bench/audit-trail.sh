#!/usr/bin/env bash
# Benchmarks of the tamper-evident audit trail (issue 9), printed as markdown tables (also kept in .data/bench/audit-trail/):
#   1. verify of a chain of ENTRIES (1,000,000) entries: GET /api/risk/audit-trail/verify, ROUNDS times;
#   2. the trail page through the gateway on that chain: first page, a deep page, and the record, actor and day filters
#      (hey -c CONCURRENCY -z DURATION each, after a WARMUP of the same request);
#   3. the p50 of a risk update with the chain (this checkout) vs without it (risk-api built at BASELINE, the commit
#      before the chain, which wrote its unchained ChangeRecord instead): both builds run at once on the same database,
#      and one client takes turns between them on the same risk of the same tenant (whose chain holds the million
#      entries), UPDATES reassessments each per round, ROUNDS rounds.
#
#   flock /tmp/isms-servers.lock bash bench/audit-trail.sh
#   ENTRIES=1000000 UPDATES=400 ROUNDS=3 DURATION=15s CONCURRENCY=4 WARMUP=3s BASELINE=82e08f2
#   REUSE=1                   keep the previous run's databases (skips onboarding and the million-entry load)
#   ONLY=verify,pages,updates run only these sections (default: all)
#
# identity-api, risk-api and the gateway run as plain Release processes on the test profile's PostgreSQL and RabbitMQ
# (hold /tmp/isms-servers.lock: the integration tests use the same broker and queue names). The measured tenant is
# onboarded through the admin API; its million entries are then appended after its real ones by
# `IsmsCloud.Bench generate-trail` (hashed and linked by the building block's own code, written with COPY).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/audit-trail"; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.log
PROFILE=${PROFILE:-test}
SERVERS=${SERVERS_SCRIPT:-infra/local/servers.sh}
IDENTITY=http://localhost:5600 RISK=http://localhost:5610 RISK_BASE=http://localhost:5611 GATEWAY=http://localhost:5680
ENTRIES=${ENTRIES:-1000000} UPDATES=${UPDATES:-400} ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s} CONCURRENCY=${CONCURRENCY:-4} WARMUP=${WARMUP:-3s}
BASELINE=${BASELINE:-82e08f2}
SLUG=bench-trail PASSWORD=Bench-Pass-2026!
ONLY=${ONLY:-verify,pages,updates}
section() { [[ ",$ONLY," == *",$1,"* ]]; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

infra/local/install.sh --bench >/dev/null
bash "$SERVERS" start --profile "$PROFILE" >/dev/null
eval "$(bash "$SERVERS" env --profile "$PROFILE")"
PGPORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ConnectionStrings__postgres")
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p "$PGPORT" -U isms)
RISKDB=(psql -X -h 127.0.0.1 -p "$PGPORT" -U isms -d isms_bench_trail_risk)
if [[ ${REUSE:-0} != 1 ]] || ! "${RISKDB[@]}" -tAc 'SELECT 1 FROM "AuditTrail" LIMIT 1' >/dev/null 2>&1; then
    REUSE=0
    for db in isms_bench_trail_identity isms_bench_trail_risk; do
        "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
fi

# Builds take the machine's build lock (a shared 2-core machine); the measuring does not.
build() { flock /tmp/isms-build.lock dotnet build -c Release -v q -nologo "$1" >/dev/null; }
for project in bench/IsmsCloud.Bench src/Identity src/Risk src/Gateway; do
    build "$project"
done
BASELINE_DIR="$OUT/baseline"
git worktree remove --force "$BASELINE_DIR" >/dev/null 2>&1 || rm -rf "$BASELINE_DIR"
git worktree add -q --detach "$BASELINE_DIR" "$BASELINE"
build "$BASELINE_DIR/src/Risk"

declare -A PID=()
cleanup() {
    kill "${PID[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    git worktree remove --force "$BASELINE_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # NAME PROJECT_DIR URL [ENV=VALUE...]; the pid is the dotnet process itself (exec)
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >>"$OUT/$name.log" 2>&1) &
    PID[$name]=$!
}
start_risk() {
    [[ -z ${PID[Risk]:-} ]] || { kill "${PID[Risk]}"; wait "${PID[Risk]}" 2>/dev/null || true; }
    start Risk "${1:-src/Risk}" "$RISK" ConnectionStrings__riskdb="$ConnectionStrings__postgres;Database=isms_bench_trail_risk" \
        Scheduling__Enabled=false AuditTrail__PublishHeads=false
    wait_healthy "$RISK/health" 180
}
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_trail_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start_risk
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__risk-api__http__0="$RISK" \
    services__reporting-api__http__0=http://localhost:5620 services__trust-api__http__0=http://localhost:5640 services__web__http__0=http://localhost:5630 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
if [[ $REUSE == 1 ]]; then
    TOKEN=$("${BENCH[@]}" token "$GATEWAY/" "admin@$SLUG.example" "$PASSWORD")
    TENANT=$("${RISKDB[@]}" -tAc "SELECT \"TenantId\" FROM \"KnownTenants\" WHERE \"Slug\" = '$SLUG'")
    RISK_ID=$("${RISKDB[@]}" -tAc "SELECT \"Id\" FROM \"Risks\" WHERE \"TenantId\" = '$TENANT' LIMIT 1")
    read -r HEAD_SEQ HEAD_HASH < <("${RISKDB[@]}" -tA -F ' ' -c "SELECT \"Sequence\", \"Hash\" FROM \"AuditTrail\" WHERE \"TenantId\" = '$TENANT' ORDER BY \"Sequence\" DESC LIMIT 1")
    AUTH="Authorization: Bearer $TOKEN"
    api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
    "${RISKDB[@]}" -qc 'VACUUM (ANALYZE) "AuditTrail"'
    echo "Reusing the chain of tenant $TENANT (head $HEAD_SEQ)."
    echo
else
    read -r TENANT TOKEN < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$SLUG" "$PASSWORD")
    AUTH="Authorization: Bearer $TOKEN"
    api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
    deadline=$((SECONDS + 60))
    until [[ $(api "/api/risk/controls?pageSize=1" 2>/dev/null | grep -o '"totalCount":[0-9]*' | cut -d: -f2) == 93 ]]; do
        (( SECONDS < deadline )) || { echo "the SoA of $TENANT was not seeded in time" >&2; exit 1; }
        sleep 0.5
    done
    # The owner must be an active member: the tenant's admin, once risk-api's member directory has heard of them.
    RISK_ID=""
    until [[ -n $RISK_ID ]]; do
        (( SECONDS < deadline + 60 )) || { echo "risk-api did not accept admin@$SLUG.example as an owner in time" >&2; exit 1; }
        RISK_ID=$(curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d "{\"title\":\"Benchmark risk\",\"owner\":\"admin@$SLUG.example\",\"inherentLikelihood\":4,\"inherentImpact\":4,\"residualLikelihood\":3,\"residualImpact\":3}" \
            "$GATEWAY/api/risk/risks" 2>/dev/null | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4) || sleep 0.5
    done

    load_start=$SECONDS
    read -r HEAD_SEQ HEAD_HASH < <("${BENCH[@]}" generate-trail "$ConnectionStrings__postgres;Database=isms_bench_trail_risk" "$TENANT" risk "$ENTRIES" 2>"$OUT/generate.txt")
    "${RISKDB[@]}" -qc 'VACUUM (ANALYZE) "AuditTrail"'
    SIZE=$("${RISKDB[@]}" -tAc "SELECT pg_size_pretty(pg_total_relation_size('\"AuditTrail\"'))")
    echo "Chain of tenant $TENANT: head $HEAD_SEQ after appending $ENTRIES entries in $((SECONDS - load_start)) s ($(cat "$OUT/generate.txt")); AuditTrail with indexes: $SIZE."
    echo
fi

# ---------------------------------------------------------------- verify
if section verify; then
echo "## Verify of the whole chain ($HEAD_SEQ entries), GET /api/risk/audit-trail/verify straight to risk-api"
echo
echo "| run | seconds | intact | entries checked | anchor |"
echo "|---|---|---|---|---|"
for run in $(seq 1 "$ROUNDS"); do
    query=""; anchor="none"
    if (( run == ROUNDS )); then query="?anchorSequence=$HEAD_SEQ&anchorHash=$HEAD_HASH"; anchor="the generated head"; fi
    seconds=$(curl -fsS -o "$OUT/verify-$run.json" -w '%{time_total}' -H "$AUTH" "$RISK/api/risk/audit-trail/verify$query")
    intact=$(grep -o '"intact":[a-z]*' "$OUT/verify-$run.json" | cut -d: -f2)
    checked=$(grep -o '"entriesChecked":[0-9]*' "$OUT/verify-$run.json" | cut -d: -f2)
    echo "| $run | $seconds | $intact | $checked | $anchor |"
done
echo
fi

# ---------------------------------------------------------------- trail pages
percentiles() { # hey output → "p50 p95 p99 rps non2xx" (ms)
    awk '/Requests\/sec:/ { rps = $2 }
         / 50%+ in / { p50 = $3 * 1000 } / 95%+ in / { p95 = $3 * 1000 } / 99%+ in / { p99 = $3 * 1000 }
         /^\s*\[[0-9]+\]/ { code = substr($1, 2, 3); if (code !~ /^2/) bad += $2 }
         END { printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, bad }' "$1"
}
if section pages; then
api "/api/risk/audit-trail?pageSize=50&page=3000" >"$OUT/sample.json"
SAMPLE_RECORD=$(grep -o '"recordId":"[^"]*"' "$OUT/sample.json" | head -1 | cut -d'"' -f4)
# The busiest actor (about one entry in eight): the filter whose count would cost most.
SAMPLE_ACTOR=$("${RISKDB[@]}" -tAc "SELECT \"ActorId\" FROM \"AuditTrail\" WHERE \"TenantId\" = '$TENANT' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
SAMPLE_DAY=$(grep -o '"occurredAt":"[0-9-]*' "$OUT/sample.json" | head -1 | cut -d'"' -f4)
PAGES=(
    "first page (newest 50)|/api/risk/audit-trail?pageSize=50"
    "page 10,000 (entries ~500,000 back)|/api/risk/audit-trail?pageSize=50&page=10000"
    "one record's entries|/api/risk/audit-trail?pageSize=50&recordId=$SAMPLE_RECORD"
    "the busiest actor's entries|/api/risk/audit-trail?pageSize=50&actor=$SAMPLE_ACTOR"
    "one day|/api/risk/audit-trail?pageSize=50&from=$SAMPLE_DAY&to=$SAMPLE_DAY"
    "one record's history (/history/{id})|/api/risk/history/$SAMPLE_RECORD?pageSize=50"
)
echo "## The trail page through the gateway: hey -c $CONCURRENCY -z $DURATION per request after a $WARMUP warm-up"
echo
echo "| request | rows matched | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|"
i=0
for entry in "${PAGES[@]}"; do
    label=${entry%%|*} path=${entry#*|}; i=$((i + 1))
    total=$(api "$path" | grep -o '"totalCount":[0-9]*' | cut -d: -f2)
    hey -z "$WARMUP" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$path" >/dev/null
    hey -z "$DURATION" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$path" >"$OUT/hey-page-$i.txt"
    read -r p50 p95 p99 rps bad < <(percentiles "$OUT/hey-page-$i.txt")
    echo "| $label | $total | $p50 | $p95 | $p99 | $rps | $bad |"
done
echo
fi

# ---------------------------------------------------------------- risk update with the chain vs without
if section updates; then
# Both builds run at once on the same database (the baseline on its own port) and take turns request by request on
# the same risk, so a moment of load on this shared machine hits both alike.
start_risk
(cd "$BASELINE_DIR/src/Risk" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
    Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" ConnectionStrings__riskdb="$ConnectionStrings__postgres;Database=isms_bench_trail_risk" \
    Scheduling__Enabled=false dotnet bin/Release/net10.0/IsmsCloud.Risk.dll --urls "$RISK_BASE" >>"$OUT/RiskBaseline.log" 2>&1) &
PID[RiskBaseline]=$!
wait_healthy "$RISK_BASE/health" 180
echo "## Risk update (PUT /api/risk/risks/{id}, a reassessment with a rationale) straight to risk-api, one client taking turns between the two builds, $UPDATES updates each per round after 50 turns unmeasured"
echo
echo "| round | build | p50 ms | p95 ms | p99 ms | mean ms |"
echo "|---|---|---|---|---|---|"
declare -a with_p50=() without_p50=()
for round in $(seq 1 "$ROUNDS"); do
    "${BENCH[@]}" update-risk "$RISK,$RISK_BASE" "$TOKEN" "$RISK_ID" "$UPDATES" 50 >"$OUT/updates-$round.txt"
    read -r p50 p95 p99 mean < <(sed -n 1p "$OUT/updates-$round.txt"); with_p50+=("$p50")
    echo "| $round | with the chain | $p50 | $p95 | $p99 | $mean |"
    read -r p50 p95 p99 mean < <(sed -n 2p "$OUT/updates-$round.txt"); without_p50+=("$p50")
    echo "| $round | without (baseline $BASELINE) | $p50 | $p95 | $p99 | $mean |"
done
echo
w=$(median "${with_p50[@]}") wo=$(median "${without_p50[@]}")
echo "Median p50: $w ms with the chain vs $wo ms without: **$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.2f", a / b }')×**."
kill "${PID[RiskBaseline]}"; wait "${PID[RiskBaseline]}" 2>/dev/null || true; unset 'PID[RiskBaseline]'
start_risk
verified=$(curl -fsS -H "$AUTH" "$RISK/api/risk/audit-trail/verify")
echo "After the runs (the baseline's change records chained at the restart): $(grep -o '"intact":[a-z]*,"entriesChecked":[0-9]*' <<<"$verified")."
fi
