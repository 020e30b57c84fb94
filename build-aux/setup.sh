# build-aux/setup.sh: shared by build-aux/run and build-aux/test
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what Descent needs on Debian or Ubuntu, then configures and builds it in _build.

DESCENT_PACKAGES="gcc pkg-config meson ninja-build libglib2.0-dev libcsv-dev gettext libcairo2-dev libpango1.0-dev zlib1g-dev libgtk-4-dev adwaita-icon-theme fonts-dejavu-core fonts-noto-cjk"

descent_root=$(cd "$(dirname "$0")/.." && pwd)
descent_build="$descent_root/_build"

descent_missing_packages () {
  missing=""
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $package"
    fi
  done
  echo "$missing"
}

descent_install_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "descent: this script installs packages on Debian or Ubuntu only." >&2
    echo "descent: elsewhere install: $* (or your system's names for them), then run meson." >&2
    exit 1
  fi
  missing=$(descent_missing_packages "$@")
  [ -z "$missing" ] && return 0

  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "descent: missing packages:$missing; run as root or install sudo." >&2
    exit 1
  fi
  echo "descent: installing$missing" >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q >&2 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing >&2
}

descent_build () {
  if [ ! -f "$descent_build/build.ninja" ]; then
    meson setup "$descent_build" "$descent_root" "$@" >&2
  fi
  ninja -C "$descent_build" >&2
}
