# Installs the npm oracles under tests/oracles/ from their committed lockfiles; sourced by
# scripts/test and scripts/example, run from the repository root.
#
#   install_oracle DIR      runs `npm ci` in DIR unless its node_modules is complete
#   install_all_oracles     install_oracle for every tests/oracles/*/ with a package.json
#
# Messages go to stderr, prefixed with the calling script (`scripts/test: ...`). A missing npm,
# a missing lockfile or a failing install exits the calling script with status 1.

oracle_script_name="scripts/$(basename "$0")"

install_oracle() {
  local dir=$1
  # npm writes node_modules/.package-lock.json last: without it the install is missing or partial.
  if [ -f "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "$oracle_script_name: npm is needed to install the oracle in $dir, but it is not on PATH" >&2
    exit 1
  fi
  if [ ! -f "$dir/package-lock.json" ]; then
    echo "$oracle_script_name: $dir has no package-lock.json to install from" >&2
    exit 1
  fi
  echo "$oracle_script_name: installing $dir from its lockfile (npm ci)" >&2
  if ! (cd "$dir" && npm ci --no-audit --no-fund); then
    echo "$oracle_script_name: npm ci failed in $dir" >&2
    exit 1
  fi
}

install_all_oracles() {
  local manifest
  for manifest in tests/oracles/*/package.json; do
    install_oracle "$(dirname "$manifest")"
  done
}
