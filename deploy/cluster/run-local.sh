#!/usr/bin/env bash
# Try the PostgreSQL profile on one machine: a private PostgreSQL server (Debian's postgresql binaries), two silos
# and one API process, all on 127.0.0.1. Everything lives under $CARMEN_CLUSTER_DIR (default ./cluster-data).
#   deploy/cluster/run-local.sh start    # prints the API and silo URLs
#   deploy/cluster/run-local.sh stop
# Ports: PostgreSQL 55432; silos 11111/30000 and 11112/30001, HTTP 5081 and 5082, MQTT 1883 and 1884, metrics 9465 and 9466;
# API process HTTP 5080, metrics 9464.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(realpath -m "${CARMEN_CLUSTER_DIR:-cluster-data}")"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_user=()
[ "$(id -u)" -eq 0 ] && pg_user=(runuser -u postgres --)
export ConnectionStrings__Carmen="Host=127.0.0.1;Port=55432;Username=carmen;Database=carmen"
export Carmen__Storage=Postgres

start() {
    mkdir -p "$root"
    [ "$(id -u)" -eq 0 ] && chown postgres "$root"
    # The key that encrypts the cluster's key ring, kept outside the database (here beside it, for a local trial).
    [ -f "$root/key-encryption.key" ] || (umask 077 && openssl rand -base64 32 >"$root/key-encryption.key")
    export Carmen__DataProtection__KeyEncryptionKeyFile="$root/key-encryption.key"
    if [ ! -d "$root/pg" ]; then
        "${pg_user[@]}" "$bin/initdb" -D "$root/pg" -U carmen -A trust -E UTF8 >/dev/null
    fi
    "${pg_user[@]}" "$bin/pg_ctl" -D "$root/pg" -l "$root/postgres.log" -w \
        -o "-p 55432 -k $root -c listen_addresses=127.0.0.1" start >/dev/null
    "$bin/psql" -h 127.0.0.1 -p 55432 -U carmen -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'carmen'" | grep -q 1 \
        || "$bin/psql" -h 127.0.0.1 -p 55432 -U carmen -d postgres -qc "CREATE DATABASE carmen"

    dotnet build Carmen.sln -c Release >/dev/null
    dotnet Carmen.Silo/bin/Release/net10.0/Carmen.Silo.dll migrate
    for n in 1 2; do
        Carmen__Orleans__SiloPort=$((11110 + n)) Carmen__Orleans__GatewayPort=$((29999 + n)) Carmen__Http__Port=$((5080 + n)) Carmen__Mqtt__Port=$((1882 + n)) Carmen__Metrics__Port=$((9464 + n)) \
            nohup dotnet Carmen.Silo/bin/Release/net10.0/Carmen.Silo.dll >"$root/silo$n.log" 2>&1 &
        echo $! >"$root/silo$n.pid"
    done
    wait_ready 5081 && wait_ready 5082
    ASPNETCORE_URLS=http://127.0.0.1:5080 Carmen__Metrics__Port=9464 nohup dotnet Carmen.Api/bin/Release/net10.0/Carmen.Api.dll >"$root/api.log" 2>&1 &
    echo $! >"$root/api.pid"
    wait_ready 5080
    echo "API process: http://127.0.0.1:5080   silos: http://127.0.0.1:5081, http://127.0.0.1:5082   MQTT: 127.0.0.1:1883, 127.0.0.1:1884   logs: $root"
    grep -h "password:" "$root"/silo*.log || true
}

stop() {
    local pids=()
    for name in api silo1 silo2; do
        if [ -f "$root/$name.pid" ]; then
            pids+=("$(cat "$root/$name.pid")")
            rm -f "$root/$name.pid"
        fi
    done
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
    # Silos leave the cluster gracefully (SIGTERM); the database must outlive them.
    for _ in $(seq 1 60); do
        kill -0 "${pids[@]}" 2>/dev/null || break
        sleep 0.5
    done
    "${pg_user[@]}" "$bin/pg_ctl" -D "$root/pg" -w stop >/dev/null 2>&1 || true
}

wait_ready() {
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
        sleep 0.5
    done
    echo "nothing ready on port $1; see the logs in $root" >&2
    return 1
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
