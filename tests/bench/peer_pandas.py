# SPDX-License-Identifier: MIT
# Peer for the benchmark: pandas read_csv + groupby.
# Usage: python3 peer_pandas.py acled|ged FILE OUT
import sys
import pandas as pd
layout, file, out = sys.argv[1:4]
keys = ["year", "region", "event_type"] if layout == "acled" else ["year", "region", "type_of_violence"]
val = "fatalities" if layout == "acled" else "best"
d = pd.read_csv(file, usecols=keys + [val])
r = d.groupby(keys, sort=True)[val].agg(events="count", deaths="sum").reset_index()
r.to_csv(out, index=False)
