# SPDX-License-Identifier: MIT
"""Shares out the instructions of a callgrind run of `ctrend series` by
part of the pipeline, per record (tests/bench/instructions.sh).

A part is the inclusive cost of the calls into it, read from the call
graph of the callgrind output:
  CSV reading            calls of ct_csv_next and ct_csv_get
  record to observation  load_body's calls of ld_convert, less the
                         ct_csv_get inside them (counted as reading)
  series builder         calls of ct_series_builder_add
  duplicate check        ct_idset_add (the ids kept as bits),
                         ct_keyspill_add, the id digests load_body
                         takes, and ld_finish_load (the merge)
  all                    the whole program
Usage: instructions.py CALLGRIND_OUT CSV_FILE
"""
import collections
import csv
import re
import sys


def edges(path):
    """(caller, callee) -> inclusive instructions, and the total."""
    names, inc, total = {}, collections.Counter(), 0
    cur = cfn = None
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?", line)
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if m.group(1) == "fn":
                cur = m.group(2)
            else:
                cfn = m.group(2)
        elif line.startswith("calls="):
            cost = lines[i + 1].split()
            inc[(names.get(cur), names.get(cfn))] += int(cost[1])
            i += 1
        else:
            m = re.match(r"^(?:summary|totals): (\d+)", line)
            if m:
                total = int(m.group(1))
        i += 1
    return inc, total


def main():
    inc, total = edges(sys.argv[1])
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        records = sum(1 for _ in csv.reader(f)) - 1

    def into(name):
        return sum(v for (a, b), v in inc.items() if b == name and a != name)

    get = into("ct_csv_get")
    parts = [
        ("CSV reading (classify, cut, fields)", into("ct_csv_next") + get),
        ("record to observation", inc.get(("load_body", "ld_convert"), 0) - get),
        ("series builder", into("ct_series_builder_add")),
        ("duplicate check", into("ct_idset_add") + into("ct_keyspill_add")
         + inc.get(("load_body", "ct_hash_bytes"), 0)
         + into("ld_finish_load")),
        ("all", total),
    ]
    print(f"{records} records; instructions a record:")
    for label, n in parts:
        print(f"  {label:40s} {n / records:8.0f}")


if __name__ == "__main__":
    main()
