// SPDX-License-Identifier: MIT
// Peer for the benchmark: DuckDB (@duckdb/node-api), read_csv + GROUP BY.
// Usage: node peer_duckdb.js KEYS VALUE IN OUT csv|json THREADS
// IN: a CSV file, or a directory whose *.csv files are all read.
const fs = require('fs');
const { DuckDBInstance } = require('@duckdb/node-api');
const [keys, val, input, out, format, threads] = process.argv.slice(2);
const src = fs.statSync(input).isDirectory() ? `${input}/*.csv` : input;
const to = format === 'json' ? '(FORMAT JSON, ARRAY true)'
                             : "(HEADER, DELIMITER ',')";
(async () => {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
  const c = await db.connect();
  const q = `COPY (SELECT ${keys}, count(*) AS events, sum(${val}) AS deaths
             FROM read_csv('${src}', header = true, quote = '"', escape = '"')
             GROUP BY ALL ORDER BY ALL) TO '${out}' ${to}`;
  await c.run(q);
})().catch((e) => { console.error(e); process.exit(1); });
