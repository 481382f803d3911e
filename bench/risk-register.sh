#!/usr/bin/env bash
# Benchmarks of the risk register (issue 3): list, filter and heat-map latency through the gateway for a tenant of
# 10,000 risks among 100 such tenants, the heat map against the same SQL in pgbench, and a 10,000-row CSV import.
#
#   bench/risk-register.sh     prints markdown tables (also kept in .data/bench/risk-register/)
#
#   DURATION=15s CONCURRENCY=4   load per endpoint (after a WARMUP=3s run of the same endpoint)
#   REUSE=1                      keep the databases of the previous run (skips the ~1.5 min data load)
#   BASELINE=<git ref>           also build risk-api at that ref and run each CSV import on it too, alternating
#                                with this checkout's build in one run (side by side, same data, same machine load)
#   ONLY=search,import           run only these sections (reads, heatmap, search, import); default: all
#
# identity-api, risk-api and the gateway run as plain Release processes against the dev profile's PostgreSQL and
# RabbitMQ (as bench/spine.sh does; stop ./run.sh first). One tenant is onboarded through the admin API (risk-api
# seeds its SoA from TenantOnboarded); its register and 99 other tenants' are then written with SQL
# (bench/risk-register.sql), because creating a million risks through the API would take hours.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/risk-register"; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.log "$OUT"/pgbench_log.*
IDENTITY=http://localhost:5300 RISK=http://localhost:5310 GATEWAY=http://localhost:5380
DURATION=${DURATION:-15s} CONCURRENCY=${CONCURRENCY:-4} WARMUP=${WARMUP:-3s}
SLUG=bench-measured PASSWORD=Bench-Pass-2026! SEARCH=ransomware
ONLY=${ONLY:-reads,heatmap,search,import}
section() { [[ ",$ONLY," == *",$1,"* ]]; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

infra/local/install.sh --bench >/dev/null
servers_were_up=false
infra/local/servers.sh status --profile dev >/dev/null 2>&1 && servers_were_up=true
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p 55432 -U isms)
RISKDB=(psql -X -h 127.0.0.1 -p 55432 -U isms -d isms_bench_risk)
PG_LOG="$REPO/.data/dev/postgres/server.log"
[[ -f "$PG_LOG" ]] || PG_LOG="$("${PSQL[@]}" -d postgres -tAc 'SHOW data_directory')/../server.log"

if [[ ${REUSE:-0} != 1 ]] || ! "${RISKDB[@]}" -tAc 'SELECT 1' >/dev/null 2>&1; then
    REUSE=0
    for db in isms_bench_identity isms_bench_risk; do
        "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
fi
for project in bench/IsmsCloud.Bench src/Identity src/Risk src/Gateway; do
    dotnet build -c Release -v q -nologo "$project" >/dev/null
done
BASELINE_DIR="$OUT/baseline"
if [[ -n ${BASELINE:-} ]]; then
    git worktree remove --force "$BASELINE_DIR" >/dev/null 2>&1 || rm -rf "$BASELINE_DIR"
    git worktree add -q --detach "$BASELINE_DIR" "$BASELINE"
    dotnet build -c Release -v q -nologo "$BASELINE_DIR/src/Risk" >/dev/null
fi

declare -A PID=()
cleanup() {
    "${PSQL[@]}" -d postgres -qc 'ALTER SYSTEM RESET log_min_duration_statement' -c 'SELECT pg_reload_conf()' >/dev/null 2>&1 || true
    kill "${PID[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    $servers_were_up || infra/local/servers.sh stop --profile dev >/dev/null 2>&1 || true
    [[ -z ${BASELINE:-} ]] || git worktree remove --force "$BASELINE_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # NAME PROJECT_DIR URL [ENV=VALUE...]; the pid is the dotnet process itself (exec)
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >>"$OUT/$name.log" 2>&1) &
    PID[$name]=$!
}
start_risk() { start Risk "${1:-src/Risk}" "$RISK" ConnectionStrings__riskdb="$ConnectionStrings__postgres;Database=isms_bench_risk"; }
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start_risk
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__risk-api__http__0="$RISK" \
    services__reporting-api__http__0=http://localhost:5320 services__web__http__0=http://localhost:5330 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$RISK" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
if [[ $REUSE == 1 ]]; then
    TOKEN=$("${BENCH[@]}" token "$GATEWAY/" "admin@$SLUG.example" "$PASSWORD")
    TENANT=$("${RISKDB[@]}" -tAc "SELECT \"TenantId\" FROM \"KnownTenants\" WHERE \"Slug\" = '$SLUG'")
