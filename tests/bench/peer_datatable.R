# SPDX-License-Identifier: MIT
# Peer for the benchmark: R data.table fread + grouping.
# Usage: Rscript peer_datatable.R KEYS VALUE IN OUT csv|json THREADS
# IN: a CSV file, or a directory whose *.csv files are read and stacked.
# JSON output needs jsonlite (r-cran-jsonlite).
suppressMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
keys <- strsplit(a[1], ",")[[1]]
val <- a[2]
th <- as.integer(a[6])
setDTthreads(th)
files <- if (dir.exists(a[3])) sort(list.files(a[3], "\\.csv$", full.names = TRUE)) else a[3]
d <- rbindlist(lapply(files, fread, select = c(keys, val), nThread = th))
r <- d[, .(events = .N, deaths = sum(get(val))), by = keys]
setorderv(r, keys)
if (a[5] == "json") {
  jsonlite::write_json(r, a[4], dataframe = "rows", digits = NA)
} else fwrite(r, a[4])
