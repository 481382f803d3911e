#!/usr/bin/env bash
# Installs what the local scripts need, and nothing twice:
#   install.sh [--browser] [--bench]
#     always      postgresql, rabbitmq-server (run by infra/local/servers.sh, not as services)
#     --browser   chromium (Playwright browser tests use /usr/bin/chromium; never `playwright install`)
#     --bench     wrk and hey (HTTP load generators for bench/), nginx (the static baseline of bench/trust-portal.sh)
# and restores the repository's dotnet local tools.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"

die() { echo "install.sh: $*" >&2; exit 1; }

packages=(postgresql rabbitmq-server curl)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --browser) packages+=(chromium) ;;
        --bench) packages+=(wrk hey nginx) ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
    shift
done

# `dpkg -s` also succeeds for a package that was removed but not purged, so look at the status.
installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

missing=()
for pkg in "${packages[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done

if (( ${#missing[@]} > 0 )); then
    [[ $EUID -eq 0 ]] || die "needs root to install: ${missing[*]}"
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive

    # We never use the system services (servers.sh runs its own instances on other ports), so
    # the packages must not start them either — whatever the machine's policy says. Without a
    # policy-rc.d, postinst would start a system postgres on 5432 and rabbitmq on 5672 (or fail
    # where there is no init system). Exit code 101 = "action forbidden". A policy that already
    # exists is left alone.
    policy=/usr/sbin/policy-rc.d
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\n# temporary, from %s\nexit 101\n' "$0" >"$policy"
        chmod 755 "$policy"
        trap 'rm -f "$policy"' EXIT
    fi

    # Only now: an update is slow and needs the network. The lock timeout lets us wait for an
    # apt run that is already in progress instead of failing.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
fi

# The repository's dotnet tools (e.g. dotnet-ef), if it declares any. Cheap when already restored.
if [[ -f "$REPO/.config/dotnet-tools.json" ]]; then
    if ! out="$(cd "$REPO" && dotnet tool restore 2>&1)"; then
        echo "$out" >&2
        die "dotnet tool restore failed"
    fi
fi
