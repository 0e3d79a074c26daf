/// The outcome of CooRTweet's participation filter over a list of pairs.
struct Participation {
    /// Per pair: kept because either side's content belongs to a qualified account.
    var kept: [Bool]
    var keptCount: Int
    /// Per account id: has at least `minParticipation` counted rows with a coordinated content.
    var qualifiedAccount: [Bool]
}

extension InternedShares {
    /// Step 4, one pass: C is the set of contents in `pairs`; an account qualifies when at least
    /// `minParticipation` of `countingRows` (duplicates count) are its rows with a content in C;
    /// a pair stays when either side's content is the content of a counted row of a qualified
    /// account. The rule is OR: one qualified side is enough.
    func participation(
        of pairs: [CandidatePair], countingRows: some Sequence<Int32>, minParticipation: Int
    ) -> Participation {
        var coordinated = [Bool](repeating: false, count: itemCount)
        for pair in pairs {
            coordinated[Int(content[Int(pair.first)])] = true
            coordinated[Int(content[Int(pair.second)])] = true
        }
        var rowsPerAccount = [Int](repeating: 0, count: accountNames.count)
        for row in countingRows where coordinated[Int(content[Int(row)])] {
            rowsPerAccount[Int(account[Int(row)])] += 1
        }
        let qualified = rowsPerAccount.map { $0 >= minParticipation && $0 > 0 }
        var qualifiedContent = [Bool](repeating: false, count: itemCount)
        for row in countingRows where qualified[Int(account[Int(row)])] {
            qualifiedContent[Int(content[Int(row)])] = true
        }
        var kept = [Bool](repeating: false, count: pairs.count)
        var keptCount = 0
        for (index, pair) in pairs.enumerated()
        where qualifiedContent[Int(content[Int(pair.first)])] || qualifiedContent[Int(content[Int(pair.second)])] {
            kept[index] = true
            keptCount += 1
        }
        return Participation(kept: kept, keptCount: keptCount, qualifiedAccount: qualified)
    }
}
