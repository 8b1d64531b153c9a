#!/usr/bin/env bash
# Publishes Carmen and installs it as a systemd service on this Linux machine (run as root from the repository root).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet publish Carmen.Silo -c Release -o /opt/carmen
id carmen >/dev/null 2>&1 || useradd --system --home-dir /var/lib/carmen --shell /usr/sbin/nologin carmen
install -d -o carmen -g carmen -m 0750 /var/lib/carmen
install -d -m 0750 /etc/carmen
[ -f /etc/carmen/carmen.env ] || install -m 0640 /dev/null /etc/carmen/carmen.env
install -m 0644 deploy/systemd/carmen.service /etc/systemd/system/carmen.service
systemctl daemon-reload
systemctl enable --now carmen
echo "Carmen is starting; a generated administrator password (if CARMEN_ADMIN_PASSWORD was not set) is in: journalctl -u carmen"
