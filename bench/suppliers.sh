#!/usr/bin/env bash
# Benchmarks of supplier-api (issue 10): a tenant of 5,000 suppliers among 100 tenants.
#
#   bench/suppliers.sh     prints markdown tables (also kept in .data/bench/suppliers/)
#   DURATION=15s CONCURRENCY=4 WARMUP=3s OTHER_TENANTS=97 OTHER_SUPPLIERS=5000
#
# identity-api, supplier-api and the gateway run as plain Release processes against the dev profile's PostgreSQL and
# RabbitMQ (stop ./run.sh first). The measured tenant's 5,000 suppliers come in through the CSV import (measured: first
# in a fresh process, then twice warm into two more tenants of 5,000); the other 97 tenants' suppliers are written with
# SQL (bench/suppliers.sql). Goals: register page, "with gaps" filter and search p95 ≤ 50 ms through the gateway
# (hey -c 4); CSV import of 5,000 suppliers ≤ 10 s; the public questionnaire page (not cacheable) p95 ≤ 50 ms at
# 200 req/s through the gateway, with its throughput ratio to nginx serving the same HTML.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/suppliers"; mkdir -p "$OUT"; rm -rf "$OUT"/*.txt "$OUT"/*.log "$OUT"/*.csv "$OUT"/*.json "$OUT/www" "$OUT/nginx" "$OUT/publish"
IDENTITY=http://localhost:5700 SUPPLIERS=http://localhost:5770 GATEWAY=http://localhost:5780 NGINX_PORT=5790
DURATION=${DURATION:-15s} CONCURRENCY=${CONCURRENCY:-4} WARMUP=${WARMUP:-3s}
OTHER_TENANTS=${OTHER_TENANTS:-97} OTHER_SUPPLIERS=${OTHER_SUPPLIERS:-5000}
SLUG=bench-sup PASSWORD=Bench-Pass-2026!

infra/local/install.sh --bench >/dev/null
servers_were_up=false
infra/local/servers.sh status --profile dev >/dev/null 2>&1 && servers_were_up=true
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p 55432 -U isms)
SUPDB=(psql -X -h 127.0.0.1 -p 55432 -U isms -d isms_bench_suppliers)
for db in isms_bench_sup_identity isms_bench_suppliers; do "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
for project in bench/IsmsCloud.Bench src/Identity src/Gateway; do flock /tmp/isms-build.lock dotnet build -c Release -v q -nologo "$project" >/dev/null; done
# supplier-api as its image runs it: published for linux-x64, ReadyToRun (Directory.Build.targets), so the "first import
# in a fresh process" measures a new replica, not the JIT of a development build.
flock /tmp/isms-build.lock dotnet publish src/Suppliers -c Release -r linux-x64 --self-contained false -v q -nologo -o "$OUT/publish" >/dev/null
declare -A DLL=([Suppliers]="$OUT/publish/IsmsCloud.Suppliers.dll")

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
        dotnet "${DLL[$name]:-bin/Release/net10.0/IsmsCloud.$name.dll}" --urls "$url" >>"$OUT/$name.log" 2>&1) &
    PID[$name]=$!
}
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_sup_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
start Suppliers src/Suppliers "$SUPPLIERS" ConnectionStrings__supplierdb="$ConnectionStrings__postgres;Database=isms_bench_suppliers"
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__supplier-api__http__0="$SUPPLIERS" \
    services__risk-api__http__0=http://localhost:5710 services__reporting-api__http__0=http://localhost:5720 \
    services__trust-api__http__0=http://localhost:5740 services__audit-api__http__0=http://localhost:5760 services__web__http__0=http://localhost:5730 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$SUPPLIERS" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
onboard() { # SLUG → "TENANT TOKEN", once supplier-api knows the tenant (from TenantOnboarded)
    local tenant token deadline=$((SECONDS + 60))
    read -r tenant token < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$1" "$PASSWORD")
    [[ -n ${token:-} && -n ${tenant:-} ]] || { echo "no token for tenant $1" >&2; exit 1; }
    until [[ $("${SUPDB[@]}" -tAc "SELECT count(*) FROM \"KnownTenants\" WHERE \"TenantId\" = '$tenant'" 2>/dev/null) == 1 ]]; do
        (( SECONDS < deadline )) || { echo "supplier-api never heard of tenant $1" >&2; exit 1; }
        sleep 0.5
    done
    echo "$tenant $token"
}
read -r TENANT TOKEN < <(onboard "$SLUG")
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$GATEWAY$1"; }
post() { curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "$GATEWAY$1"; }

