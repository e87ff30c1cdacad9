#!/usr/bin/env bash
# The one entry point behind every npm script: brings Node 24 and the dependencies
# (and Chromium for browser tests) when they are missing, then runs the task.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KR_ROOT"

usage() {
  cat <<'USAGE'
Usage: bash scripts/run.sh <task> [args]   (or: npm start | npm test | npm run <task>)

  start    install what is missing, build the site from content/ and serve it
           (http://127.0.0.1:4321; PORT=... to change; --verbose: every route in the build log)
  build    build the site into dist/ (--verbose: every route in the log; other options go to
           astro build, e.g. --outDir)
  test     run every test: unit tests (vitest) and browser tests (Playwright, Chromium)
  sync     refresh content/ from upstream data (npm run sync -- --help)
  bench    measure sync, build and page weights (npm run bench -- --help)
  check    type-check (astro check) and lint (biome)
  screenshots  every page type at 1280 and 390 px, light and dark, into .cache/screenshots/
USAGE
}

# Debian's Chromium for Playwright when no browser is there; Playwright cannot download its own here.
kr_ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if [ -x /usr/bin/chromium ] || compgen -G "$HOME/.cache/ms-playwright/chromium-*" >/dev/null; then return; fi
  kr_log "Chromium is missing; installing Debian's chromium package"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 \
    || { kr_log "could not install Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH"; exit 1; }
}

# Local tools first on PATH: no npx, so no npm start-up cost or npm warnings around every tool.
export PATH="$KR_ROOT/node_modules/.bin:$PATH"

task="${1:-}"
[ $# -gt 0 ] && shift

# --verbose: the build log shows every route (src/integrations/build-log.ts) rather than
# Astro's debug output, which is what `astro build --verbose` itself would turn on.
kr_args=()
for arg in "$@"; do
  if [ "$arg" = "--verbose" ] && { [ "$task" = build ] || [ "$task" = start ]; }; then export KEP_RADAR_VERBOSE=1
  else kr_args+=("$arg"); fi
done
set -- ${kr_args[@]+"${kr_args[@]}"}
case "$task" in
  start)
    kr_ensure_deps
    kr_log "building the site from content/"
    astro build
    kr_log "serving dist/ on http://127.0.0.1:${PORT:-4321}/ (Ctrl-C to stop)"
    exec astro preview --host 127.0.0.1 --port "${PORT:-4321}"
    ;;
  build)
    kr_ensure_deps
    exec astro build "$@"
    ;;
  sync)
    kr_ensure_deps
    exec node scripts/sync.ts "$@"
    ;;
  bench)
    kr_ensure_deps
    kr_ensure_chromium
    exec node scripts/bench.ts "$@"
    ;;
  screenshots)
    kr_ensure_deps
    kr_ensure_chromium
    exec node scripts/screenshots.ts "$@"
    ;;
  check)
    kr_ensure_deps
    astro check
    # A warning (noDescendingSpecificity and the like) fails the check too: none are let in.
    exec biome check --error-on-warnings .
    ;;
  test)
    kr_ensure_deps
    kr_ensure_chromium
    exec node scripts/test.ts "$@"
    ;;
  -h|--help|help|"")
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
