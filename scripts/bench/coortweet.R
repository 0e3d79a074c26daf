# One timed run of CooRTweet (R) on a CSV with its four columns, the baseline of
# `toets-bench coortweet`: read the CSV, detect_groups, generate_coordinated_network.
# CooRTweet is not vendored here: its R sources are read from the folder given (a checkout
# of github.com/nicolarighetti/CooRTweet); R, data.table and igraph come from Debian.
# Usage: Rscript scripts/bench/coortweet.R COORTWEET_FOLDER CSV TIME_WINDOW
# Prints: rows, pairs, edges, seconds (the three timed steps, without R's start-up).
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 3)
suppressPackageStartupMessages({
    library(data.table)
    library(igraph)
})
# Every file of the package defines functions only; those that need tidytable or RcppSimdJson
# (not in Debian) are never called by the three timed steps.
for (file in list.files(file.path(args[[1]], "R"), pattern = "\\.[rR]$", full.names = TRUE)) {
    source(file)
}
start <- proc.time()[["elapsed"]]
shares <- fread(args[[2]])
pairs <- detect_groups(shares, time_window = as.integer(args[[3]]))
network <- generate_coordinated_network(pairs)
seconds <- proc.time()[["elapsed"]] - start
cat(sprintf("%d %d %d %.4f\n", nrow(shares), nrow(pairs), ecount(network), seconds))
