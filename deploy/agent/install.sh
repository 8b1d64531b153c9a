#!/usr/bin/env bash
# Installs the edge agent on this device: binary to /usr/local/bin, configuration to /etc/carmen-agent (an existing
# one is kept), the systemd unit, and starts it once the configuration validates.
#   sudo deploy/agent/install.sh [path/to/carmen-agent] [--token <device access token>] [--host <carmen host>]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) echo "Unsupported architecture $(uname -m)." >&2; exit 1 ;;
esac

binary="$here/../../out/agent/$rid/carmen-agent"
token="" host=""
while [ $# -gt 0 ]; do
    case "$1" in
        --token) token="$2"; shift 2 ;;
        --host) host="$2"; shift 2 ;;
        *) binary="$1"; shift ;;
    esac
done
[ -x "$binary" ] || { echo "No agent binary at $binary; run deploy/agent/publish.sh first or pass its path." >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "Run as root." >&2; exit 1; }

install -m 0755 "$binary" /usr/local/bin/carmen-agent
install -d -m 0750 /etc/carmen-agent /var/lib/carmen-agent
if [ ! -f /etc/carmen-agent/agent.json ]; then
    install -m 0640 "$here/agent.json" /etc/carmen-agent/agent.json
fi
# Token and host go to the environment file rather than editing the JSON; CARMEN_AGENT_ variables override it.
if [ -n "$token" ] || [ -n "$host" ]; then
    umask 077
    {
        [ -n "$token" ] && echo "CARMEN_AGENT_ACCESSTOKEN=$token"
        [ -n "$host" ] && echo "CARMEN_AGENT_SERVER__HOST=$host"
    } > /etc/carmen-agent/agent.env
fi
install -m 0644 "$here/carmen-agent.service" /etc/systemd/system/carmen-agent.service

set -a
# shellcheck disable=SC1091
[ -f /etc/carmen-agent/agent.env ] && . /etc/carmen-agent/agent.env
set +a
if /usr/local/bin/carmen-agent check --config /etc/carmen-agent/agent.json; then
    systemctl daemon-reload
    systemctl enable --now carmen-agent
    echo "carmen-agent is running: journalctl -u carmen-agent -f"
else
    echo "Installed, not started: fix /etc/carmen-agent/agent.json (see above), then: systemctl enable --now carmen-agent" >&2
    exit 1
fi
