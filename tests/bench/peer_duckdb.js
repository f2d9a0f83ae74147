// SPDX-License-Identifier: MIT
// Peer for the benchmark: DuckDB (@duckdb/node-api), read_csv + GROUP BY.
// Usage: node peer_duckdb.js acled|ged FILE OUT THREADS
const { DuckDBInstance } = require('@duckdb/node-api');
const [layout, file, out, threads] = process.argv.slice(2);
const keys = layout === 'acled' ? 'year, region, event_type'
                                : 'year, region, type_of_violence';
const val = layout === 'acled' ? 'fatalities' : 'best';
(async () => {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
  const c = await db.connect();
  const q = `COPY (SELECT ${keys}, count(*) AS events, sum(${val}) AS deaths
             FROM read_csv('${file}', header = true, quote = '"', escape = '"')
             GROUP BY ALL ORDER BY ALL) TO '${out}' (HEADER, DELIMITER ',')`;
  await c.run(q);
})().catch((e) => { console.error(e); process.exit(1); });
