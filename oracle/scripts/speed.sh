#!/usr/bin/env bash
# Speed, side by side in one run (issue 7): a cold `bgspec validate` of a revision directory
# (buildspec.yml + appspec.yaml + taskdef.json and the cross-file rules, one fresh process per run)
# against cfn-lint on its taskdef.json alone (wrapped as an AWS::ECS::TaskDefinition by td2cfn.py,
# conversion not timed) and botocore's parameter validation of the same taskdef.json
# (scripts/bcvalidate.py --strict, Python start-up included, as a user would run it).
#
# usage: oracle/scripts/speed.sh [REVISION_DIR]   (default: the seed revision, see below)
# env:   RUNS_BGSPEC (default 30), RUNS_PY (default 5), TARGET (default 60: required cfn-lint/bgspec ratio)
# Uses hyperfine when installed (apt-get install hyperfine), else a loop timed with date +%s%N.
# Exits 1 when bgspec is less than TARGET times faster than cfn-lint, 2 on setup errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
RUNS_BGSPEC=${RUNS_BGSPEC:-30}
RUNS_PY=${RUNS_PY:-5}
TARGET=${TARGET:-60}

die() { echo "speed: $*" >&2; exit 2; }

dir=${1:-}
if [ -z "$dir" ]; then
  # the seed revision: the talk's three files, wherever the repo keeps them
  for d in examples/seed testdata/seed revision/testdata/seed cmd/bgspec/testdata/seed internal/cli/testdata/seed; do
    if [ -f "$d/taskdef.json" ] && [ -f "$d/appspec.yaml" ] && [ -f "$d/buildspec.yml" ]; then dir=$d; break; fi
  done
  [ -n "$dir" ] || die "no seed revision found; pass a directory holding buildspec.yml, appspec.yaml and taskdef.json"
fi
for f in buildspec.yml appspec.yaml taskdef.json; do
  [ -f "$dir/$f" ] || die "$dir/$f is missing"
done
command -v python3 >/dev/null || die "python3 is missing"
command -v cfn-lint >/dev/null || die "cfn-lint is missing"
python3 -c 'import botocore' 2>/dev/null || die "botocore is missing"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/bgspec" ./cmd/bgspec || die "go build ./cmd/bgspec failed"
python3 oracle/scripts/td2cfn.py "$tmp/cfn" "$dir/taskdef.json" >/dev/null
tmpl=$(ls "$tmp"/cfn/*.cfn.json)

export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1
: >"$tmp/aws-config"; export AWS_CONFIG_FILE="$tmp/aws-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/aws-config"

bg_cmd=("$tmp/bgspec" validate "$dir")
cfn_cmd=(cfn-lint -- "$tmpl")
bc_cmd=(python3 oracle/scripts/bcvalidate.py --strict ecs RegisterTaskDefinition "$dir/taskdef.json")

# Each command must succeed once before it is timed: timing an error path proves nothing.
for c in bg cfn bc; do
  declare -n cmd="${c}_cmd"
  if ! "${cmd[@]}" >"$tmp/$c.out" 2>&1; then
    echo "speed: '${cmd[*]}' failed on $dir:" >&2; cat "$tmp/$c.out" >&2; exit 2
  fi
done

# mean_ms and min_ms of one command over N runs -> "mean min"
time_loop() {
  local n=$1; shift
  local i s e total=0 min=
  for ((i = 0; i < n; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    d=$((e - s)); total=$((total + d))
    if [ -z "$min" ] || [ "$d" -lt "$min" ]; then min=$d; fi
  done
  python3 -c "import sys; print(f'{$total/$n/1e6:.2f} {$min/1e6:.2f}')"
}

if command -v hyperfine >/dev/null; then
  tool="hyperfine $(hyperfine --version | awk '{print $2}')"
  q() { printf '%q ' "$@"; }
  hyperfine -N --warmup 2 --runs "$RUNS_BGSPEC" --export-json "$tmp/bg.json" "$(q "${bg_cmd[@]}")" >/dev/null
  hyperfine --warmup 1 --runs "$RUNS_PY" --export-json "$tmp/py.json" "$(q "${cfn_cmd[@]}")" "$(q "${bc_cmd[@]}")" >/dev/null
  read -r bg_mean bg_min cfn_mean cfn_min bc_mean bc_min < <(python3 - "$tmp/bg.json" "$tmp/py.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
print(" ".join(f"{x['mean']*1e3:.2f} {x['min']*1e3:.2f}" for x in r))
EOF
)
else
  tool="shell loop (date +%s%N); install hyperfine for tighter figures"
  "${bg_cmd[@]}" >/dev/null 2>&1 || true  # warm the page cache
  read -r bg_mean bg_min < <(time_loop "$RUNS_BGSPEC" "${bg_cmd[@]}")
  read -r cfn_mean cfn_min < <(time_loop "$RUNS_PY" "${cfn_cmd[@]}")
  read -r bc_mean bc_min < <(time_loop "$RUNS_PY" "${bc_cmd[@]}")
fi

python3 - "$bg_mean" "$bg_min" "$cfn_mean" "$cfn_min" "$bc_mean" "$bc_min" "$TARGET" "$dir" "$tool" "$(nproc)" <<'EOF'
import sys
bgm, bgn, cfm, cfn, bcm, bcn = map(float, sys.argv[1:7])
target, d, tool, cores = float(sys.argv[7]), sys.argv[8], sys.argv[9], sys.argv[10]
rows = [("bgspec validate (3 files + cross-file rules)", bgm, bgn),
        ("cfn-lint (taskdef.json only)", cfm, cfn),
        ("botocore bcvalidate.py --strict (taskdef.json only)", bcm, bcn)]
print(f"speed: revision {d}; timed with {tool}; {cores} cores; cold process per run")
print(f"| {'command':<52} | {'mean ms':>9} | {'min ms':>9} | {'× bgspec':>9} |")
print(f"|{'-'*54}|{'-'*11}|{'-'*11}|{'-'*11}|")
for name, mean, mn in rows:
    print(f"| {name:<52} | {mean:>9.2f} | {mn:>9.2f} | {mean/bgm:>8.1f}× |")
ratio = cfm / bgm
ok = ratio >= target
print(f"speed: bgspec is {ratio:.0f}× faster than cfn-lint (target ≥ {target:.0f}×): {'OK' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
EOF
