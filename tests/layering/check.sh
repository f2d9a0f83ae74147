#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Layering check: a source file or header may include headers of its own
# module and of modules below it, never above. The order (README "Layout
# and module order"), lowest first:
#   core < load < series < stats < fit < report < claims < plot < cli
# gen sits beside load (it uses core only) and only cli may use it; the
# umbrella header ctrend/ctrend.h is for programs (cli), not the library.
# Usage: check.sh SOURCE_DIR   (exit 0 clean, 1 with one line a violation)
set -euo pipefail
src=${1:?usage: check.sh SOURCE_DIR}
cd "$src"

rank() {  # module name -> rank; empty when unknown
  case $1 in
    core) echo 0 ;; load) echo 1 ;; gen) echo 1 ;; series) echo 2 ;;
    stats) echo 3 ;; fit) echo 4 ;; report) echo 5 ;; claims) echo 6 ;;
    plot) echo 7 ;; cli) echo 9 ;; umbrella) echo 8 ;; *) echo "" ;;
  esac
}

# public header name -> module that owns it
header_module() {
  case $1 in
    ctrend.h) echo umbrella ;;
    error.h|date.h|output.h|rng.h|version.h|strtab.h) echo core ;;
    obs.h|geo.h|load.h) echo load ;;
    series.h) echo series ;;
    stats.h) echo stats ;;
    fit.h) echo fit ;;
    claims.h) echo claims ;;
    plot.h) echo plot ;;
    report.h) echo report ;;
    gen.h) echo gen ;;
    *) echo "" ;;
  esac
}

bad=0
while IFS= read -r f; do
  case $f in
    include/ctrend/*) mod=$(header_module "$(basename "$f")") ;;
    src/*/*) mod=${f#src/}; mod=${mod%%/*} ;;
    *) continue ;;
  esac
  [[ -n $mod ]] || { echo "$f: header of no known module"; bad=1; continue; }
  r=$(rank "$mod")
  while IFS= read -r inc; do
    case $inc in
      ctrend/*) imod=$(header_module "${inc#ctrend/}") ;;
      */*) imod=${inc%%/*} ;;
      *) continue ;;   # same-folder private header
    esac
    [[ -n $imod ]] || { echo "$f: includes \"$inc\" of no known module"; bad=1; continue; }
    [[ $imod == "$mod" ]] && continue
    ir=$(rank "$imod")
    if [[ $mod == gen || $imod == gen ]]; then
      # gen uses core only; only cli uses gen
      if [[ $mod == gen && $imod != core ]] || [[ $imod == gen && $mod != cli && $mod != umbrella ]]; then
        echo "$f: module '$mod' includes \"$inc\" of module '$imod'"; bad=1
      fi
      continue
    fi
    if (( ir >= r )); then
      echo "$f: module '$mod' includes \"$inc\" of module '$imod' (above or beside it)"; bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done < <(find include src -name '*.[ch]' | LC_ALL=C sort)
exit $bad
