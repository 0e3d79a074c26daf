# Shares per account, from CooRTweet's four columns.
BEGIN { FS = "," }
NR > 1 { shares[$2]++ }
END { for (account in shares) print account "," shares[account] }
