# Shared by deploy/check-image.sh and deploy/check-compose.sh: podman in a sandbox without
# systemd or a registry, and base images built locally from Debian's packages.
# Source it; it defines functions only.

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

install_tools() {
  local missing=()
  for tool in podman mmdebstrap iptables "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || fail "install first: apt-get install podman buildah mmdebstrap uidmap slirp4netns fuse-overlayfs runc podman-compose netavark aardvark-dns iptables"
  say "Installing podman and mmdebstrap from Debian's packages"
  apt-get update -qq || true
  # runc, not crun: crun refuses hosts with hybrid cgroups, such as the CI machines.
  # netavark (with iptables) and aardvark-dns: compose services find each other by name.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah mmdebstrap uidmap \
    slirp4netns fuse-overlayfs runc podman-compose netavark aardvark-dns iptables >/dev/null
}

# Containers in a sandbox: cgroupfs without systemd, file events, limits root may not raise.
containers_conf() {
  local dir
  dir=$(mktemp -d)
  cat >"$dir/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
[network]
# netavark gives compose services DNS names; the CNI plugins are not installed.
network_backend = "netavark"
CONF
  export CONTAINERS_CONF="$dir/containers.conf"
}

# Without systemd podman logs an error each time it would schedule the health check timer.
podman() { command podman "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }

# rootfs_image TAG PACKAGES: a Debian bookworm root with these packages, imported as TAG.
# Where a registry is reachable, the public images (python:*-slim, postgres, caddy) do instead.
rootfs_image() {
  local tag=$1 packages=$2 started tarball
  if podman image exists "$tag"; then return; fi
  say "Building $tag with mmdebstrap (Debian bookworm: $packages)"
  started=$(date +%s)
  tarball=$(mktemp --suffix=.tar)
  # A mirror that hiccups fails the whole root; one more try is cheaper than a rerun.
  mmdebstrap --quiet --variant=minbase --include="$packages" bookworm "$tarball" ||
    mmdebstrap --quiet --variant=minbase --include="$packages" bookworm "$tarball"
  podman import --quiet "$tarball" "$tag" >/dev/null
  rm -f "$tarball"
  echo "$tag built in $(seconds_since "$started") s"
}

# build_image TAG CONTEXT [podman build args ...]: docker format (OCI drops HEALTHCHECK), with
# the host's CA bundle mounted (not baked in) so pip inside the build verifies TLS.
build_image() {
  local tag=$1 context=$2 started
  shift 2
  local args=(--format docker -t "$tag" "$@")
  [ -r "$CA_BUNDLE" ] && args+=(-v "$CA_BUNDLE:$CA_BUNDLE:ro")
  started=$(date +%s)
  podman build --quiet "${args[@]}" "$context" >/dev/null
  echo "$tag built in $(seconds_since "$started") s"
}