else
    read -r TENANT TOKEN < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$SLUG" "$PASSWORD")
fi
[[ -n ${TOKEN:-} && -n ${TENANT:-} ]] || { echo "no token for the measured tenant" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
deadline=$((SECONDS + 60))
until [[ $(api "/api/risk/controls?pageSize=1" 2>/dev/null | grep -o '"totalCount":[0-9]*' | cut -d: -f2) == 93 ]]; do
    (( SECONDS < deadline )) || { echo "the SoA of $TENANT was not seeded in time" >&2; exit 1; }
    sleep 0.5
done

if [[ $REUSE == 0 ]]; then
    load_start=$SECONDS
    "${RISKDB[@]}" -v tenant="$TENANT" -v slug="$SLUG" -f bench/risk-register.sql >"$OUT/load.txt" 2>&1
    echo "Data loaded in $((SECONDS - load_start)) s:"; echo
    sed -n '/what/,$p' "$OUT/load.txt" | grep -v '^Time:' | sed 's/^/    /'
else
    "${RISKDB[@]}" -qc 'VACUUM (ANALYZE) "Risks"'
fi
echo

# ---------------------------------------------------------------- reads through the gateway
ENDPOINTS=(
    "page 1, default sort (newest)|/api/risk/risks?pageSize=50"
    "sort ResidualDescending|/api/risk/risks?pageSize=50&sort=ResidualDescending"
    "filter band=High|/api/risk/risks?pageSize=50&band=High"
    "filter overdue=true|/api/risk/risks?pageSize=50&overdue=true"
    "search=$SEARCH|/api/risk/risks?pageSize=50&search=$SEARCH"
    "page 100 (rows 4951-5000)|/api/risk/risks?page=100&pageSize=50"
    "heat map|/api/risk/heatmap"
    "SoA controls, page of 100|/api/risk/controls?pageSize=100"
    "exceptions, page of 50|/api/risk/exceptions?pageSize=50"
)
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

if section reads; then
echo "## Reads through the gateway: hey -c $CONCURRENCY -z $DURATION per endpoint after a $WARMUP warm-up"
echo
echo "| request | rows matched | body KiB | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
i=0
for entry in "${ENDPOINTS[@]}"; do
    label=${entry%%|*} path=${entry#*|}; i=$((i + 1))
    api "$path" >"$OUT/body-$i.json"
    total=$(grep -o '"totalCount":[0-9]*' "$OUT/body-$i.json" | cut -d: -f2 || true)
    [[ -n $total ]] || total=$(grep -o '"total":[0-9]*' "$OUT/body-$i.json" | cut -d: -f2 || echo -)
    kib=$(awk -v b="$(wc -c <"$OUT/body-$i.json")" 'BEGIN { printf "%.1f", b / 1024 }')
    read -r p50 p95 p99 rps bad < <(measure "$path")
    cp "$OUT/hey-last.txt" "$OUT/hey-$i.txt"
    echo "| \`${path#/api/risk}\` ($label) | $total | $kib | $p50 | $p95 | $p99 | $rps | $bad |"
done
echo
fi

# ---------------------------------------------------------------- search: trigram indexes vs none, side by side
if section search; then
TRIGRAM_INDEXES=$("${RISKDB[@]}" -tAc "SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE tablename = 'Risks' AND indexname LIKE '%_Trigram'")
SEARCH_PATH="/api/risk/risks?pageSize=50&search=$SEARCH"
echo "## Search \`search=$SEARCH\` ($(api "$SEARCH_PATH" | grep -o '"totalCount":[0-9]*' | cut -d: -f2) of the tenant's risks match): with the trigram indexes and without, alternating"
echo
echo "| round | indexes | p50 ms | p95 ms | p99 ms | req/s |"
echo "|---|---|---|---|---|---|"
declare -a with_p50=() with_p95=() without_p50=() without_p95=()
for round in 1 2 3; do
    read -r p50 p95 p99 rps _ < <(measure "$SEARCH_PATH"); with_p50+=("$p50"); with_p95+=("$p95")
    echo "| $round | trigram GiST (TenantId, lower(column)) | $p50 | $p95 | $p99 | $rps |"
    "${RISKDB[@]}" -qc "DROP INDEX IF EXISTS \"IX_Risks_TenantId_Title_Trigram\", \"IX_Risks_TenantId_Owner_Trigram\", \"IX_Risks_TenantId_Description_Trigram\""
    read -r p50 p95 p99 rps _ < <(measure "$SEARCH_PATH"); without_p50+=("$p50"); without_p95+=("$p95")
    echo "| $round | none (as before) | $p50 | $p95 | $p99 | $rps |"
    "${RISKDB[@]}" -qc "$TRIGRAM_INDEXES"
done
echo
echo "Medians of the rounds: p50 $(median "${with_p50[@]}") vs $(median "${without_p50[@]}") ms, p95 $(median "${with_p95[@]}") vs $(median "${without_p95[@]}") ms;" \
     "ratio without ÷ with: p50 $(awk -v a="$(median "${without_p50[@]}")" -v b="$(median "${with_p50[@]}")" 'BEGIN { printf "%.1f", a / b }')," \
     "p95 $(awk -v a="$(median "${without_p95[@]}")" -v b="$(median "${with_p95[@]}")" 'BEGIN { printf "%.1f", a / b }')."
echo
fi

# ---------------------------------------------------------------- heat map: HTTP vs the same SQL in pgbench
pgbench_percentiles() { # pgbench -l logs → "p50 p95 p99 tps" (ms); field 3 is the transaction's latency in µs
    local seconds=$1; shift
    cat "$@" | awk '{ print $3 / 1000 }' | sort -n | awk -v s="$seconds" '{ v[NR] = $1 }
        END { printf "%.2f %.2f %.2f %.0f\n", v[int(NR * 0.50) + 1], v[int(NR * 0.95) + 1], v[int(NR * 0.99) + 1], NR / s }'
}
SQL_SECONDS=${DURATION%s}
if section heatmap; then
echo "## Heat map: GET /api/risk/heatmap through the gateway vs its two GROUP BY queries in pgbench ($DURATION each)"
echo
echo "| clients | what | p50 ms | p95 ms | p99 ms | per s |"
echo "|---|---|---|---|---|---|"
for clients in 1 "$CONCURRENCY"; do
    hey -z "$WARMUP" -c "$clients" -H "$AUTH" "$GATEWAY/api/risk/heatmap" >/dev/null
    hey -z "$DURATION" -c "$clients" -H "$AUTH" "$GATEWAY/api/risk/heatmap" >"$OUT/hey-heat-c$clients.txt"
    read -r hp50 hp95 hp99 hrps _ < <(percentiles "$OUT/hey-heat-c$clients.txt")
    (cd "$OUT" && rm -f pgbench_log.* && pgbench -h 127.0.0.1 -p 55432 -U isms -n -M extended -c "$clients" -j "$clients" -T 3 \
        -D tenant="$TENANT" -f "$REPO/bench/risk-heatmap.sql" isms_bench_risk >/dev/null 2>&1 &&
     rm -f pgbench_log.* && pgbench -h 127.0.0.1 -p 55432 -U isms -n -M extended -c "$clients" -j "$clients" -T "$SQL_SECONDS" -l \
        -D tenant="$TENANT" -f "$REPO/bench/risk-heatmap.sql" isms_bench_risk >"pgbench-c$clients.txt" 2>&1)
    read -r sp50 sp95 sp99 stps < <(pgbench_percentiles "$SQL_SECONDS" "$OUT"/pgbench_log.*)
    echo "| $clients | HTTP via gateway (1 query + JWT ×2 + JSON) | $hp50 | $hp95 | $hp99 | $hrps |"
    echo "| $clients | SQL in pgbench (the same query, extended protocol) | $sp50 | $sp95 | $sp99 | $stps |"
    echo "| $clients | **ratio HTTP ÷ SQL** | **$(awk -v a="$hp50" -v b="$sp50" 'BEGIN { printf "%.2f", a / b }')** | **$(awk -v a="$hp95" -v b="$sp95" 'BEGIN { printf "%.2f", a / b }')** | | |"
done
echo
fi

# ---------------------------------------------------------------- the SQL each request sends (for EXPLAIN)
if section reads; then
offset=$(stat -c %s "$PG_LOG")
"${PSQL[@]}" -d postgres -qc 'ALTER SYSTEM SET log_min_duration_statement = 0' -c 'SELECT pg_reload_conf()' >/dev/null
sleep 1
for entry in "${ENDPOINTS[@]}"; do api "${entry#*|}" >/dev/null; done
"${PSQL[@]}" -d postgres -qc 'ALTER SYSTEM RESET log_min_duration_statement' -c 'SELECT pg_reload_conf()' >/dev/null
tail -c +"$((offset + 1))" "$PG_LOG" >"$OUT/statements.log"
echo "(each request's SQL, with durations and parameters: $OUT/statements.log)"
echo
fi

# ---------------------------------------------------------------- CSV import of 10,000 risks
if section import; then
awk 'BEGIN {
    srand(2026); print "title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact,description,decision"
    split("Ransomware,Phishing,Supplier failure,Data leak,Backup failure,Laptop theft,DDoS,Shadow IT", threat, ",")
    split(",Treat,Treat,Accept,Transfer,Avoid", decision, ",")
    for (n = 1; n <= 10000; n++) {
        il = 1 + int(rand() * 5); ii = 1 + int(rand() * 5); rl = 1 + int(rand() * il); ri = 1 + int(rand() * ii)
        printf "Imported %s risk %05d,owner%02d@%s.example,%d,%d,%d,%d,\"From the 2025 spreadsheet, row %d\",%s\n",
            threat[1 + int(rand() * 8)], n, 1 + int(rand() * 40), "'"$SLUG"'", il, ii, rl, ri, n, decision[1 + int(rand() * 6)]
    }
}' >"$OUT/import-10000.csv"

kib() { awk '/^'"$1"':/ { printf "%.0f", $2 / 1024 }' "/proc/${PID[Risk]}/status"; }
remove_imported() { # leave the measured register as it was (10,000 risks), so every run and a REUSE=1 run see the same data
    "${RISKDB[@]}" -qc "DELETE FROM \"ChangeRecords\" WHERE \"TenantId\" = '$TENANT' AND \"RecordId\" IN
            (SELECT \"Id\" FROM \"Risks\" WHERE \"TenantId\" = '$TENANT' AND \"Title\" LIKE 'Imported %')" \
        -c "DELETE FROM \"Risks\" WHERE \"TenantId\" = '$TENANT' AND \"Title\" LIKE 'Imported %'" \
        -c 'DELETE FROM "OutboxMessages" WHERE "SentAtUtc" IS NOT NULL' -c 'VACUUM (ANALYZE) "Risks", "RiskAssessments", "ChangeRecords"'
}
VARIANTS=("this checkout|src/Risk")
[[ -z ${BASELINE:-} ]] || VARIANTS+=("baseline $BASELINE|$BASELINE_DIR/src/Risk")
echo "## CSV import: POST /api/risk/import/risks, 10,000 rows ($(( $(wc -c <"$OUT/import-10000.csv") / 1024 )) KiB), through the gateway"
echo
echo "Each run starts a fresh risk-api (so the import is its first, and VmHWM is the import's own peak), imports into the"
echo "same 10,000-risk register, waits for the outbox to drain, and removes what it imported."
echo
echo "| run | build | seconds | HTTP | imported | RSS before MiB | peak RSS (VmHWM) MiB | outbox relayed after s |"
echo "|---|---|---|---|---|---|---|---|"
declare -A import_seconds=() import_peak=()
for run in 1 2 3; do
    for variant in "${VARIANTS[@]}"; do
        name=${variant%%|*} dir=${variant#*|}
        kill "${PID[Risk]}"; wait "${PID[Risk]}" 2>/dev/null || true
        start_risk "$dir"; wait_healthy "$RISK/health"; api "/api/risk/risks?pageSize=50" >/dev/null; sleep 2
        before=$(kib VmRSS)
        read -r seconds code < <(curl -sS -o "$OUT/import-$run.json" -w '%{time_total} %{http_code}\n' -H "$AUTH" \
            -H 'Content-Type: text/csv' --data-binary @"$OUT/import-10000.csv" "$GATEWAY/api/risk/import/risks")
        peak=$(kib VmHWM)
        imported=$(grep -o '"imported":[0-9]*' "$OUT/import-$run.json" | cut -d: -f2 || echo 0)
        relay_start=$SECONDS
        until [[ $("${RISKDB[@]}" -tAc 'SELECT count(*) FROM "OutboxMessages" WHERE "SentAtUtc" IS NULL') == 0 ]]; do
            (( SECONDS - relay_start < 180 )) || break
            sleep 0.5
        done
        printf '| %s | %s | %.2f | %s | %s | %s | %s | %s |\n' "$run" "$name" "$seconds" "$code" "${imported:-0}" "$before" "$peak" "$((SECONDS - relay_start))"
        import_seconds[$name]+="$seconds " import_peak[$name]+="$peak "
        remove_imported
    done
done
echo
for variant in "${VARIANTS[@]}"; do
    name=${variant%%|*}
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    echo "Median of $name: $(median ${import_seconds[$name]}) s, peak RSS $(median ${import_peak[$name]}) MiB."
done
echo
fi

echo "## Memory at the end (RSS)"
echo
echo "| process | RSS MiB |"
echo "|---|---|"
for name in Identity Risk Gateway; do
    echo "| $name | $(( $(ps -o rss= -p "${PID[$name]}") / 1024 )) |"
done