# The other 97 tenants first: the imports write into a table that already holds their 485,000 suppliers, as a
# tenant among a hundred would (index inserts cost more in a large index than in an empty one).
load_start=$SECONDS
"${SUPDB[@]}" -v tenants="$OTHER_TENANTS" -v suppliers="$OTHER_SUPPLIERS" -f bench/suppliers.sql >"$OUT/load.txt" 2>&1
echo "Other tenants written in $((SECONDS - load_start)) s: $(grep -E '^ *(tenants|suppliers)' "$OUT/load.txt" | tr -s ' ' | tr '\n' ';')"
echo

# ---------------------------------------------------------------- CSV import of 5,000 suppliers
# The export's columns; every tenth a sub-processor of the row ten before it (the file's ids link them), criticality
# and status mixed, a quarter with AI use, so the register has gaps and no gaps, sub-processors and search to do.
make_csv() { # OWNER → CSV on stdout
    awk -v owner="$1" 'BEGIN {
        srand(10); split("Low Medium High Critical", crit, " "); split("Active Active Active Offboarding Ended", st, " ")
        print "legal_name,owner,criticality,status,services,data_categories,data_classification,data_locations,parent_supplier_id,contract_start_on,contract_end_on,notice_period_days,ai_model_provider,ai_data_used,ai_automated_decisions,risk_ids,asset_ids,last_material_change_at,last_completed_at,last_approved_on,gap_reasons,id"
        for (i = 1; i <= 5000; i++) {
            id = sprintf("00000000-0000-7000-8000-%012d", i); parent = (i % 10 == 0) ? sprintf("00000000-0000-7000-8000-%012d", i - 9) : ""
            printf "Supplier %05d %s B.V.,%s,%s,%s,Hosting; Support,Customer contact data,Confidential,EU; US,%s,2025-01-01,2028-12-31,90,%s,%s,%s,,,,,,,%s\n",
                i, (i % 7 ? "Cloud" : "Payroll"), owner, crit[1 + i % 4], st[1 + i % 5], parent, (i % 4 ? "" : "OpenAI"), (i % 4 ? "" : "Support tickets"), (i % 8 ? "no" : "yes"), id
        }
    }'
}
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
import() { # TOKEN OWNER NAME → "seconds imported peak_growth_MiB"
    local pid=${PID[Suppliers]} before start end
    make_csv "$2" >"$OUT/$3.csv"
    before=$(rss_kib "$pid")
    start=$(date +%s.%N)
    curl -fsS -o "$OUT/import-$3.json" -H "Authorization: Bearer $1" -H 'Content-Type: text/csv' --data-binary @"$OUT/$3.csv" "$GATEWAY/api/suppliers/import/suppliers"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v b="$before" -v h="$(hwm_kib "$pid")" -v n="$(grep -o '"imported":[0-9]*' "$OUT/import-$3.json" | cut -d: -f2)" \
        'BEGIN { printf "%.2f %d %.0f\n", e - s, n, (h - b) / 1024 }'
}
echo "## CSV import of 5,000 suppliers (one file, all or nothing, through the gateway)"
echo
echo "| run | seconds | imported | peak RSS growth MiB (VmHWM − RSS before) |"
echo "|---|---|---|---|"
read -r s n m < <(import "$TOKEN" "admin@$SLUG.example" measured); echo "| first in a fresh process (the measured tenant) | $s | $n | $m |"
for run in 2 3; do
    read -r t k < <(onboard "$SLUG-$run")
    read -r s n m < <(import "$k" "admin@$SLUG-$run.example" "warm-$run"); echo "| warm, run $run (another tenant) | $s | $n | $m |"
done
echo


