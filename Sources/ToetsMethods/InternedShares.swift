/// Shares with their strings replaced by dense integer ids, so that the pair search and the
/// participation filter run on arrays of integers.
///
/// Objects and contents share one id space because loop removal compares an object with a
/// content; accounts have their own. Ids are given in order of first appearance in the input.
struct InternedShares {
    /// Item id (object and content id space) of each row's object.
    var object: [Int32] = []
    /// Account id of each row.
    var account: [Int32] = []
    /// Item id of each row's content.
    var content: [Int32] = []
    /// Each row's time in seconds.
    var time: [Int64] = []
    /// The account string of each account id.
    var accountNames: [String] = []
    /// How many distinct objects and contents there are.
    var itemCount = 0

    init(_ shares: [CooRTweet.Share]) {
        precondition(shares.count < Int(Int32.max) / 2, "more than 2^30 shares")
        let count = shares.count
        let items = StringInterner(length: 2 * count) { $0 < count ? shares[$0].objectID : shares[$0 - count].contentID }
        object = Array(items.ids[..<count])
        content = Array(items.ids[count...])
        itemCount = items.count
        let accounts = StringInterner(length: count) { shares[$0].accountID }
        account = accounts.ids
        accountNames = accounts.firstPosition.map { shares[Int($0)].accountID }
        time = shares.map(\.time)
    }

    /// Step 1: the rows of accounts with at least `minParticipation` rows (duplicates count),
    /// regrouped by account in order of first appearance, input order within an account.
    func activeRows(minParticipation: Int) -> [Int32] {
        let accountCount = accountNames.count
        var rowsPerAccount = [Int](repeating: 0, count: accountCount)
        for id in account { rowsPerAccount[Int(id)] += 1 }
        // Account ids follow first appearance, so a stable counting sort by id is the regrouping.
        var start = [Int](repeating: 0, count: accountCount + 1)
        for id in 0..<accountCount {
            let kept = rowsPerAccount[id] >= minParticipation ? rowsPerAccount[id] : 0
            start[id + 1] = start[id] + kept
        }
        var rows = [Int32](repeating: 0, count: start[accountCount])
        var cursor = start
        for row in account.indices {
            let id = Int(account[row])
            guard rowsPerAccount[id] >= minParticipation else { continue }
            rows[cursor[id]] = Int32(row)
            cursor[id] += 1
        }
        return rows
    }
}
