// SPDX-License-Identifier: MIT
// Peer for the benchmark: Polars (nodejs-polars), eager read_csv.
// Usage: node peer_polars.js acled|ged FILE OUT
// Writes the normalised result (see run.sh) to OUT.
const pl = require('nodejs-polars');
const [layout, file, out] = process.argv.slice(2);
const keys = layout === 'acled' ? ['year', 'region', 'event_type']
                                : ['year', 'region', 'type_of_violence'];
const val = layout === 'acled' ? 'fatalities' : 'best';
const df = pl.readCSV(file, { quoteChar: '"', columns: [...keys, val] });
const g = df.groupBy(keys)
  .agg(pl.col(val).count().alias('events'), pl.col(val).sum().alias('deaths'))
  .sort(keys);
g.writeCSV(out);
