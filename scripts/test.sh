#!/usr/bin/env bash
# Runs Berth's whole test suite: unit, server and integration tests with real clients (skopeo, podman,
# docker, Jib). Installs the Debian packages the integration tests need, once (idempotent), then runs
# `mvn verify`. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(skopeo podman docker.io umoci busybox-static awscli python3-boto3 curl jq)

install_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "test.sh: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  fi
}

pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
    return
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      return
    fi
  done
  echo "test.sh: Berth needs a JDK 21 or newer; set JAVA_HOME" >&2
  exit 1
}

install_packages
pick_java_home
echo "test.sh: JAVA_HOME=$JAVA_HOME"
mvn -B -ntp verify "$@"
