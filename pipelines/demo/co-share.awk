# Pairs of accounts that shared the same content within `window` seconds of each other, with
# the number of such co-shares as weight: the simplest coordinated-sharing detector.
# Input: CooRTweet's four columns (object_id, account_id, content_id, timestamp_share).
BEGIN { FS = "," }
NR > 1 {
    n[$3]++
    account[$3, n[$3]] = $2
    time[$3, n[$3]] = $4
}
END {
    for (content in n)
        for (i = 1; i <= n[content]; i++)
            for (j = i + 1; j <= n[content]; j++) {
                delta = time[content, i] - time[content, j]
                if (delta < 0) delta = -delta
                a = account[content, i]
                b = account[content, j]
                if (delta > window || a == b) continue
                if (a > b) { swap = a; a = b; b = swap }
                weight[a "," b]++
            }
    for (pair in weight)
        if (weight[pair] >= min_weight) print pair "," weight[pair]
}
