#!/usr/bin/env bash
# Source me: puts a Node >= 24 first on PATH, installing the pinned one from the
# npm registry (package node-linux-<arch>) into .cache/ when the machine's is older.
# Astro 7 refuses Node < 22.12; we pin 24 LTS (.nvmrc).
set -euo pipefail
KR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KR_NODE_VERSION="$(tr -d ' \n' < "$KR_ROOT/.nvmrc")"
# No colour codes in a log file or a pipe (Astro, Vite, vitest and Playwright all honour NO_COLOR;
# FORCE_COLOR is left alone, since Node warns when both are set), and no telemetry or its notice.
if [ ! -t 1 ] && [ -z "${FORCE_COLOR:-}" ]; then export NO_COLOR=1; fi
export ASTRO_TELEMETRY_DISABLED=1
kr_log() {
  if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then printf '\033[2m[kep-radar]\033[0m %s\n' "$*" >&2
  else printf '[kep-radar] %s\n' "$*" >&2; fi
}

kr_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(kr_node_major)" -lt 24 ]; then
  case "$(uname -m)" in
    x86_64) kr_arch=x64 ;;
    aarch64|arm64) kr_arch=arm64 ;;
    *) kr_log "no prebuilt Node for $(uname -m): install Node $KR_NODE_VERSION yourself"; exit 1 ;;
  esac
  kr_prefix="$KR_ROOT/.cache/node-$KR_NODE_VERSION"
  kr_bin="$kr_prefix/node_modules/node-linux-$kr_arch/bin"
  if [ ! -x "$kr_bin/node" ]; then
    kr_log "Node $(node --version 2>/dev/null || echo 'missing') is too old; fetching Node $KR_NODE_VERSION from the npm registry (once)"
    mkdir -p "$kr_prefix"
    npm install --silent --no-audit --no-fund --no-save --prefix "$kr_prefix" "node-linux-$kr_arch@$KR_NODE_VERSION" >&2
  fi
  export PATH="$kr_bin:$PATH"
fi

# Install (or refresh) dependencies when the lockfile changed since the last install.
kr_ensure_deps() {
  local stamp="$KR_ROOT/node_modules/.kr-installed"
  if [ ! -f "$stamp" ] || [ "$KR_ROOT/package-lock.json" -nt "$stamp" ] || [ "$KR_ROOT/package.json" -nt "$stamp" ]; then
    kr_log "installing dependencies with npm (node $(node --version))"
    # `npm ci` fails on this registry (lockfile lists other OSes' binaries): npm install keeps the lock as is.
    (cd "$KR_ROOT" && npm install --no-audit --no-fund --loglevel=error >&2)
    touch "$stamp"
  fi
}
