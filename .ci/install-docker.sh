#!/usr/bin/env bash
# Installs and starts what `npm run verify:docker` needs on a fresh Debian 12 machine: the Docker
# engine (Debian's docker.io), the compose v2 and buildx CLI plugins (Debian 13's packages; Debian 12's
# docker-compose 1.29 has no `up --wait`), debootstrap for the stand-in images, git and unzip.
# Safe to run again: each step checks first. Starts dockerd in the background when it is not running.
set -euo pipefail

packages=()
for package in docker.io debootstrap git unzip; do
  dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
done
if ((${#packages[@]} > 0)); then
  echo "Installing Debian packages: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# System-wide, so that every user in the docker group has them (verify:docker runs setup.sh as one).
plugins=/usr/local/lib/docker/cli-plugins
if [ ! -x "$plugins/docker-compose" ] || [ ! -x "$plugins/docker-buildx" ]; then
  echo "Fetching docker-compose and docker-buildx from Debian 13 (trixie)"
  # Trixie's lists live in their own apt state folder: the system's own lists stay as they are.
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources | head -n 1)
  mirror=${mirror:-http://deb.debian.org/debian}
  state=$(mktemp -d)
  trap 'rm -rf "$state"' EXIT
  mkdir -p "$state/lists/partial" "$state/archives/partial"
  echo "deb $mirror trixie main" >"$state/sources.list"
  apt_trixie=(apt-get -qq -o APT::Sandbox::User=root -o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=-
    -o "Dir::State::Lists=$state/lists" -o "Dir::Cache::Archives=$state/archives")
  "${apt_trixie[@]}" update
  (cd "$state" && "${apt_trixie[@]}" download docker-compose docker-buildx)
  mkdir -p "$plugins"
  for deb in "$state"/docker-compose_*.deb "$state"/docker-buildx_*.deb; do
    dpkg-deb -x "$deb" "$state/root"
  done
  install -m 0755 "$(find "$state/root" -path '*cli-plugins/docker-compose' | head -n 1)" "$plugins/docker-compose"
  install -m 0755 "$(find "$state/root" -path '*cli-plugins/docker-buildx' | head -n 1)" "$plugins/docker-buildx"
fi

if ! docker info >/dev/null 2>&1; then
  echo "Starting the Docker engine"
  mkdir -p /var/log/launchpad
  nohup dockerd >/var/log/launchpad/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 /var/log/launchpad/dockerd.log >&2; exit 1; }
fi
echo "Docker $(docker version --format '{{.Server.Version}}'), $(docker compose version --short) compose, buildx $(docker buildx version | cut -d' ' -f2)"
