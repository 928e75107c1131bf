# Oracle figures from R package GD 10.8: for one data set and its continuous factors, every candidate of
# optidisc(methods equal, natural, quantile, geometric, sd; k 3..8) with GD's own breaks (disc) and q (qv.matrix),
# and the combination optidisc chooses. Usage: Rscript gd_optidisc.R DATA.csv Y FACTOR [FACTOR ...] > out.csv
library(GD)
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
y <- args[2]
methods <- c("equal", "natural", "quantile", "geometric", "sd")
ks <- 3:8
num <- function(v) paste(sprintf("%.17g", v), collapse = " ")
for (f in args[-(1:2)]) {
  o <- optidisc(stats::as.formula(paste(y, "~", f)), data, methods, ks)[[f]]
  for (m in methods) for (k in ks) {
    itv <- unname(disc(data[[f]], k, method = m)$itv)
    counts <- as.vector(table(cut(data[[f]], unique(itv), include.lowest = TRUE)))
    q <- o$qv.matrix[as.character(k), m]
    chosen <- m == o$method && k == o$n.itv
    cat(sprintf("%s,%s,%s,%d,%d,%s,%s,%s,%s\n", basename(args[1]), f, m, k, length(itv) - 1,
                if (is.na(q)) "" else sprintf("%.17g", q), num(itv), paste(counts, collapse = " "),
                if (chosen) "true" else "false"))
  }
}
