#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Onsite needs.
# Idempotent and non-interactive; run as root (or with sudo) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
  qml6-module-qttest qml6-module-qtquick-dialogs qml6-module-qtcore
  qt6-multimedia-dev qml6-module-qtmultimedia libqt6svg6
  qt6-positioning-dev libexif-dev
  libgl1-mesa-dev libsqlite3-dev sqlite3 libboost-dev libgtest-dev libgmock-dev
  libsodium-dev libpq-dev libssl-dev openssl postgresql qt6-qpa-plugins ccache zlib1g-dev
  libxlsxwriter-dev poppler-utils python3-openpyxl chromium curl
  fonts-noto-cjk fonts-wqy-microhei xvfb xauth
  # tests/deploy: the package's postinst (adduser), systemd-analyze and the unit's system
  # call filter (python3-seccomp), nginx
  adduser systemd python3-seccomp nginx
)

# The console (web/) is built with the machine's Node.js and npm. Where there are none,
# Debian's are installed; an installed Node.js (from Debian or elsewhere) is left alone.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
else
  echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "setup: done"
fi

# Vite 8 needs Node.js 20.19 or later (Debian 12's own is 18): say so now rather than
# leave the console out of the build without a word.
node_version=$(node --version 2>/dev/null || echo none)
if ! printf '%s\n' "v20.19.0" "$node_version" | sort -V -C 2>/dev/null || [ "$node_version" = none ]; then
  echo "setup: warning: Node.js $node_version is older than 20.19: the HQ console (web/) will not be built" >&2
fi
