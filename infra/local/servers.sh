#!/usr/bin/env bash
# Project-owned PostgreSQL and RabbitMQ servers for local runs and tests — no Docker needed.
#
#   servers.sh start|stop|status|reset|env|start-rabbit|stop-rabbit|start-postgres|stop-postgres [--profile dev|test]
#
# Each profile gets its own data directory ($REPO/.data/<profile>/) and its own ports, so the
# dev stack and a test run can be up side by side. The system services (5432/5672) are never used.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"

usage() {
    cat <<EOF
usage: $(basename "$0") <command> [--profile dev|test]      (default profile: dev)

commands:
  start          start PostgreSQL and RabbitMQ (no-op for whatever is already running)
  stop           stop both
  status         show both; exits non-zero if one is down
  reset          stop both and delete the profile's data directory
  env            print 'export ConnectionStrings__...' lines, for: eval "\$($(basename "$0") env)"
  start-rabbit   start only RabbitMQ (for tests that take the broker away and back)
  stop-rabbit    stop only RabbitMQ
  start-postgres start only PostgreSQL (for tests that take the database away and back)
  stop-postgres  stop only PostgreSQL
EOF
}

die() { echo "servers.sh: $*" >&2; exit 1; }
log() { echo "[$PROFILE] $*"; }

# ---------------------------------------------------------------- arguments

COMMAND="${1:-}"
[[ -n "$COMMAND" ]] || { usage >&2; exit 2; }
shift
PROFILE=dev
while [[ $# -gt 0 ]]; do
    case "$1" in
        --profile) [[ $# -ge 2 ]] || die "--profile needs a value"; PROFILE="$2"; shift 2 ;;
        --profile=*) PROFILE="${1#--profile=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

# Fixed ports per profile: the AppHost and the tests are configured with these.
# The Erlang distribution port is set explicitly because RabbitMQ's default (AMQP port + 20000)
# would be above 65535 for our AMQP ports.
case "$PROFILE" in
    dev)  PG_PORT=55432; AMQP_PORT=55672; MGMT_PORT=55673; DIST_PORT=55674 ;;
    test) PG_PORT=56432; AMQP_PORT=56672; MGMT_PORT=56673; DIST_PORT=56674 ;;
    *) die "unknown profile '$PROFILE' (dev or test)" ;;
esac

DATA_DIR="$REPO/.data/$PROFILE"

