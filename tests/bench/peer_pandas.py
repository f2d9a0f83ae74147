# SPDX-License-Identifier: MIT
# Peer for the benchmark: pandas read_csv + groupby.
# Usage: python3 peer_pandas.py KEYS VALUE IN OUT csv|json
# IN: a CSV file, or a directory whose *.csv files are read and stacked.
import os
import sys
import pandas as pd
keys, val, src, out, fmt = sys.argv[1:6]
keys = keys.split(",")
files = (sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".csv"))
         if os.path.isdir(src) else [src])
d = pd.concat([pd.read_csv(f, usecols=keys + [val]) for f in files])
r = d.groupby(keys, sort=True)[val].agg(events="count", deaths="sum").reset_index()
if fmt == "json":
    r.to_json(out, orient="records")
else:
    r.to_csv(out, index=False)
