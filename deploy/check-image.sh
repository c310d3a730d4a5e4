#!/usr/bin/env bash
# Release check: build the image from ../Dockerfile and prove it runs the way docs/deploy.md says.
#
#   bash deploy/check-image.sh                 # build a local bookworm base, then the image
#   BASE=python:3.12-slim-bookworm bash deploy/check-image.sh   # where a registry is reachable
#
# It checks, on a throwaway container and volume: the container turns healthy, serves the demo
# school, runs as the non-root uid 10001, keeps its data across a restart, and `pleinmunt
# backup` works inside it. It prints the build times and the image size.
#
# Runs with podman (rootful or rootless; no Docker daemon needed). Not part of `make test`: it
# needs root for apt and mmdebstrap, and a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

TAG=${TAG:-localhost/pleinmunt:check}
PORT=${PORT:-18081}
NAME=pleinmunt-check-$$
VOLUME=pleinmunt-check-data-$$
LOCAL_BASE=localhost/pleinmunt-base:bookworm

# shellcheck source=deploy/check/common.sh
source deploy/check/common.sh

cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_container() {
  podman run -d --name "$NAME" -p "127.0.0.1:$PORT:8000" -v "$VOLUME:/data" \
    -e PLEINMUNT_BASE_URL="http://127.0.0.1:$PORT" "$TAG" >/dev/null
}

wait_healthy() {
  local started
  started=$(date +%s)
  # Without systemd podman runs the HEALTHCHECK only when asked: poll it like an orchestrator.
  for _ in $(seq 1 60); do
    if podman healthcheck run "$NAME" >/dev/null 2>&1; then
      echo "healthy $(seconds_since "$started") s after start"
      return
    fi
    sleep 1
  done
  podman logs "$NAME" | tail -n 30
  fail "the container never became healthy"
}

fetch() { curl -fsS --max-time 5 "http://127.0.0.1:$PORT$1"; }

install_tools
containers_conf
BASE=${BASE:-}
if [ -z "$BASE" ]; then
  rootfs_image "$LOCAL_BASE" python3,python3-venv,ca-certificates
  BASE=$LOCAL_BASE
fi

say "Building $TAG from BASE=$BASE"
build_image "$TAG" . --build-arg "BASE=$BASE"
podman image inspect "$TAG" --format 'image size: {{.Size}} bytes' |
  awk '{ printf "%s %s %.0f MB\n", $1, $2, $3 / 1000000 }'

say "Demo school on a fresh volume"
podman volume create "$VOLUME" >/dev/null
demo=$(podman run --rm -v "$VOLUME:/data" "$TAG" pleinmunt demo --base-url "http://127.0.0.1:$PORT")
echo "$demo" | head -n 3
# The first kiosk link the demo printed: its standings prove the school is really served.
kiosk=$(echo "$demo" | grep -o '/kiosk/[a-z0-9-]*?token=[0-9a-f]*' | head -n 1)
[ -n "$kiosk" ] || fail "the demo printed no kiosk link"
slug=${kiosk#/kiosk/}; slug=${slug%%\?*}; token=${kiosk#*token=}
standings() {
  fetch "/api/v1/boards/$slug/standings?token=$token" |
    python3 -c 'import json, sys; s = json.load(sys.stdin); print(len(s["children"]))'
}

say "Serving"
start_container
wait_healthy
[ "$(podman exec "$NAME" id -u)" = 10001 ] || fail "the server does not run as uid 10001"
echo "runs as uid $(podman exec "$NAME" id -u)"
fetch /healthz
echo
# Not `| grep -q`: grep leaving early fails curl's write, and pipefail takes that for a miss.
[[ $(fetch /tablet) == *"<html"* ]] || fail "/tablet did not serve a page"
children=$(standings)
[ "$children" -gt 0 ] || fail "the demo board $slug shows no children"
echo "the demo school is served: board $slug shows $children children"

say "Restart keeps the data"
podman restart "$NAME" >/dev/null
wait_healthy
again=$(standings)
[ "$again" = "$children" ] || fail "after a restart board $slug shows $again children, not $children"
echo "after the restart: board $slug still shows $again children"

say "Backup inside the container"
podman exec "$NAME" pleinmunt backup --to /data/backups
podman exec "$NAME" sh -c 'ls -l /data/backups' | tail -n +2
podman exec "$NAME" sh -c 'test -s "$(ls -1 /data/backups/* | head -n 1)"' ||
  fail "the backup file is missing or empty"

say "Image OK"
