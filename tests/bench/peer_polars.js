// SPDX-License-Identifier: MIT
// Peer for the benchmark: Polars (nodejs-polars), eager read_csv.
// Usage: node peer_polars.js KEYS VALUE IN OUT csv|json
// KEYS: comma-separated group columns; VALUE: the death column; IN: a CSV
// file, or a directory whose *.csv files are read and stacked.
const fs = require('fs');
const path = require('path');
const pl = require('nodejs-polars');
const [keyList, val, input, out, format] = process.argv.slice(2);
const keys = keyList.split(',');
const files = fs.statSync(input).isDirectory()
  ? fs.readdirSync(input).filter((f) => f.endsWith('.csv')).sort()
      .map((f) => path.join(input, f))
  : [input];
const df = pl.concat(files.map((f) =>
  pl.readCSV(f, { quoteChar: '"', columns: [...keys, val] })));
const g = df.groupBy(keys)
  .agg(pl.col(val).count().alias('events'), pl.col(val).sum().alias('deaths'))
  .sort(keys);
if (format === 'json') g.writeJSON(out, { format: 'json' });
else g.writeCSV(out);
