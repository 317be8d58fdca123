#!/usr/bin/env bash
# Source this: makes sure the Debian packages stitch builds with are present.
# As root it installs what is missing with apt-get; otherwise it names them.
STITCH_PACKAGES=(cmake make gcc libc6-dev libgmp-dev libcmocka-dev python3 clang-19 libelf-dev libcapstone-dev)

stitch_missing_packages() {
  local p missing=()
  for p in "${STITCH_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]}"
}

stitch_ensure_packages() {
  local missing
  missing=$(stitch_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "stitch: missing Debian packages: $missing (run as root, or: sudo apt-get install $missing)" >&2
    return 1
  fi
  echo "stitch: installing $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq $missing >&2
}

# Configure (once) and build one CMake preset, incrementally.
stitch_build() {
  local preset=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ ! -f "$root/build/$preset/CMakeCache.txt" ]; then
    (cd "$root" && cmake --preset "$preset" >/dev/null) || return 1
  fi
  cmake --build "$root/build/$preset" -j "$(nproc)"
}
