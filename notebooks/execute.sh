#!/usr/bin/env bash
# Executes the notebooks of this folder with Jupyter (nbconvert + the rapaio Java kernel) and fails
# when a cell throws. Run by `mvn verify` (module notebooks, integration-test phase); by hand:
#   bash notebooks/execute.sh [OUTPUT_DIR [CELL_TIMEOUT_SECONDS [NOTEBOOK.ipynb ...]]]
# Executed copies go to OUTPUT_DIR (default notebooks/target/executed), logs to OUTPUT_DIR/logs;
# the notebooks themselves are never modified, and must be committed without outputs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/target/executed}"
cell_timeout="${2:-600}"
shift $(( $# < 2 ? $# : 2 ))
if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  notebooks=("$here"/[0-9]*.ipynb)
fi

if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "notebooks: 'jupyter nbconvert' not found. Install Debian's jupyter-nbconvert python3-nbconvert" \
       "python3-nbclient python3-ipykernel jupyter-notebook (bash .ci/run does), or skip the notebooks" \
       "with -Dnotebooks.skip=true" >&2
  exit 1
fi
jar="$here/../cli/target/recoil.jar"
if [ ! -f "$jar" ]; then
  echo "notebooks: $jar is missing; build it first (mvn -B -DskipTests -pl cli -am package)" >&2
  exit 1
fi

# Sources stay free of outputs: executed copies are build products.
for nb in "${notebooks[@]}"; do
  if ! python3 - "$nb" <<'EOF'
import json, sys
path = sys.argv[1]
cells = json.load(open(path, encoding="utf-8"))["cells"]
dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count") is not None]
if dirty:
    print(f"notebooks: {path} has outputs in cells {dirty}; commit notebooks without outputs:"
          f" jupyter nbconvert --clear-output --inplace {path}", file=sys.stderr)
    sys.exit(1)
EOF
  then
    exit 1
  fi
done

mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"
passed=0
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  log="$out/logs/$name.log"
  start=$(date +%s%N)
  status=FAILED
  # rapaio-jupyter-kernel (3.0.1, and 2.3.0 alike) sometimes never answers its first kernel_info
  # request: one of its two message loops (shell, control) ends during start-up, seen in about 1 start
  # in 5 on 2 busy cores whether the client connects at once or seconds later. nbclient then gives up
  # after startup_timeout. Only that start-up failure is retried, each time with a longer timeout;
  # its log is kept as <notebook>.log.start-failure-<timeout>. A failing cell is never retried.
  for startup_timeout in 8 15 30 60 60 60; do
    if (cd "$(dirname "$nb")" && jupyter nbconvert --to notebook --execute --output-dir "$out" \
          --ExecutePreprocessor.timeout="$cell_timeout" --ExecutePreprocessor.startup_timeout="$startup_timeout" \
          "$(basename "$nb")") >"$log" 2>&1; then
      status=passed
      break
    fi
    if ! grep -q -e "Kernel didn't respond in" -e 'Kernel died before replying to kernel_info' "$log"; then
      break
    fi
    cp "$log" "$log.start-failure-$startup_timeout"
    echo "notebook $name: the Java kernel did not start within $startup_timeout s, starting it again"
  done
  if [ "$status" = passed ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  seconds=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'notebook %s: %s in %d.%03d s\n' "$name" "$status" $((seconds / 1000)) $((seconds % 1000))
  if [ "$status" = FAILED ]; then
    # nbconvert's report of the failing cell (the kernel's own INFO log lines left out)
    echo "---- from $log ----"
    if grep -q 'CellExecutionError' "$log"; then
      sed -n '/CellExecutionError/,$p' "$log" | grep -v '^\[20[0-9-]* [0-9:]*\] \[' | sed 's/\x1b\[[0-9;]*m//g' || true
    else
      grep -v '^\[20[0-9-]* [0-9:]*\] \[' "$log" | tail -n 40 || true
    fi
    echo "----"
  fi
done
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
