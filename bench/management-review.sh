#!/usr/bin/env bash
# Benchmark of the management review (issue 13): a tenant whose reporting facts hold 10,000 risks (written with SQL,
# bench/management-review.sql). Measured through the gateway, ROUNDS times each (median reported):
#   - assembling the review's inputs as of today (GET /api/reporting/management-reviews/{id}, unsigned: every read
#     assembles from the facts, the 90-day trend included) — goal ≤ 2 s;
#   - the PDF pack of that review (GET …/pack.pdf) — goal ≤ 3 s and ≤ 5 MB;
#   - signing it (assembly, canonical JSON, SHA-256, the snapshot written) and the pack of the signed review.
#
#   bench/management-review.sh     prints a markdown table (also kept in .data/bench/management-review/)
#   ROUNDS=5
#
# identity-api, reporting-api and the gateway run as plain Release processes against the dev profile's PostgreSQL and
# RabbitMQ (stop ./run.sh first).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench/management-review"; mkdir -p "$OUT"; rm -f "$OUT"/*.txt "$OUT"/*.log "$OUT"/*.pdf "$OUT"/*.json
IDENTITY=http://localhost:5300 REPORTING=http://localhost:5320 GATEWAY=http://localhost:5380
ROUNDS=${ROUNDS:-5}
SLUG=bench-review PASSWORD=Bench-Pass-2026!

infra/local/install.sh --bench >/dev/null
servers_were_up=false
infra/local/servers.sh status --profile dev >/dev/null 2>&1 && servers_were_up=true
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
export PGPASSWORD=isms
PSQL=(psql -X -h 127.0.0.1 -p 55432 -U isms)
REPORTINGDB=(psql -X -h 127.0.0.1 -p 55432 -U isms -d isms_bench_reporting)
for db in isms_bench_identity isms_bench_reporting; do "${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
for project in bench/IsmsCloud.Bench src/Identity src/Reporting src/Gateway; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done

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
start Identity src/Identity "$IDENTITY" ConnectionStrings__identitydb="$ConnectionStrings__postgres;Database=isms_bench_identity" \
    Seed__PlatformAdmin=true Seed__DemoTenant=false Identity__ReturnInvitationLinks=true \
    Identity__Clients__Web__Secret=isms-web-dev-secret Identity__Clients__Web__RedirectUris__0="$GATEWAY/signin-oidc"
# The daily jobs (snapshots, backfill) stay off: the measured reads are the review's own work.
start Reporting src/Reporting "$REPORTING" ConnectionStrings__reportingdb="$ConnectionStrings__postgres;Database=isms_bench_reporting" Signals__RunJobs=false
start Gateway src/Gateway "$GATEWAY" services__identity-api__http__0="$IDENTITY" services__reporting-api__http__0="$REPORTING" \
    services__risk-api__http__0=http://localhost:5310 services__audit-api__http__0=http://localhost:5360 \
    services__trust-api__http__0=http://localhost:5340 services__web__http__0=http://localhost:5330 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
for url in "$IDENTITY" "$REPORTING" "$GATEWAY"; do wait_healthy "$url/health"; done

