#!/usr/bin/env bash
# `npm test`: the whole suite, with the real things it talks to.
#  1. Installs what is missing (as root, through apt): a Secret Service (gnome-keyring + D-Bus) for the
#     keyring tests, Chromium for the end-to-end browser tests, secret-tool for checking by hand. When
#     that cannot be done (not root, offline, apt failing) it warns and carries on: the tests that need
#     what is missing are skipped, each saying why. The Chromium it finds is passed to the tests in
#     CODEX_E2E_CHROMIUM (set it yourself to choose another).
#  2. Builds dist/ (the CLI tests run `node bin/codex …` as real processes).
#  3. Runs vitest inside a private D-Bus session with an unlocked keyring, so keyring calls work headless
#     and never touch the developer's own keyring. Extra arguments go to vitest.
# The last line of the output is always `N passed, N failed, N skipped` (or why there are no results);
# the exit code is vitest's.
set -uo pipefail # no -e: a step that fails says so, and the summary line still comes last
cd "$(dirname "$0")/.."

warn() { echo "test.sh: WARNING: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

results="$(mktemp)"
keyring_data=""
no_results="" # why vitest did not run, when it did not
finish() {
  local code=$?
  [[ -z "$keyring_data" ]] || rm -rf "$keyring_data"
  # Every other writer (vitest, the D-Bus session and its filter) has finished by now.
  if [[ -n "$no_results" ]]; then
    echo "test summary unavailable ($no_results)"
  else
    bash scripts/vitest-summary.sh --summary "$results"
  fi
  rm -f "$results"
  exit "$code"
}
trap finish EXIT

find_chromium() {
  if [[ -n "${CODEX_E2E_CHROMIUM:-}" ]]; then
    if [[ -f "$CODEX_E2E_CHROMIUM" && -x "$CODEX_E2E_CHROMIUM" ]]; then
      echo "$CODEX_E2E_CHROMIUM"
      return 0
    fi
    warn "CODEX_E2E_CHROMIUM=$CODEX_E2E_CHROMIUM is not an executable file; looking for chromium on PATH"
  fi
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -qq -o Acquire::Retries=0 -o Acquire::http::Timeout=20 -o Acquire::https::Timeout=20 -o DPkg::Lock::Timeout=120)
  "${apt[@]}" update || warn "apt-get update failed (offline?); trying with the package lists apt already has"
  "${apt[@]}" install -y --no-install-recommends "$@" && return 0
  # One at a time, so that a package apt cannot get does not keep out the others.
  local failed=() package
  for package in "$@"; do
    "${apt[@]}" install -y --no-install-recommends "$package" || failed+=("$package")
  done
  ((${#failed[@]} == 0)) || warn "apt-get could not install ${failed[*]}"
}

missing=()
have dbus-run-session || missing+=(dbus)
have dbus-launch || missing+=(dbus-x11)
have gnome-keyring-daemon || missing+=(gnome-keyring)
have secret-tool || missing+=(libsecret-tools)
find_chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]] && have apt-get; then
    echo "test.sh: installing ${missing[*]}"
    apt_install "${missing[@]}"
  else
    warn "missing ${missing[*]} and cannot install them (needs root and apt-get)"
  fi
fi

if chromium="$(find_chromium)"; then
  export CODEX_E2E_CHROMIUM="$chromium"
else
  unset CODEX_E2E_CHROMIUM
  warn "no Chromium: the browser sign-in tests will be skipped"
fi

if ! npm run build; then
  no_results="the build failed"
  exit 1
fi

if have dbus-run-session && have gnome-keyring-daemon && dbus-run-session -- true 2>/dev/null; then
  keyring_data="$(mktemp -d)"
  # The inner script: start gnome-keyring on this session bus with a throwaway, unlocked login
  # keyring (password "test"), export what it prints, then run the suite. The session's own stderr
  # (dbus-daemon's "Failed to set fd limit" notice) goes through a filter; vitest writes to ours
  # directly (fd 4), and stdout is untouched (fd 3). The filter is part of the pipeline, so it has
  # written everything before the summary line is printed.
  {
    KEYRING_DATA="$keyring_data" CODEX_TEST_RESULTS="$results" dbus-run-session -- bash -c '
      set -uo pipefail
      export XDG_DATA_HOME="$KEYRING_DATA" XDG_RUNTIME_DIR="$KEYRING_DATA/run"
      mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
      while IFS= read -r line; do [[ "$line" == *=* ]] && export "$line"; done \
        < <(printf test | gnome-keyring-daemon --unlock --components=secrets 4>&-)
      export CODEX_TEST_SECRET_SERVICE=1
      exec bash scripts/vitest-summary.sh "$@" 2>&4 4>&-
    ' test.sh "$@" 4>&2 2>&1 1>&3 3>&- | grep -v "Failed to set fd limit" >&2
    code=${PIPESTATUS[0]}
  } 3>&1
else
  warn "no D-Bus session with gnome-keyring: the keyring tests will be skipped"
  # Never the developer's own keyring: without a private session bus there is no bus at all.
  CODEX_TEST_RESULTS="$results" env -u DBUS_SESSION_BUS_ADDRESS bash scripts/vitest-summary.sh "$@"
  code=$?
fi
exit "$code"
