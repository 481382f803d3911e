#!/usr/bin/env bash
# Time from the run command to every resource healthy (warm build), and each service's memory once up.
#
#   bench/startup.sh [runs]     (default 3 runs; prints a markdown table)
#
# Runs the AppHost exactly as ./run.sh does, on the dev profile's servers; stop ./run.sh first.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
RUNS=${1:-3}
OUT="$REPO/.data/bench"; mkdir -p "$OUT"

infra/local/install.sh >/dev/null
infra/local/servers.sh start --profile dev >/dev/null
eval "$(infra/local/servers.sh env --profile dev)"
trap 'infra/local/servers.sh stop --profile dev >/dev/null 2>&1 || true' EXIT
dotnet build -v q -nologo IsmsCloud.AppHost >/dev/null   # the warm build the measurement starts from

echo "| run | seconds to all healthy | identity MiB | risk MiB | reporting MiB | web MiB | gateway MiB |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
        dotnet run --no-build --project IsmsCloud.AppHost --launch-profile http >"$OUT/apphost-$run.log" 2>&1 &
    apphost=$!
    # The services' own ports (launch profiles) and the gateway: each /health includes its database.
    for port in 5100 5110 5120 5130 8080; do wait_healthy "http://localhost:$port/health" 180; done
    # The demo tenant is seeded before identity reports healthy; a token round-trip proves sign-in works.
    curl -fs -o /dev/null http://localhost:8080/.well-known/openid-configuration
    elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
    # Under the orchestrator each service runs as its own apphost executable (bin/.../IsmsCloud.Risk).
    rss() { local pid; pid=$(pgrep -f "IsmsCloud\.$1(\.dll)?( |$)" | head -n 1); echo $(( $(ps -o rss= -p "$pid") / 1024 )); }
    sleep 5   # let start-up allocations settle before reading memory
    printf '| %s | %.1f | %s | %s | %s | %s | %s |\n' "$run" "$elapsed" "$(rss Identity)" "$(rss Risk)" "$(rss Reporting)" "$(rss Web)" "$(rss Gateway)"
    kill -TERM "$apphost"; wait "$apphost" 2>/dev/null || true
    # The orchestrator needs a few seconds to stop the children; wait until the ports are free.
    for port in 5100 5110 5120 5130 8080; do while curl -fs -o /dev/null "http://localhost:$port/alive"; do sleep 0.5; done; done
done