BENCH=(dotnet bench/IsmsCloud.Bench/bin/Release/net10.0/IsmsCloud.Bench.dll)
read -r TENANT TOKEN < <("${BENCH[@]}" onboard "$GATEWAY/" admin@isms.local Admin-Pass-2026! "$SLUG" "$PASSWORD")
[[ -n ${TOKEN:-} && -n ${TENANT:-} ]] || { echo "no token for the measured tenant" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
CHAIR="admin@$SLUG.example"

load_start=$SECONDS
"${REPORTINGDB[@]}" -v tenant="$TENANT" -f bench/management-review.sql >"$OUT/load.txt" 2>&1
echo "Facts loaded in $((SECONDS - load_start)) s: $(grep -E '^ [A-Z][A-Za-z]+ +\|' "$OUT/load.txt" | tr -s ' ' | tr '\n' ';')"
echo

timed() { # METHOD PATH [BODY] → "seconds bytes http_code"; the body goes to $OUT/last
    local body=${3:-}
    if [[ -n $body ]]; then
        curl -sS -o "$OUT/last" -w '%{time_total} %{size_download} %{http_code}\n' -X "$1" -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "$GATEWAY$2"
    else
        curl -sS -o "$OUT/last" -w '%{time_total} %{size_download} %{http_code}\n' -X "$1" -H "$AUTH" "$GATEWAY$2"
    fi
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

plan() {
    curl -fsS -H "$AUTH" -H 'Content-Type: application/json' \
        -d "{\"title\":\"Bench review $1\",\"reviewDate\":\"$(date -u +%F)\",\"chair\":\"$CHAIR\",\"attendees\":[\"$CHAIR\"]}" \
        "$GATEWAY/api/reporting/management-reviews" >"$OUT/plan-$1.json"
    # The answer is one line of some MB: awk stops at the first id (grep | head would end in SIGPIPE under pipefail).
    awk 'match($0, /"id":"[^"]*"/) { print substr($0, RSTART + 6, RLENGTH - 7); exit }' "$OUT/plan-$1.json"
}
REVIEW=$(plan 1)
[[ -n $REVIEW ]] || { echo "planning failed: $(cat "$OUT/plan-1.json")" >&2; exit 1; }
cp "$OUT/plan-1.json" "$OUT/review.json"
risks=$(grep -o '"riskTreatment":{"risks":[0-9]*' "$OUT/review.json" | grep -o '[0-9]*$' || echo -)
records=$(grep -o '"records":\[' "$OUT/review.json" | wc -l)

# Planning assembled the inputs once, and past days computed once are kept with the tenant's facts: restart reporting
# and load its facts (a read of today's figures) so that round 1 assembles the 90-day trend from nothing.
kill "${PID[Reporting]}"; wait "${PID[Reporting]}" 2>/dev/null || true
start Reporting src/Reporting "$REPORTING" ConnectionStrings__reportingdb="$ConnectionStrings__postgres;Database=isms_bench_reporting" Signals__RunJobs=false
wait_healthy "$REPORTING/health"
curl -fsS -o /dev/null -H "$AUTH" "$GATEWAY/api/reporting/signals"
: >"$OUT/assemble.txt"; : >"$OUT/pack.txt"
for round in $(seq 1 "$ROUNDS"); do
    read -r s _ code < <(timed GET "/api/reporting/management-reviews/$REVIEW"); [[ $code == 200 ]] || { echo "GET $code" >&2; exit 1; }
    echo "$s" >>"$OUT/assemble.txt"
    read -r s bytes code < <(timed GET "/api/reporting/management-reviews/$REVIEW/pack.pdf"); [[ $code == 200 ]] || { echo "pack $code" >&2; exit 1; }
    echo "$s $bytes" >>"$OUT/pack.txt"; cp "$OUT/last" "$OUT/pack-draft.pdf"
done
# The same first assembly for a tenant that has been on the product for the trend's 90 days: its nightly snapshots hold
# the past days (stored here from the trend just computed, as the nightly job would have stored each), so the trend
# reads them instead of recomputing. Fresh process again, facts loaded first.
curl -fsS -H "$AUTH" "$GATEWAY/api/reporting/signals/trend?from=$(date -u -d '89 days ago' +%F)&to=$(date -u -d yesterday +%F)" >"$OUT/trend.json"
python3 - "$OUT/trend.json" "$TENANT" >"$OUT/snapshots.sql" <<'PY'
import json, sys
days = json.load(open(sys.argv[1]))
for d in days:
    d["source"] = "snapshot"
    figures = json.dumps(d).replace("'", "''")
    print(f"""INSERT INTO "SignalSnapshots" ("TenantId", "Day", "DefinitionVersion", "Figures", "TakenAt") VALUES ('{sys.argv[2]}', '{d["asOf"]}', {d["definitionVersion"]}, '{figures}', now());""")
PY
"${REPORTINGDB[@]}" -q -f "$OUT/snapshots.sql"
kill "${PID[Reporting]}"; wait "${PID[Reporting]}" 2>/dev/null || true
start Reporting src/Reporting "$REPORTING" ConnectionStrings__reportingdb="$ConnectionStrings__postgres;Database=isms_bench_reporting" Signals__RunJobs=false
wait_healthy "$REPORTING/health"
curl -fsS -o /dev/null -H "$AUTH" "$GATEWAY/api/reporting/signals"
read -r with_snapshots _ code < <(timed GET "/api/reporting/management-reviews/$REVIEW"); [[ $code == 200 ]] || { echo "GET $code" >&2; exit 1; }
snapshots=$(grep -c INSERT "$OUT/snapshots.sql")

version=$(curl -fsS -H "$AUTH" "$GATEWAY/api/reporting/management-reviews/$REVIEW" | grep -o '"version":[0-9]*' | tail -1 | cut -d: -f2)
read -r sign_s _ code < <(timed POST "/api/reporting/management-reviews/$REVIEW/sign" "{\"version\":$version}")
[[ $code == 200 ]] || { echo "sign $code: $(cat "$OUT/last")" >&2; exit 1; }
snapshot_bytes=$("${REPORTINGDB[@]}" -Atc "SELECT octet_length(\"Content\") FROM \"ManagementReviewSnapshots\" WHERE \"ReviewId\" = '$REVIEW'")
: >"$OUT/signed.txt"; : >"$OUT/signed-pack.txt"
for round in $(seq 1 "$ROUNDS"); do
    read -r s _ _ < <(timed GET "/api/reporting/management-reviews/$REVIEW"); echo "$s" >>"$OUT/signed.txt"
    read -r s bytes _ < <(timed GET "/api/reporting/management-reviews/$REVIEW/pack.pdf"); echo "$s $bytes" >>"$OUT/signed-pack.txt"
    cp "$OUT/last" "$OUT/pack-signed.pdf"
done

row() { # LABEL FILE GOAL; round 1 is the first read of a process that has computed no past day of the trend yet
    local med max
    med=$(cut -d' ' -f1 "$2" | median); max=$(cut -d' ' -f1 "$2" | sort -n | tail -1)
    echo "| $1 | $(head -1 "$2" | cut -d' ' -f1) | $med | $max | $(cut -d' ' -f1 "$2" | tr '\n' ' ')| $3 |"
}
echo "Tenant: $risks risks in the review's inputs, $records pattern record lists; ROUNDS=$ROUNDS; load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| request | round 1 s | median s | max s | all rounds s | goal |"
echo "|---|---|---|---|---|---|"
row "assemble the inputs (GET review, unsigned)" "$OUT/assemble.txt" "≤ 2 s"
echo "| assemble, first read in a fresh process, the $snapshots past days of the trend in nightly snapshots | $with_snapshots | | | | ≤ 2 s |"
row "PDF pack, draft" "$OUT/pack.txt" "≤ 3 s"
echo "| sign (assemble, canonical JSON, SHA-256, snapshot) | $sign_s | $sign_s | $sign_s | $sign_s | — |"
row "GET review, signed (the snapshot)" "$OUT/signed.txt" "—"
row "PDF pack, signed" "$OUT/signed-pack.txt" "≤ 3 s"
echo
echo "PDF size: draft $(tail -1 "$OUT/pack.txt" | cut -d' ' -f2) bytes, signed $(tail -1 "$OUT/signed-pack.txt" | cut -d' ' -f2) bytes (goal ≤ 5 MB);" \
     "pages $(grep -ac '/Type */Page[^s]' "$OUT/pack-signed.pdf" || true); snapshot $snapshot_bytes bytes of canonical JSON."
