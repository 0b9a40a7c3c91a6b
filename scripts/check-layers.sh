#!/usr/bin/env bash
# The dependency rule between the app's layers (README, "Architecture"): pages → components
# → api → db; every layer may use domain and model; nothing imports a layer above it. Fails, naming the file and line, when an import
# crosses the rule (`crate::x` paths and grouped `crate::{x, …}` imports alike).
set -euo pipefail
cd "$(dirname "$0")/../app/src"

# layer folder: the modules it must not reach
rules=(
  "api:pages components"
  "components:pages db"
  "db:pages api components events mail state"
  "model:pages api db components auth state events mail forms"
  "domain:pages api db components auth state events mail forms model"
)

failed=0
for rule in "${rules[@]}"; do
  layer="${rule%%:*}"
  for banned in ${rule#*:}; do
    hits=$(grep -rnE "crate::${banned}\b|crate::\{[^}]*\b${banned}\b" "$layer" || true)
    if [ -n "$hits" ]; then
      echo "layer rule broken: $layer must not use $banned"
      echo "$hits" | sed 's/^/  app\/src\//'
      failed=1
    fi
  done
done
if [ "$failed" = 1 ]; then
  exit 1
fi
echo "layers: pages → components → api → db, with domain and model below all: no import crosses the rule"
