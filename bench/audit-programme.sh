#!/usr/bin/env bash
# Benchmarks of audit-api (issue 11): a tenant with 300 audits and 5,000 findings (written with SQL,
# bench/audit-programme.sql) and a campaign of 20,000 accounts (imported through the API, which is also measured).
#
#   bench/audit-programme.sh     prints markdown tables (also kept in .data/bench/audit-programme/)
#   DURATION=15s CONCURRENCY=4 WARMUP=3s
#
# identity-api, audit-api and the gateway run as plain Release processes against the dev profile's PostgreSQL and
# RabbitMQ (stop ./run.sh first). Goals: findings list with the recurrence column and the campaign page p95 ≤ 50 ms
# through the gateway; CSV import of 20,000 items ≤ 10 s warm (first run in a fresh process reported too); peak memory
# growth of audit-api during the import ≤ 200 MiB.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/audit-programme"; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.log "$OUT"/*.csv
IDENTITY=http://localhost:5300 AUDIT=http://localhost:5360 GATEWAY=http://localhost:5380
DURATION=${DURATION:-15s} CONCURRENCY=${CONCURRENCY:-4} WARMUP=${WARMUP:-3s}
SLUG=bench-audit PASSWORD=Bench-Pass-2026!

infra/local/install.sh --bench >/dev/null
servers_were_up=false
infra/local/servers.sh status --profile dev >/dev/null 2>&1 && servers_were_up=true
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p 55432 -U isms)
AUDITDB=(psql -X -h 127.0.0.1 -p 55432 -U isms -d isms_bench_audit)
for db in isms_bench_identity isms_bench_audit; do "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
for project in bench/IsmsCloud.Bench src/Identity src/Audit src/Gateway; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done

declare -A PID=()
cleanup() {
    kill "${PID[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    $servers_were_up || infra/local/servers.sh stop --profile dev >/dev/null 2>&1 || true
}
trap cleanup EXIT
start() { # NAME PROJECT_DIR URL [ENV=VALUE...]; the pid is the dotnet process itself (exec)
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >>"$OUT/$name.log" 2>&1) &
    PID[$name]=$!
}
start_audit() { start Audits src/Audit "$AUDIT" ConnectionStrings__auditdb="$ConnectionStrings__postgres;Database=isms_bench_audit"; }
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start_audit
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__audit-api__http__0="$AUDIT" \
    services__risk-api__http__0=http://localhost:5310 services__reporting-api__http__0=http://localhost:5320 \
    services__trust-api__http__0=http://localhost:5340 services__web__http__0=http://localhost:5330 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$AUDIT" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
read -r TENANT TOKEN < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$SLUG" "$PASSWORD")
[[ -n ${TOKEN:-} && -n ${TENANT:-} ]] || { echo "no token for the measured tenant" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
post() { curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "$GATEWAY$1"; }

load_start=$SECONDS
"${AUDITDB[@]}" -v tenant="$TENANT" -f bench/audit-programme.sql >"$OUT/load.txt" 2>&1
echo "Data loaded in $((SECONDS - load_start)) s: $(grep -E '^ (what|audits)' "$OUT/load.txt" | tr -s ' ' | tr '\n' ';')"
echo

# ---------------------------------------------------------------- CSV import of 20,000 accounts
awk 'BEGIN { print "user,email,account,entitlements,privileged,last_login";
             for (i = 1; i <= 20000; i++) printf "User %d,user%d@customer.example,acct-%05d,%s,%s,2026-11-01\n", i, i, i, (i % 10 ? "read" : "admin;read"), (i % 10 ? "no" : "yes") }' \
    >"$OUT/accounts.csv"
campaign() { post /api/audit/access-reviews "{\"system\":\"$1\",\"title\":\"$1 review\",\"reviewers\":[\"admin@$SLUG.example\"],\"dueOn\":\"$(date -u +%F)\"}" \
    | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
audit_pid() { pgrep -f "IsmsCloud.Audits.dll --urls $AUDIT" | head -1; }
import() { # CAMPAIGN → "seconds peak_growth_MiB"
    local pid before start end
    pid=$(audit_pid); before=$(rss_kib "$pid")
    start=$(date +%s.%N)
    curl -fsS -o "$OUT/import-$1.json" -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$OUT/accounts.csv" "$GATEWAY/api/audit/access-reviews/$1/items/import"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v b="$before" -v h="$(hwm_kib "$pid")" 'BEGIN { printf "%.2f %.0f\n", e - s, (h - b) / 1024 }'
}
echo "## CSV import of 20,000 accounts (one file, all or nothing, through the gateway)"
echo
echo "| run | seconds | peak RSS growth MiB (VmHWM − RSS before) |"
echo "|---|---|---|"
first=$(campaign "Salesforce")
read -r s m < <(import "$first"); echo "| first in a fresh process | $s | $m |"
for run in 2 3; do
    c=$(campaign "System $run"); read -r s m < <(import "$c"); echo "| warm, run $run | $s | $m |"
done
echo
post "/api/audit/access-reviews/$first/open" '{"version":1}' >/dev/null

# ---------------------------------------------------------------- reads through the gateway
percentiles() { awk '/Requests\/sec:/ { rps = $2 } / 50%+ in / { p50 = $3 * 1000 } / 95%+ in / { p95 = $3 * 1000 } / 99%+ in / { p99 = $3 * 1000 }
         /^\s*\[[0-9]+\]/ { code = substr($1, 2, 3); if (code !~ /^2/) bad += $2 }
         END { printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, bad }' "$1"; }
measure() {
    hey -z "$WARMUP" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$1" >/dev/null
    hey -z "$DURATION" -c "$CONCURRENCY" -H "$AUTH" "$GATEWAY$1" >"$OUT/hey-last.txt"
    percentiles "$OUT/hey-last.txt"
}
ENDPOINTS=(
    "findings, page 1 with recurrence|/api/audit/findings?pageSize=50"
    "findings, recurring=true|/api/audit/findings?pageSize=50&recurring=true"
    "findings of A.8.8|/api/audit/findings?pageSize=50&reference=A.8.8"
    "audit programme page|/api/audit/audits?pageSize=50"
    "campaign page (20,000 items: progress, tags)|/api/audit/access-reviews/$first"
    "campaign items, page 1|/api/audit/access-reviews/$first/items?pageSize=50"
    "campaign items, undecided, page 200|/api/audit/access-reviews/$first/items?pageSize=50&state=Undecided&page=200"
)
echo "## Reads through the gateway: hey -c $CONCURRENCY -z $DURATION per endpoint after a $WARMUP warm-up"
echo
echo "| request | rows matched | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for entry in "${ENDPOINTS[@]}"; do
    label=${entry%%|*} path=${entry#*|}
    total=$(api "$path" | grep -o '"totalCount":[0-9]*' | cut -d: -f2 || echo -)
    read -r p50 p95 p99 rps bad < <(measure "$path")
    echo "| $label | ${total:--} | $p50 | $p95 | $p99 | $rps | $bad |"
done
