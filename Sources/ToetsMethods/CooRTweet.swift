import ToetsModel

/// CooRTweet 2.1.3's coordination detection (Righetti & Balluff, R, MIT), reproduced from the
/// semantics written down in `shared/reference/coortweet-2.1.3-semantics.md`, not from its code.
///
/// A namespace: `detectGroups` finds coordinated pairs of shares, `flagSpeedShare` marks the
/// faster ones, `generateCoordinatedNetwork` aggregates pairs into an account network.
package enum CooRTweet {
    /// One share: `accountID` posted `contentID`, which shares `objectID`, at `time` (seconds).
    package struct Share: Hashable, Sendable {
        package var objectID: String
        package var accountID: String
        package var contentID: String
        package var time: Int64

        package init(objectID: String, accountID: String, contentID: String, time: Int64) {
            self.objectID = objectID
            self.accountID = accountID
            self.contentID = contentID
            self.time = time
        }
    }

    /// Two shares of one object within the time window: the `accountID`/`contentID` side is the
    /// older share (row order decides a tie), the `Y` side the newer one.
    package struct Pair: Hashable, Sendable {
        package var objectID: String
        package var accountID: String
        package var contentID: String
        package var accountIDY: String
        package var contentIDY: String
        /// Seconds between the two shares, never negative.
        package var timeDelta: Int64

        package init(
            objectID: String, accountID: String, contentID: String,
            accountIDY: String, contentIDY: String, timeDelta: Int64
        ) {
            self.objectID = objectID
            self.accountID = accountID
            self.contentID = contentID
            self.accountIDY = accountIDY
            self.contentIDY = contentIDY
            self.timeDelta = timeDelta
        }
    }

    /// The pairs and which accounts passed the participation filter on their own.
    package struct Detection: Sendable {
        /// In CooRTweet row order as Toets fixes it (see `detect`).
        package var pairs: [Pair]
        /// Accounts with at least `minParticipation` coordinated input rows, in order of first
        /// appearance in the input; the other accounts in `pairs` are there through a partner.
        package var qualifiedAccounts: [String]
    }

    /// CooRTweet's `detect_groups`: the coordinated pairs of `shares`.
    package static func detectGroups(
        _ shares: [Share], timeWindow: Int64 = 10, minParticipation: Int = 2, removeLoops: Bool = true,
        progress: StageProgress? = nil
    ) -> [Pair] {
        detect(shares, timeWindow: timeWindow, minParticipation: minParticipation, removeLoops: removeLoops,
               progress: progress).pairs
    }

    /// `detectGroups` with the qualified accounts, for diagnostics and tests.
    ///
    /// Row order, which the semantics text leaves open: objects in order of their first row after
    /// the activity pre-filter (whose rows are regrouped by account, accounts in order of first
    /// appearance, rows in input order within an account); within an object, pairs (i, j) of rows
    /// with i before j in that order, sorted by i, then j. Filters keep this order, and orientation
    /// swaps sides, never rows.
    package static func detect(
        _ shares: [Share], timeWindow: Int64 = 10, minParticipation: Int = 2, removeLoops: Bool = true,
        progress: StageProgress? = nil
    ) -> Detection {
        let table = InternedShares(shares)
        let rows = table.activeRows(minParticipation: minParticipation)
        let candidates = table.candidatePairs(rows: rows, timeWindow: timeWindow, removeLoops: removeLoops, progress: progress)
        progress?.begin("counting each account's participation", unit: "")
        let participation = table.participation(of: candidates, countingRows: rows, minParticipation: minParticipation)
        var pairs: [Pair] = []
        pairs.reserveCapacity(participation.keptCount)
        for index in candidates.indices where participation.kept[index] {
            var older = Int(candidates[index].first)
            var newer = Int(candidates[index].second)
            if shares[older].time > shares[newer].time { swap(&older, &newer) }
            pairs.append(Pair(
                objectID: shares[older].objectID,
                accountID: shares[older].accountID, contentID: shares[older].contentID,
                accountIDY: shares[newer].accountID, contentIDY: shares[newer].contentID,
                timeDelta: shares[newer].time - shares[older].time))
        }
        let qualified = table.accountNames.indices.filter { participation.qualifiedAccount[$0] }.map { table.accountNames[$0] }
        return Detection(pairs: pairs, qualifiedAccounts: qualified)
    }
}
