#!/usr/bin/env bash
# Benchmarks of the spine (issue "The spine"): gateway overhead, event lag, memory after the run.
#
#   bench/spine.sh            prints markdown tables; copy them into bench/RESULTS.md with the date and machine
#
# identity-api, risk-api, reporting-api and the gateway run as plain Release processes (not under the AppHost), so
# "direct" really is direct: under Aspire every endpoint sits behind the orchestrator's own proxy, which would add a
# hop to both sides. They use the dev profile's PostgreSQL and RabbitMQ (stop ./run.sh first).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench"; rm -rf "$OUT"; mkdir -p "$OUT"
IDENTITY=http://localhost:5300 RISK=http://localhost:5310 REPORTING=http://localhost:5320 GATEWAY=http://localhost:5380
DURATION=${DURATION:-20s}

infra/local/install.sh --bench >/dev/null
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
for db in isms_bench_identity isms_bench_risk isms_bench_reporting; do
    psql -h 127.0.0.1 -p 55432 -U isms -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
for project in bench/IsmsCloud.Bench src/Identity src/Risk src/Reporting src/Gateway; do
    dotnet build -c Release -v q -nologo "$project" >/dev/null
done

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; infra/local/servers.sh stop --profile dev >/dev/null 2>&1 || true; }
trap cleanup EXIT

start() { # NAME PROJECT_DIR URL [ENV=VALUE...]
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url="$IDENTITY" "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >"$OUT/$name.log" 2>&1) &
    pids+=($!)
}
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_identity" \
    Seed__DemoTenant=true Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start Risk src/Risk "$RISK" ConnectionStrings__riskdb="$ConnectionStrings__postgres;Database=isms_bench_risk"
start Reporting src/Reporting "$REPORTING" ConnectionStrings__reportingdb="$ConnectionStrings__postgres;Database=isms_bench_reporting"
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__risk-api__http__0="$RISK" \
    services__reporting-api__http__0="$REPORTING" services__web__http__0=http://localhost:5330 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$RISK" "$REPORTING" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH="dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll"
TOKEN=$($BENCH token "$GATEWAY/" admin@acme.example Demo-Pass-2026!)
$BENCH create-risks "$RISK" "$TOKEN" 200 2>/dev/null
PATH_UNDER_TEST="/api/risk/risks?pageSize=50"

echo "## Gateway overhead: GET $PATH_UNDER_TEST (page of 50), bearer token, $DURATION per run"
echo
echo "| run | target | p50 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|"
# Warm both paths (JIT, connection pools, JWKS fetch), then alternate so drift hits both sides alike.
for target in "$RISK" "$GATEWAY"; do hey -z 5s -c 8 -H "Authorization: Bearer $TOKEN" "$target$PATH_UNDER_TEST" >/dev/null; done
for round in 1 2; do
    for mode in "fixed-200rps:-c 10 -q 20" "saturation-c32:-c 32"; do
        for target in direct gateway; do
            url=$([[ $target == direct ]] && echo "$RISK" || echo "$GATEWAY")
            # shellcheck disable=SC2086
            hey -z "$DURATION" ${mode#*:} -H "Authorization: Bearer $TOKEN" "$url$PATH_UNDER_TEST" >"$OUT/hey-$round-${mode%%:*}-$target.txt"
            read -r p50 p99 rps bad < <(hey_summary "$OUT/hey-$round-${mode%%:*}-$target.txt")
            echo "| $round ${mode%%:*} | $target | $p50 | $p99 | $rps | $bad |"
        done
    done
done

echo
echo "## Event lag: risk-api commit → reporting-api projection, 50 risk creations/s for 20 s"
echo
before=$(psql -h 127.0.0.1 -p 55432 -U isms -d isms_bench_reporting -tAc 'SELECT count(*) FROM "RiskRegister"')
$BENCH paced-risks "$RISK" "$TOKEN" 50 20 2>&1 | sed 's/^/    /'
expected=$((before + 1000))
deadline=$((SECONDS + 60))
until [[ $(psql -h 127.0.0.1 -p 55432 -U isms -d isms_bench_reporting -tAc 'SELECT count(*) FROM "RiskRegister"') -ge $expected ]]; do
    (( SECONDS < deadline )) || { echo "reporting did not catch up" >&2; exit 1; }
    sleep 0.5
done
psql -h 127.0.0.1 -p 55432 -U isms -d isms_bench_reporting -tA -F ' ' -c "
    WITH lag AS (SELECT extract(epoch FROM \"ProjectedAt\" - \"AssessedAt\") * 1000 AS ms
                 FROM \"RiskRegister\" ORDER BY \"AssessedAt\" DESC LIMIT 1000)
    SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
           round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1),
           round(max(ms)::numeric, 1) FROM lag" |
    while read -r n p50 p95 max; do
        echo "| events | p50 ms | p95 ms | max ms |"; echo "|---|---|---|---|"; echo "| $n | $p50 | $p95 | $max |"
    done

echo
echo "## Memory after the run (RSS)"
echo
echo "| process | RSS MiB |"
echo "|---|---|"
for name in Identity Risk Reporting Gateway; do
    pid=$(pgrep -f "IsmsCloud.$name.dll" | head -n 1)
    echo "| $name | $(( $(ps -o rss= -p "$pid") / 1024 )) |"
done
