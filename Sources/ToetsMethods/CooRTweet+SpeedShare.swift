extension CooRTweet {
    /// CooRTweet's `flag_speed_share`: the `time_window_<tw2>` column of `pairs`, true for the
    /// pairs that are at most `tw2` seconds apart and pass the participation filter again.
    ///
    /// The filter is re-applied to the fast pairs alone and counts over all of `shares`, without
    /// the activity pre-filter of `detectGroups`. The result is aligned with `pairs`.
    package static func flagSpeedShare(
        _ shares: [Share], _ pairs: [Pair], minParticipation: Int = 2, tw2: Int64
    ) -> [Bool] {
        let fast = pairs.map { $0.timeDelta <= tw2 }
        let fastPairs = pairs.indices.filter { fast[$0] }
        let (rows, sides) = (shares.count, fastPairs.count)
        // One id space for the shares' contents and both sides of the fast pairs.
        let contents = StringInterner(length: rows + 2 * sides) { position in
            if position < rows { return shares[position].contentID }
            let pair = pairs[fastPairs[(position - rows) % sides]]
            return position - rows < sides ? pair.contentID : pair.contentIDY
        }
        var coordinated = [Bool](repeating: false, count: contents.count)
        for position in rows..<(rows + 2 * sides) { coordinated[Int(contents.ids[position])] = true }
        let accounts = StringInterner(length: rows) { shares[$0].accountID }
        var rowsPerAccount = [Int](repeating: 0, count: accounts.count)
        for row in 0..<rows where coordinated[Int(contents.ids[row])] {
            rowsPerAccount[Int(accounts.ids[row])] += 1
        }
        var qualifiedContent = [Bool](repeating: false, count: contents.count)
        for row in 0..<rows where rowsPerAccount[Int(accounts.ids[row])] >= max(1, minParticipation) {
            qualifiedContent[Int(contents.ids[row])] = true
        }
        var flags = [Bool](repeating: false, count: pairs.count)
        for (side, index) in fastPairs.enumerated() {
            flags[index] = qualifiedContent[Int(contents.ids[rows + side])]
                || qualifiedContent[Int(contents.ids[rows + sides + side])]
        }
        return flags
    }
}
