#!/usr/bin/env bash
# `npm test`: the whole suite, with the real things it talks to.
#  1. Installs what is missing (as root, through apt): a Secret Service (gnome-keyring + D-Bus) for the
#     keyring tests, Chromium for the end-to-end browser tests, secret-tool for checking by hand.
#  2. Builds dist/ (the CLI tests run `node bin/codex …` as real processes).
#  3. Runs vitest inside a private D-Bus session with an unlocked keyring, so keyring calls work headless
#     and never touch the developer's own keyring. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
command -v dbus-launch >/dev/null 2>&1 || missing+=(dbus-x11)
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || missing+=(libsecret-tools)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: WARNING: missing ${missing[*]} and cannot install them (needs root and apt-get);" \
      "keyring and browser tests will be skipped" >&2
  fi
fi

npm run build

if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  keyring_data="$(mktemp -d)"
  trap 'rm -rf "$keyring_data"' EXIT
  # The inner script: start gnome-keyring on this session bus with a throwaway, unlocked login
  # keyring (password "test"), export what it prints, then run the suite.
  KEYRING_DATA="$keyring_data" dbus-run-session -- bash -c '
    set -euo pipefail
    export XDG_DATA_HOME="$KEYRING_DATA" XDG_RUNTIME_DIR="$KEYRING_DATA/run"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    while IFS= read -r line; do [[ "$line" == *=* ]] && export "$line"; done \
      < <(printf test | gnome-keyring-daemon --unlock --components=secrets)
    export CODEX_TEST_SECRET_SERVICE=1
    bash scripts/vitest-summary.sh "$@"
  ' test.sh "$@" 2> >(grep -v "Failed to set fd limit" >&2)
else
  echo "test.sh: WARNING: no D-Bus / gnome-keyring: keyring tests will be skipped" >&2
  bash scripts/vitest-summary.sh "$@"
fi
