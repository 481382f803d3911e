# Shared by the bench scripts: sourced, not run.
# hey's summary → "p50_ms p99_ms rps non2xx" on one line.
hey_summary() {
    awk '
        /Requests\/sec:/ { rps = $2 }
        / 50%+ in / { p50 = $3 * 1000 }
        / 99%+ in / { p99 = $3 * 1000 }
        /^\s*\[[0-9]+\]/ { code = substr($1, 2, 3); if (code !~ /^2/) bad += $2 }
        END { printf "%.2f %.2f %.0f %d\n", p50, p99, rps, bad }
    ' "$1"
}

wait_healthy() { # URL [seconds]
    local url=$1 deadline=$((SECONDS + ${2:-120}))
    until curl -fs -o /dev/null "$url"; do
        (( SECONDS < deadline )) || { echo "not healthy in time: $url" >&2; return 1; }
        sleep 0.5
    done
}
