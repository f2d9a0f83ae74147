# SPDX-License-Identifier: MIT
# Peer for the benchmark: R data.table fread + grouping.
# Usage: Rscript peer_datatable.R acled|ged FILE OUT THREADS
suppressMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(a[4]))
keys <- if (a[1] == "acled") c("year", "region", "event_type") else c("year", "region", "type_of_violence")
val <- if (a[1] == "acled") "fatalities" else "best"
d <- fread(a[2], select = c(keys, val), nThread = as.integer(a[4]))
r <- d[, .(events = .N, deaths = sum(get(val))), by = keys]
setorderv(r, keys)
fwrite(r, a[3])
