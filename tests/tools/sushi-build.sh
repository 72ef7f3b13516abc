#!/usr/bin/env bash
# Compiles fhir-profiles/ with SUSHI offline (hl7.fhir.r4.core from tests/tools/build-fhir-cache.mjs).
# Usage: tests/tools/sushi-build.sh          rebuild fhir-profiles/fsh-generated in place
#        tests/tools/sushi-build.sh --check  build into a scratch copy and fail if the committed
#                                            fsh-generated differs from it (what CI runs)
# Fails on any SUSHI error, and on any warning other than the expected ones listed below, so the FSH
# stays clean rather than collecting warnings nobody reads.
set -euo pipefail
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$tools/../.." && pwd)"
profiles="$root/fhir-profiles"
mode="${1:-build}"
case "$mode" in build|--check) ;; *) echo "usage: $0 [--check]" >&2; exit 2 ;; esac

command -v node >/dev/null 2>&1 || { echo "node is not on PATH: install Node 22.18 or newer (tests/run-tests.sh installs one)." >&2; exit 1; }
[ -x "$tools/node_modules/.bin/sushi" ] || {
  echo "tests/tools/node_modules is missing: run tests/run-tests.sh (or npm ci --prefix tests/tools) first." >&2; exit 1; }

fhir_home="$(node "$tools/build-fhir-cache.mjs")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$profiles/sushi-config.yaml" "$work/"
cp -r "$profiles/input" "$work/input"

status=0
HOME="$fhir_home" "$tools/node_modules/.bin/sushi" build "$work" >"$work/sushi.log" 2>&1 || status=$?

# Expected warnings, both caused by building offline with FSHOnly:
# - SUSHI always tries to add hl7.fhir.uv.tools, hl7.terminology and hl7.fhir.uv.extensions; none is
#   reachable here and no FSH here uses them.
# - id and name in sushi-config.yaml are only read when an ImplementationGuide is generated; they are
#   kept to name the package.
unexpected="$(grep -E '^(warn|error)' "$work/sushi.log" \
  | grep -vE '^warn +Failed to load automatically-provided (hl7\.fhir\.uv\.tools\.r4|hl7\.terminology\.r4|hl7\.fhir\.uv\.extensions\.r4)#latest$' \
  | grep -vE '^warn +The FSHOnly property is set to true, so no output specific to IG creation will be generated' || true)"
if [ "$status" -ne 0 ] || [ -n "$unexpected" ]; then
  cat "$work/sushi.log" >&2
  echo "sushi-build: SUSHI exited $status; unexpected errors or warnings:" >&2
  echo "$unexpected" >&2
  exit 1
fi

if [ "$mode" = "--check" ]; then
  if ! diff -r "$profiles/fsh-generated" "$work/fsh-generated" >"$work/diff.txt" 2>&1; then
    head -n 80 "$work/diff.txt" >&2
    echo "sushi-build: fhir-profiles/fsh-generated is not what the FSH compiles to; run tests/tools/sushi-build.sh and commit the result." >&2
    exit 1
  fi
  echo "sushi-build: fhir-profiles/fsh-generated matches a fresh build ($(ls "$work/fsh-generated/resources" | wc -l) resources)."
else
  rm -rf "$profiles/fsh-generated"
  cp -r "$work/fsh-generated" "$profiles/fsh-generated"
  echo "sushi-build: wrote $(ls "$profiles/fsh-generated/resources" | wc -l) resources to fhir-profiles/fsh-generated."
fi
