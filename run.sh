#!/usr/bin/env bash
# The run command: ./run.sh [--reset] [--keep-servers]
#   --reset          start from empty databases and broker (deletes .data/dev first)
#   --keep-servers   leave PostgreSQL and RabbitMQ running when the AppHost stops
#
# Starts the dev profile's PostgreSQL and RabbitMQ (infra/local/servers.sh, no Docker needed),
# builds the AppHost and runs it in the foreground. Ctrl-C stops everything.
# The URLs printed in the banner can be overridden with ISMS_DASHBOARD_URL, ISMS_GATEWAY_URL,
# ISMS_WEB_URL and ISMS_RABBITMQ_MANAGEMENT_URL (when the launch settings are changed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"
SERVERS=infra/local/servers.sh

reset=0
keep_servers=0
for arg in "$@"; do
    case "$arg" in
        --reset) reset=1 ;;
        --keep-servers) keep_servers=1 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
    esac
done

infra/local/install.sh

on_exit() {
    if (( keep_servers )); then
        echo "servers left running ('$SERVERS stop' stops them)"
    else
        "$SERVERS" stop --profile dev || true
    fi
}
trap on_exit EXIT

if (( reset )); then
    "$SERVERS" reset --profile dev
fi
"$SERVERS" start --profile dev

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build IsmsCloud.AppHost/IsmsCloud.AppHost.csproj

eval "$("$SERVERS" env --profile dev)"      # ConnectionStrings__postgres / __rabbitmq
# Plain HTTP locally: Aspire refuses unsecured transport unless told, and the dashboard would
# otherwise ask for a login token.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true

stops="the AppHost and the servers"
(( keep_servers == 0 )) || stops="the AppHost (the servers keep running)"
banner() {
    cat <<EOF

  ==============================================================================
   IsmsCloud (dev) is up: every service is healthy

   Web workspace         ${ISMS_WEB_URL:-http://localhost:8080/}   (served through the gateway)
   Gateway (API)         ${ISMS_GATEWAY_URL:-http://localhost:8080}
   Public trust portal   ${ISMS_GATEWAY_URL:-http://localhost:8080}/trust/acme   (anonymous; JSON at /trust/acme/trust.json)
   Aspire dashboard      ${ISMS_DASHBOARD_URL:-http://localhost:18888}
   RabbitMQ management   ${ISMS_RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:55673}   (isms / isms)

   Sign in
     platform admin      admin@isms.local     /  Admin-Pass-2026!
     demo tenant admin   admin@acme.example   /  Demo-Pass-2026!   (tenant "Acme Cloud", slug acme)
     other demo members  manager@ owner@ approver@ auditor@ viewer@acme.example, same password
     second demo tenant  admin@ manager@ owner@ approver@ auditor@calm.example (Calm Systems, healthy), same password

   Ctrl-C stops $stops.
  ==============================================================================

EOF
}

# The gateway starts last (it waits for every service to be healthy), so its health means all are up.
announce_when_ready() {
    local url="${ISMS_GATEWAY_URL:-http://localhost:8080}/health" deadline=$((SECONDS + 300))
    until curl -fs -o /dev/null "$url"; do
        if (( SECONDS > deadline )); then
            echo "run.sh: the gateway is not healthy after 5 minutes; see the dashboard (${ISMS_DASHBOARD_URL:-http://localhost:18888})" >&2
            return 1
        fi
        sleep 1
    done
    banner
}

echo "starting the AppHost; the URLs and sign-ins are printed once every service is healthy ..."

# In the background so this shell can handle signals and forward them: `dotnet run` stops its
# app (and the orchestrator its children, ~10 s) on SIGTERM, while a SIGINT is ignored by a
# background job of a non-interactive shell.
dotnet run --no-build --project IsmsCloud.AppHost --launch-profile http &
app_pid=$!
announce_when_ready &
announcer_pid=$!

stopping=0
forward_stop() {
    if (( stopping )); then
        echo "still stopping (the orchestrator takes ~10 s to stop the services) ..."
    else
        echo "stopping the AppHost ..."
    fi
    stopping=1
    kill "$announcer_pid" 2>/dev/null || true
    kill -TERM "$app_pid" 2>/dev/null || true
}
trap forward_stop INT TERM

# `wait` returns early when a trapped signal arrives; keep waiting until the process is gone.
app_rc=0
while true; do
    wait "$app_pid" && app_rc=0 || app_rc=$?
    kill -0 "$app_pid" 2>/dev/null || break
done
echo "AppHost exited ($app_rc)"
(( stopping )) && app_rc=0                   # stopped on request: not an error
exit "$app_rc"
