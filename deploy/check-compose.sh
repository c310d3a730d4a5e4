#!/usr/bin/env bash
# Release check: start deploy/compose.yaml (PostgreSQL, two Pleinmunt instances, Caddy) with
# podman and prove the instances work as one school: both turn healthy, Caddy serves the
# school over https, and a coin given through app1 reaches a kiosk socket held by app2.
#
#   bash deploy/check-compose.sh
#   KEEP=1 bash deploy/check-compose.sh        # leave the stack running afterwards
#
# No registry is reachable from the machines this runs on, so the app, PostgreSQL and Caddy
# images are built from Debian's packages (deploy/check/*.Containerfile); compose.yaml is used
# unchanged otherwise. Not part of `make test`: it needs root and a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=deploy/check/common.sh
source deploy/check/common.sh

PROJECT=pleinmunt-check
HTTPS_PORT=${HTTPS_PORT:-18443}
export PLEINMUNT_IMAGE=${PLEINMUNT_IMAGE:-localhost/pleinmunt:check}
export POSTGRES_IMAGE=localhost/pleinmunt-check-postgres:15
export CADDY_IMAGE=localhost/pleinmunt-check-caddy:2
export CADDY_HTTP_PORT=${HTTP_PORT:-18080} CADDY_HTTPS_PORT=$HTTPS_PORT

compose() {
  podman-compose -p "$PROJECT" -f deploy/compose.yaml "$@" \
    2> >(grep -v -e 'unable to get systemd connection' -e 'connect to syslog' >&2)
}
container() { echo "${PROJECT}_$1_1"; }

cleanup() {
  [ "${KEEP:-}" = 1 ] && return
  compose down -v >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_healthy() {
  local name started
  name=$(container "$1")
  started=$(date +%s)
  for _ in $(seq 1 90); do
    if podman healthcheck run "$name" >/dev/null 2>&1; then
      echo "$1 healthy $(seconds_since "$started") s after start"
      return
    fi
    sleep 1
  done
  podman logs "$name" 2>&1 | tail -n 30
  fail "$1 never became healthy"
}

install_tools podman-compose
containers_conf

say "Images from Debian's packages"
rootfs_image localhost/pleinmunt-base:bookworm python3,python3-venv,ca-certificates
rootfs_image localhost/pleinmunt-postgres-base:bookworm postgresql-15
rootfs_image localhost/pleinmunt-caddy-base:bookworm caddy,ca-certificates
build_image "$PLEINMUNT_IMAGE" . --build-arg BASE=localhost/pleinmunt-base:bookworm
build_image "$POSTGRES_IMAGE" deploy/check -f deploy/check/postgres.Containerfile
build_image "$CADDY_IMAGE" deploy/check -f deploy/check/caddy.Containerfile

say "Starting the stack ($PROJECT)"
compose down -v >/dev/null 2>&1 || true
started=$(date +%s)
# Both instances start together, as an orchestrator would start them: the migrations take an
# advisory lock on PostgreSQL, so the second waits for the first instead of racing it.
compose up -d --no-build >/dev/null
wait_healthy app1
wait_healthy app2
echo "stack up in $(seconds_since "$started") s"

say "The demo school, loaded through app1"
demo=$(podman exec "$(container app1)" pleinmunt demo --base-url https://pleinmunt.localhost)
echo "$demo" | head -n 3
kiosk=$(echo "$demo" | grep -o '/kiosk/[a-z0-9-]*?token=[0-9a-f]*' | head -n 1)
[ -n "$kiosk" ] || fail "the demo printed no kiosk link"
read -r username password < <(echo "$demo" | sed -n 's/.*sign in: \([^ ]*\) \/ \([^ ]*\).*/\1 \2/p')

say "Caddy serves the school over https"
curl -fsSk --max-time 10 --resolve "pleinmunt.localhost:$HTTPS_PORT:127.0.0.1" \
  "https://pleinmunt.localhost:$HTTPS_PORT/healthz"
echo
tablet=$(curl -fsSk --max-time 10 --resolve "pleinmunt.localhost:$HTTPS_PORT:127.0.0.1" \
  "https://pleinmunt.localhost:$HTTPS_PORT/tablet")
[[ $tablet == *"<html"* ]] || fail "Caddy did not serve the tablet page"
echo "https://pleinmunt.localhost:$HTTPS_PORT/tablet is served through Caddy"

say "A coin through one instance reaches a kiosk on the other"
for pair in "app1 app2" "app2 app1"; do
  read -r give watch <<<"$pair"
  podman cp deploy/check/cross_instance.py "$(container "$give"):/tmp/cross_instance.py"
  podman exec "$(container "$give")" python /tmp/cross_instance.py \
    "http://$give:8000" "http://$watch:8000" "$kiosk" "$username" "$password"
done

say "All checks passed"
