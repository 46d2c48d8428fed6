# Sourced by bench/run.sh and bench/shards.sh: checks "BUILD N" (given as
# $1 $2 with $usage set) and that BUILD holds the binaries; sets build and n.
build=${1:?$usage}
n=${2:?$usage}
case $n in
  '' | *[!0-9]*) echo "$usage (N: number of experts)" >&2; exit 2 ;;
esac
for bin in roster roster-gen roster-bench; do
  [ -x "$build/$bin" ] || { echo "bench: $build/$bin missing (make all $build/roster-bench)" >&2; exit 1; }
done