PG_ROOT="$DATA_DIR/postgres"      # owned by the postgres user (it refuses to run as root)
# The postgres user must reach its data directory, and a socket path is limited to 107 bytes: a checkout under a
# private directory (/root is mode 700) or a deep path gets its cluster under /var/lib/isms-cloud instead.
if id postgres >/dev/null 2>&1; then
    if ! runuser -u postgres -- test -x "$REPO" 2>/dev/null || (( ${#PG_ROOT} + 40 > 107 )); then
        PG_ROOT="/var/lib/isms-cloud/$(printf '%s' "$REPO" | sha1sum | cut -c1-12)/$PROFILE/postgres"
    fi
fi
PGDATA="$PG_ROOT/data"            # the cluster; also holds the unix socket (-k)
PG_LOG="$PG_ROOT/server.log"

RMQ_HOME="$DATA_DIR/rabbitmq"     # HOME of the node: the Erlang cookie lives here
RMQ_BIN=/usr/lib/rabbitmq/bin     # not /usr/sbin: those wrappers switch to the rabbitmq user,
                                  # whose HOME (and cookie) differs from ours
RMQ_NODE="isms-$PROFILE@localhost"
RMQ_PID_FILE="$RMQ_HOME/rabbit.pid"

PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=isms;Password=isms"
AMQP_URL="amqp://isms:isms@127.0.0.1:$AMQP_PORT"
MGMT_URL="http://127.0.0.1:$MGMT_PORT"

now() { echo "${EPOCHREALTIME/[.,]/}"; }                   # microseconds
elapsed() { local us=$(( $(now) - $1 )); printf '%d.%01d' $((us / 1000000)) $((us % 1000000 / 100000)); }

# True if something accepts TCP connections on 127.0.0.1:$1.
# The servers outlive this script: they must not inherit its open files beyond stdin/out/err. A caller's
# lock (e.g. `flock build.lock ./test.sh`) would otherwise be held by RabbitMQ or PostgreSQL until they stop.
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null || true
    done
}
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# ---------------------------------------------------------------- PostgreSQL

# The binaries of the version the cluster was created with, else the newest installed one
# (PG_BIN overrides). Prints nothing if PostgreSQL is not installed.
find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    local version=""
    if [[ -f "$PGDATA/PG_VERSION" ]]; then
        version="$(cat "$PGDATA/PG_VERSION")"
    elif [[ -d /usr/lib/postgresql ]]; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    fi
    if [[ -n "$version" && -x "/usr/lib/postgresql/$version/bin/pg_ctl" ]]; then
        echo "/usr/lib/postgresql/$version/bin"
    fi
}
PG_BIN_DIR="$(find_pg_bin)"
need_pg_bin() {
    [[ -n "$PG_BIN_DIR" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql — run infra/local/install.sh"
}

# Run a command as the postgres user, from a directory it can read (avoids "could not change
# directory" warnings when called from /root).
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

pg_running() {
    [[ -n "$PG_BIN_DIR" && -f "$PGDATA/postmaster.pid" ]] && as_postgres "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

# psql as the superuser over the unix socket (trust auth), for administration.
pg_admin_sql() {
    as_postgres "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PG_PORT" \
        -U postgres -d postgres -tA -c "$1"
}

pg_start() {
    if pg_running; then
        log "postgres already running on 127.0.0.1:$PG_PORT"
        return 0
    fi
    port_open "$PG_PORT" && die "port $PG_PORT is taken by another process (not this profile's postgres)"
    # A unix socket path is limited to 107 bytes.
    (( ${#PGDATA} + 20 < 107 )) || die "repository path too long for a PostgreSQL socket in $PGDATA"

    need_pg_bin
    local bin="$PG_BIN_DIR" t0; t0="$(now)"
    mkdir -p "$PG_ROOT"
    chown postgres:postgres "$PG_ROOT"
    chmod 700 "$PG_ROOT"
    # The postgres user must be able to reach it (a checkout under /root, mode 700, cannot work).
    as_postgres test -w "$PG_ROOT" \
        || die "user postgres cannot reach $PG_ROOT — every parent directory needs o+x"

    if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
        # Password (scram) for TCP, so the app uses the same auth path as a real server;
        # trust on the socket, which only this script uses (as the postgres user).
        as_postgres "$bin/initdb" -D "$PGDATA" -U postgres \
            --auth-host=scram-sha-256 --auth-local=trust \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_ROOT/initdb.log" 2>&1 \
            || { cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
        log "postgres cluster created in ${PGDATA#"$REPO"/}"
    fi

    # Settings are passed on the command line so the profile, not a config file, decides them.
    # Many connections: every test host opens pools for several services.
    local opts="-p $PG_PORT -k '$PGDATA' -c listen_addresses=127.0.0.1 -c max_connections=300"
    if [[ "$PROFILE" == test ]]; then
        # Test data is disposable: trade crash safety for speed.
        opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    # Extra server settings for a measurement, e.g. ISMS_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements"
    # (bench scripts); they apply when this script starts the server, not to one already running.
    opts+=" ${ISMS_PG_OPTIONS:-}"
    ( close_inherited_fds; as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -o "$opts" -w -t 60 start >/dev/null ) \
        || { tail -n 20 "$PG_LOG" >&2; die "postgres did not start (log: $PG_LOG)"; }

    # The application's login role (superuser is fine for a local throw-away cluster: the
    # services create their own databases and extensions) and a default database of the same
    # name, which Npgsql uses when the connection string names none.
    if [[ "$(pg_admin_sql "select 1 from pg_roles where rolname = 'isms'")" != 1 ]]; then
        pg_admin_sql "create role isms login superuser createdb password 'isms'" >/dev/null
    fi
    if [[ "$(pg_admin_sql "select 1 from pg_database where datname = 'isms'")" != 1 ]]; then
        pg_admin_sql "create database isms owner isms" >/dev/null
    fi
    log "postgres started on 127.0.0.1:$PG_PORT in $(elapsed "$t0") s"
}

pg_stop() {
    if ! pg_running; then
        log "postgres not running"
        return 0
    fi
    as_postgres "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
    log "postgres stopped"
}

pg_status() {
    if pg_running && port_open "$PG_PORT"; then
        log "postgres  up    127.0.0.1:$PG_PORT  (pid $(head -n 1 "$PGDATA/postmaster.pid"))"
        return 0
    fi
    log "postgres  DOWN  127.0.0.1:$PG_PORT"
    return 1
}

# ---------------------------------------------------------------- RabbitMQ

# Everything that makes this node independent of the system installation. Passed with `env` to
# each rabbit command rather than exported, so HOME is only changed for them.
RMQ_ENV=(
    HOME="$RMQ_HOME"
    RABBITMQ_NODENAME="$RMQ_NODE"
    RABBITMQ_DIST_PORT="$DIST_PORT"
    RABBITMQ_MNESIA_BASE="$RMQ_HOME/mnesia"
    RABBITMQ_LOG_BASE="$RMQ_HOME/log"
    RABBITMQ_PID_FILE="$RMQ_PID_FILE"
    RABBITMQ_CONFIG_FILE="$RMQ_HOME/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_HOME/advanced.config"   # absent on purpose: not /etc's
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_HOME/enabled_plugins"
    RABBITMQ_CONF_ENV_FILE="$RMQ_HOME/rabbitmq-env.conf"        # ours, not /etc/rabbitmq's
    # Keep Erlang distribution on loopback, like the listeners.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
)
rmq() { env "${RMQ_ENV[@]}" "$@"; }
rmqctl() { rmq "$RMQ_BIN/rabbitmqctl" -q -n "$RMQ_NODE" "$@"; }

# Running = the pid in the pid file is alive and is a BEAM started with our HOME (guards against
# a stale pid file whose pid got reused; the node name itself is not on the command line).
rabbit_pid() {
    [[ -f "$RMQ_PID_FILE" ]] || return 1
    local pid; pid="$(tr -dc 0-9 <"$RMQ_PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    local cmdline; cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *" -home $RMQ_HOME "* ]] || return 1
    echo "$pid"
}
rabbit_running() { rabbit_pid >/dev/null; }

# Node name is name@localhost (short names): Erlang must be able to resolve it.
check_localhost() {
    getent hosts localhost >/dev/null \
        || die "'localhost' does not resolve; add '127.0.0.1 localhost' to /etc/hosts"
}

RMQ_SYSTEM_HOME="$(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-* 2>/dev/null | sort -V | tail -n 1)"
RMQ_ROOT_APPS=(rabbit rabbit_common rabbitmq_prelaunch rabbitmq_management)   # + their dependencies

# The node puts every app of its plugins directory on the code path and scans them all while
# booting (~1000 modules): that alone made a start take 9-12 s here. A plugins directory holding
# only the apps we need (symlinks; the dependency closure of RMQ_ROOT_APPS read from their .app
# files) halves that. Rebuilt on every start so a package upgrade is picked up. Prints the
# directory to use as RABBITMQ_HOME, or nothing (= use the system one) if anything looks unusual.
rabbit_trimmed_home() {
    local src="$RMQ_SYSTEM_HOME/plugins" home="$RMQ_HOME/lib"
    [[ -d "$src" ]] || return 0
    local -a todo=("${RMQ_ROOT_APPS[@]}")
    local -A found=()
    local app path deps
    while (( ${#todo[@]} > 0 )); do
        app="${todo[-1]}"; unset 'todo[-1]'
        [[ -z "${found[$app]:-}" ]] || continue
        path="$(compgen -G "$src/$app-[0-9]*" | sort -V | tail -n 1 || true)"
        if [[ -z "$path" ]]; then
            # Not a plugin: an OTP application (kernel, ssl, ...) from the Erlang installation.
            [[ "$app" != rabbit* ]] || return 0
            found[$app]=otp
            continue
        fi
        [[ -f "$path/ebin/$app.app" ]] || return 0          # e.g. .ez archives: don't trim
        found[$app]="$path"
        # {applications, [a, b]} and {included_applications, [...]} — may span several lines.
        deps="$(tr '\n' ' ' <"$path/ebin/$app.app" \
            | grep -o '{\(included_\)\?applications, *\[[^]]*\]' \
            | sed 's/.*\[//; s/\]//; s/,/ /g' || true)"
        # shellcheck disable=SC2206  # word-splitting the list is intended
        todo+=($deps)
    done
    rm -rf "$home"
    mkdir -p "$home/plugins"
    for path in "${found[@]}"; do
        [[ "$path" == otp ]] || ln -s "$path" "$home/plugins/"
    done
    echo "$home"
}

rabbit_write_config() {
    mkdir -p "$RMQ_HOME/mnesia" "$RMQ_HOME/log"
    # The env file (sourced by the rabbit scripts) replaces /etc/rabbitmq/rabbitmq-env.conf; it
    # is also the only place where RABBITMQ_HOME can be changed (the scripts compute it first).
    local home; home="$(rabbit_trimmed_home)"
    if [[ -n "$home" ]]; then
        printf 'RABBITMQ_HOME=%q\nRABBITMQ_PLUGINS_DIR=%q\n' "$home" "$home/plugins" \
            >"$RMQ_HOME/rabbitmq-env.conf"
    else
        : >"$RMQ_HOME/rabbitmq-env.conf"
    fi
    # loopback_users = none: the isms user may connect however the app connects; the listeners
    # themselves only bind to loopback.
    # default_user*: on the very first boot the node creates isms/isms (administrator, all
    # permissions on /) instead of guest — saves several CLI round-trips. rabbit_ensure_user
    # still checks, for data dirs created otherwise.
    cat >"$RMQ_HOME/rabbitmq.conf" <<EOF
# Written by infra/local/servers.sh (profile $PROFILE) on every start; edits are lost.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.port = $MGMT_PORT
management.tcp.ip = 127.0.0.1
loopback_users = none
default_user = isms
default_pass = isms
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
EOF
    echo '[rabbitmq_management].' >"$RMQ_HOME/enabled_plugins"
}

rabbit_ensure_user() {
    # Fast path (~10 ms instead of ~1 s per CLI call): the management API answers for isms/isms
    # with the administrator tag and its permissions on vhost / (%2F).
    # (Any failure here just falls through to the CLI.)
    local whoami=""
    if command -v curl >/dev/null; then
        whoami="$(curl -sf -u isms:isms "$MGMT_URL/api/whoami" || true)"
    fi
    if [[ "$whoami" == *'"administrator"'* ]] \
        && curl -sf -u isms:isms "$MGMT_URL/api/permissions/%2F/isms" >/dev/null; then
        return 0
    fi
    # Output captured first: `cmd | grep -q` can fail under pipefail when grep exits early.
    local users; users="$(rmqctl list_users)"
    if grep -Eq '^isms[[:space:]].*administrator' <<<"$users"; then
        return 0
    fi
    grep -Eq '^isms[[:space:]]' <<<"$users" || rmqctl add_user isms isms >/dev/null
    rmqctl set_user_tags isms administrator >/dev/null
    rmqctl set_permissions -p / isms '.*' '.*' '.*' >/dev/null
    log "rabbitmq user isms created"
}

rabbit_start() {
    if rabbit_running; then
        log "rabbitmq already running on 127.0.0.1:$AMQP_PORT"
        return 0
    fi
    check_localhost
    local port
    for port in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
        port_open "$port" && die "port $port is taken by another process (not this profile's rabbitmq)"
    done
    [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "RabbitMQ not installed — run infra/local/install.sh"
    local t0; t0="$(now)"

    rabbit_write_config
    rm -f "$RMQ_PID_FILE"
    ( close_inherited_fds; rmq "$RMQ_BIN/rabbitmq-server" -detached ) >"$RMQ_HOME/log/startup.log" 2>&1 \
        || { cat "$RMQ_HOME/log/startup.log" >&2; die "rabbitmq-server failed to launch"; }
    # `wait` returns once the rabbit application is up (or fails if the node dies).
    if ! rmqctl wait "$RMQ_PID_FILE" --timeout 60 >/dev/null; then
        tail -n 30 "$RMQ_HOME/log/$RMQ_NODE.log" >&2 2>/dev/null || true
        die "rabbitmq did not start (logs: $RMQ_HOME/log/)"
    fi
    rabbit_ensure_user
    log "rabbitmq started on 127.0.0.1:$AMQP_PORT (management $MGMT_URL) in $(elapsed "$t0") s"
}

# epmd (the Erlang port mapper, port 4369) is started by the first node and outlives it; stop it
# only when no node at all is registered any more (another profile's node or the system's
# RabbitMQ may still use it). `epmd -kill` refuses anyway while nodes are registered.
epmd_cleanup() {
    local names
    names="$(epmd -names 2>/dev/null)" || return 0          # no epmd running
    if ! grep -q '^name ' <<<"$names"; then
        epmd -kill >/dev/null 2>&1 || true
    fi
}

rabbit_stop() {
    if rabbit_running; then
        # With the pid file, `stop` also waits for the OS process to exit.
        rmqctl stop "$RMQ_PID_FILE" >/dev/null
        log "rabbitmq stopped"
    elif grep -q "^name ${RMQ_NODE%@*} " <<<"$(epmd -names 2>/dev/null)"; then
        rmqctl stop >/dev/null                              # pid file lost, node still registered
        log "rabbitmq stopped"
    else
        log "rabbitmq not running"
    fi
    rm -f "$RMQ_PID_FILE"
    epmd_cleanup
}

rabbit_status() {
    local pid
    if pid="$(rabbit_pid)" && port_open "$AMQP_PORT"; then
        log "rabbitmq  up    127.0.0.1:$AMQP_PORT  (pid $pid, node $RMQ_NODE, management $MGMT_URL)"
        return 0
    fi
    log "rabbitmq  DOWN  127.0.0.1:$AMQP_PORT  (node $RMQ_NODE)"
    return 1
}

# ---------------------------------------------------------------- commands

print_connection_info() {
    cat <<EOF

  postgres   $PG_CONN
  rabbitmq   $AMQP_URL
  management $MGMT_URL  (isms/isms)
EOF
}

# start/stop run the two servers in parallel, each in its own subshell so that `set -e` keeps
# working inside it (errexit is ignored in a function called as `f || ...`).
case "$COMMAND" in
    start)
        [[ $EUID -eq 0 ]] || die "must run as root (postgres is started via runuser)"
        t0="$(now)"
        mkdir -p "$DATA_DIR"
        ( pg_start ) & pg_job=$!
        ( rabbit_start ) & rabbit_job=$!
        rc=0
        wait "$pg_job" || rc=1
        wait "$rabbit_job" || rc=1
        (( rc == 0 )) || die "start failed (see above); '$(basename "$0") stop --profile $PROFILE' cleans up"
        log "ready in $(elapsed "$t0") s"
        print_connection_info
        ;;
    stop)
        t0="$(now)"
        ( pg_stop ) & pg_job=$!
        ( rabbit_stop ) & rabbit_job=$!
        rc=0
        wait "$pg_job" || rc=1
        wait "$rabbit_job" || rc=1
        log "stopped in $(elapsed "$t0") s"
        exit "$rc"
        ;;
    status)
        rc=0
        pg_status || rc=1
        rabbit_status || rc=1
        exit "$rc"
        ;;
    reset)
        pg_stop
        rabbit_stop
        rm -rf "$DATA_DIR"
        [[ "$PG_ROOT" == "$DATA_DIR"/* ]] || rm -rf "$PG_ROOT"
        log "deleted ${DATA_DIR#"$REPO"/}"
        ;;
    env)
        # Single quotes: the PostgreSQL string contains ';'.
        echo "export ConnectionStrings__postgres='$PG_CONN'"
        echo "export ConnectionStrings__rabbitmq='$AMQP_URL'"
        ;;
    start-rabbit)
        t0="$(now)"
        mkdir -p "$DATA_DIR"
        rabbit_start
        log "ready in $(elapsed "$t0") s"
        ;;
    stop-rabbit)
        t0="$(now)"
        rabbit_stop
        log "stopped in $(elapsed "$t0") s"
        ;;
    start-postgres)
        [[ $EUID -eq 0 ]] || die "must run as root (postgres is started via runuser)"
        t0="$(now)"
        mkdir -p "$DATA_DIR"
        pg_start
        log "ready in $(elapsed "$t0") s"
        ;;
    stop-postgres)
        t0="$(now)"
        pg_stop
        log "stopped in $(elapsed "$t0") s"
        ;;
    -h|--help|help) usage ;;
    *) usage >&2; die "unknown command: $COMMAND" ;;
esac
