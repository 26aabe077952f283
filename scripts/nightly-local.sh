#!/usr/bin/env bash
# The nightly job's dyno steps — the same script .github/workflows/nightly.yml calls, so
# what runs here is what runs in CI.
#
#   scripts/nightly-local.sh                 every shard one after another, then finish
#   scripts/nightly-local.sh shard I N       one shard (a CI matrix job)
#   scripts/nightly-local.sh finish          merge, compare with the previous night,
#                                            history, report, publish
#
# Environment (all optional):
#   DYNO          the dyno binary                   (target/release/dyno)
#   DYNO_CONFIG   the nightly's dyno.toml           (.github/nightly.toml)
#   DYNO_RUN_ID   one id for every shard of a night (nightly-<UTC time>)
#   SHARDS        shards for the local mode         (3)
#   WORK          working directory                 (nightly/)
#                   WORK/shards/      the shards' results files
#                   WORK/night/       the merged night
#                   WORK/previous/    the last night's results (compared against)
#                   WORK/history.db   every night (dyno history)
#   SITE          where the report is published     (WORK/site)
#   SUMMARY       Markdown summary file             ($GITHUB_STEP_SUMMARY or WORK/summary.md)
#   ALLOW_PARTIAL 1 = merge and publish with shards missing (marked partial)
#   TEST262_DIR   a test262 checkout (else the config's [test262] dir)
#
# Exit status: 0, or 1 when tests newly fail compared with the previous night
# (conformance regressions); benchmark regressions are reported, not fatal. Anything
# else (2) is dyno unable to do its job.
set -euo pipefail
cd "$(dirname "$0")/.."

DYNO="${DYNO:-target/release/dyno}"
DYNO_CONFIG="${DYNO_CONFIG:-.github/nightly.toml}"
WORK="${WORK:-nightly}"
SITE="${SITE:-$WORK/site}"
SUMMARY="${SUMMARY:-${GITHUB_STEP_SUMMARY:-$WORK/summary.md}}"
SHARDS="${SHARDS:-3}"
export DYNO_RUN_ID="${DYNO_RUN_ID:-nightly-$(date -u +%Y%m%dT%H%M%SZ)}"

log() { printf '== %s\n' "$*" >&2; }

shard() {
  local i="$1" n="$2"
  log "shard $i/$n of $DYNO_RUN_ID"
  mkdir -p "$WORK/shards"
  local file="$WORK/shards/results.shard-$i-of-$n.json"
  if [ -e "$file" ] && [ ! -e "$file.partial.jsonl" ]; then
    log "shard $i/$n already finished: $file"
  elif [ -e "$file.partial.jsonl" ]; then
    # A re-run of a shard job on the same machine continues where it stopped.
    "$DYNO" --config "$DYNO_CONFIG" run --resume "$file"
  else
    "$DYNO" --config "$DYNO_CONFIG" run --shard "$i/$n" --run-id "$DYNO_RUN_ID" \
      --out "$WORK/shards" --no-report
  fi
}

finish() {
  local partial=()
  [ "${ALLOW_PARTIAL:-0}" = 1 ] && partial=(--allow-partial)
  mkdir -p "$WORK/night" "$(dirname "$SUMMARY")"
  shopt -s nullglob
  local files=("$WORK"/shards/results.shard-*.json)
  shopt -u nullglob
  if [ ${#files[@]} -eq 0 ]; then
    echo "error: no shard results in $WORK/shards; run the shards first" >&2
    exit 2
  fi
  log "merge ${#files[@]} shard(s)"
  "$DYNO" merge "${files[@]}" --out "$WORK/night/results.json" "${partial[@]}"
  # The shards live on in the merged night; the next night starts from none.
  rm -rf "$WORK/shards"

  local regressed=0
  if [ -f "$WORK/previous/results.json" ]; then
    log "compare with the previous night"
    # --force: hosted CI machines differ night to night; conformance verdicts do not
    # depend on the machine, and dyno notes every environment difference it forces past.
    local rc=0
    "$DYNO" --format md compare "$WORK/previous/results.json" "$WORK/night/results.json" \
      --force --fail-on conformance > "$WORK/night/compare.md" || rc=$?
    case "$rc" in
      0) ;;
      1) regressed=1 ;;
      *) echo "error: dyno compare failed (exit $rc)" >&2; exit "$rc" ;;
    esac
  else
    log "no previous night in $WORK/previous; nothing to compare with"
    echo "First night: nothing to compare with." > "$WORK/night/compare.md"
  fi

  log "history"
  "$DYNO" history --db "$WORK/history.db" import "$WORK/night/results.json"
  "$DYNO" --format md history --db "$WORK/history.db" trend > "$WORK/night/trend.md"

  log "report → $SITE"
  "$DYNO" report "$WORK/night/results.json" --history "$WORK/history.db" \
    --publish "$SITE" "${partial[@]}"

  {
    cat "$SITE/summary.md"
    printf '\n## Compared with the previous night\n\n'
    cat "$WORK/night/compare.md"
    printf '\n## History\n\n'
    cat "$WORK/night/trend.md"
  } >> "$SUMMARY"

  # This night becomes the one the next night compares with.
  mkdir -p "$WORK/previous"
  cp "$WORK/night/results.json" "$WORK/previous/results.json.tmp"
  mv "$WORK/previous/results.json.tmp" "$WORK/previous/results.json"

  if [ "$regressed" = 1 ]; then
    echo "conformance regressions against the previous night: see $WORK/night/compare.md" >&2
    exit 1
  fi
}

case "${1:-all}" in
  shard)
    [ $# -eq 3 ] || { echo "usage: $0 shard I N" >&2; exit 2; }
    shard "$2" "$3"
    ;;
  finish) finish ;;
  all)
    rm -rf "$WORK/shards" "$WORK/night"
    for i in $(seq 1 "$SHARDS"); do shard "$i" "$SHARDS"; done
    finish
    ;;
  *) echo "usage: $0 [shard I N | finish]" >&2; exit 2 ;;
esac