# ---------------------------------------------------------------- register reads through the gateway
# The imports' events (about 7,000 per import) are still being published by supplier-api's outbox relay: measured
# reads wait until it is done, so they compete with each other and not with 21,000 publishes.
deadline=$((SECONDS + 300))
until [[ $("${SUPDB[@]}" -tAc 'SELECT count(*) FROM "OutboxMessages" WHERE "SentAtUtc" IS NULL') == 0 ]]; do
    (( SECONDS < deadline )) || { echo "the outbox did not drain in 300 s" >&2; exit 1; }
    sleep 1
done
# supplier-api refreshes the table's statistics after each import (TableStatisticsRefresh); no manual VACUUM here.
echo "Suppliers table after the imports: $("${SUPDB[@]}" -tAc "SELECT 'last vacuum ' || coalesce(last_vacuum::text, 'never') || ', last analyze ' || coalesce(last_analyze::text, 'never') || ', autovacuum ' || coalesce(last_autovacuum::text, 'never') FROM pg_stat_user_tables WHERE relname = 'Suppliers'")"
echo

percentiles() { awk '/Requests\/sec:/ { rps = $2 } / 50%+ in / { p50 = $3 * 1000 } / 95%+ in / { p95 = $3 * 1000 } / 99%+ in / { p99 = $3 * 1000 }
         /^\s*\[[0-9]+\]/ { code = substr($1, 2, 3); if (code !~ /^2/) bad += $2 }
         END { printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, bad }' "$1"; }
measure() { # PATH [hey options...]
    local path=$1; shift
    hey -z "$WARMUP" -c "$CONCURRENCY" -H "$AUTH" "$@" "$GATEWAY$path" >/dev/null
    hey -z "$DURATION" -c "$CONCURRENCY" -H "$AUTH" "$@" "$GATEWAY$path" >"$OUT/hey-last.txt"
    percentiles "$OUT/hey-last.txt"
}
ENDPOINTS=(
    "register page 1 (by name)|/api/suppliers?pageSize=50"
    "register, with gaps|/api/suppliers?pageSize=50&withGaps=true"
    "register, with gaps, page 20|/api/suppliers?pageSize=50&withGaps=true&page=20"
    "search \"payroll\"|/api/suppliers?pageSize=50&search=payroll"
    "search \"04711\" (one match)|/api/suppliers?pageSize=50&search=04711"
    "register by criticality|/api/suppliers?pageSize=50&sort=Criticality"
)
echo "## Register reads through the gateway: hey -c $CONCURRENCY -z $DURATION per request after a $WARMUP warm-up"
echo
echo "| request | rows matched | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for entry in "${ENDPOINTS[@]}"; do
    label=${entry%%|*} path=${entry#*|}
    total=$(api "$path" | grep -o '"totalCount":[0-9]*' | cut -d: -f2 || echo -)
    read -r p50 p95 p99 rps bad < <(measure "$path")
    echo "| $label | ${total:--} | $p50 | $p95 | $p99 | $rps | $bad |"
done
echo

# The search's plan on the measured tenant (the WHERE EF writes for Search: lower(LegalName) LIKE, Owner LIKE), so a
# figure above the goal can be told apart from a scan: the trigram indexes should appear, the tenant's rows not be read.
echo "## Plan of the search \"04711\" (count of the tenant's matches), EXPLAIN (ANALYZE, BUFFERS)"
echo
echo '```'
"${SUPDB[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM \"Suppliers\" WHERE \"TenantId\" = '$TENANT'
    AND (lower(\"LegalName\") LIKE '%04711%' OR \"Owner\" LIKE '%04711%')" | sed -n '1,/^$/p' | grep -v '^(' || true
echo '```'
echo

# ---------------------------------------------------------------- the public questionnaire page
supplier=$(api "/api/suppliers?pageSize=1&search=00042" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
template=$(post /api/suppliers/questionnaire-templates '{"name":"Bench questionnaire","questions":[
    {"text":"Do you hold an ISO/IEC 27001 certificate?","type":"YesNo"},
    {"text":"Where is our data stored?","type":"Text"},
    {"text":"Which hosting model do you use?","type":"Choice","choices":["Public cloud","Private cloud","On premises"]},
    {"text":"When was your last penetration test?","type":"Date"},
    {"text":"Describe your incident response process.","type":"Text"}]}' | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
link=$(post "/api/suppliers/$supplier/questionnaires" "{\"templateId\":\"$template\",\"contactEmail\":\"security@supplier.example\"}" \
    | grep -o '"linkPath":"[^"]*"' | cut -d'"' -f4)
# The first GET trades the token for the questionnaire's cookie and answers 303 to the page without it.
curl -fsS -o /dev/null -D "$OUT/trade-headers.txt" "$GATEWAY$link"
page=$(awk 'tolower($1) == "location:" { print $2 }' "$OUT/trade-headers.txt" | tr -d '\r')
cookie=$(awk 'tolower($1) == "set-cookie:" { print $2 }' "$OUT/trade-headers.txt" | tr -d '\r' | sed 's/;$//')
[[ -n $page && -n $cookie ]] || { echo "the link did not trade for a cookie" >&2; exit 1; }
curl -fsS -H "Cookie: $cookie" "$GATEWAY$page" -o "$OUT/page.html"
grep -qi "no-store" <(curl -fsS -D - -o /dev/null -H "Cookie: $cookie" "$GATEWAY$page") || { echo "the page is not no-store" >&2; exit 1; }
mkdir -p "$OUT/www/questionnaire" "$OUT/nginx/tmp"
cp "$OUT/page.html" "$OUT/www/questionnaire/index.html"
cat >"$OUT/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
user root;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path $OUT/nginx/tmp; proxy_temp_path $OUT/nginx/tmp; fastcgi_temp_path $OUT/nginx/tmp;
    uwsgi_temp_path $OUT/nginx/tmp; scgi_temp_path $OUT/nginx/tmp;
    server { listen 127.0.0.1:$NGINX_PORT; root $OUT/www; index index.html; }
}
CONF
/usr/sbin/nginx -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
PID[nginx]=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT/questionnaire/"
wait_healthy "$NGINX_URL"
cmp -s "$OUT/page.html" <(curl -fsS "$NGINX_URL") || { echo "nginx does not serve the same page" >&2; exit 1; }

bytes=$(wc -c <"$OUT/page.html")
echo "## Public questionnaire page: GET /questionnaires/{link} ($bytes bytes of HTML, 5 questions, with the questionnaire's cookie), $DURATION per run"
echo
echo "| run | target | load | p50 ms | p95 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
for target in "$GATEWAY$page" "$SUPPLIERS$page" "$NGINX_URL"; do hey -z 5s -c 8 -H "Cookie: $cookie" "$target" >/dev/null; done
declare -A SATURATED=()
for round in 1 2; do
    # 200 req/s: 4 connections at 50 req/s each. Saturation: 16 connections as fast as they go (the throughput ratio).
    for mode in "200rps:-c 4 -q 50" "saturation:-c 16"; do
        for target in gateway direct nginx; do
            case $target in
                nginx) url="$NGINX_URL" ;;
                direct) url="$SUPPLIERS$page" ;; # supplier-api without the gateway: where the time goes
                *) url="$GATEWAY$page" ;;
            esac
            # shellcheck disable=SC2086
            hey -z "$DURATION" ${mode#*:} -H "Cookie: $cookie" "$url" >"$OUT/hey-q-$round-${mode%%:*}-$target.txt"
            read -r p50 p95 p99 rps bad < <(percentiles "$OUT/hey-q-$round-${mode%%:*}-$target.txt")
            echo "| $round | $target | ${mode%%:*} | $p50 | $p95 | $p99 | $rps | $bad |"
            [[ ${mode%%:*} == saturation ]] && SATURATED[$round-$target]=$rps
        done
    done
done
echo
for round in 1 2; do
    awk -v g="${SATURATED[$round-gateway]}" -v n="${SATURATED[$round-nginx]}" -v r="$round" \
        'BEGIN { printf "Round %d: gateway %d req/s vs nginx %d req/s at saturation: ratio %.3f (1 : %.0f)\n", r, g, n, g / n, n / g }'
done
