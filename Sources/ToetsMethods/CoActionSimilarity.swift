/// co-similar-tweet's test of two messages: CNT's `similarity` (Jaccard on word sets), or with
/// `--min_document_size_similarity` above 0 its `MinDocSizeSimilarity`, at least the threshold.
struct CoActionSimilarity: CoActionMatch {
    /// Message `m`'s distinct words, numbered and ascending, are `words[firstWord[m]..<firstWord[m + 1]]`.
    let firstWord: [Int32]
    let words: [Int32]
    let threshold: Double
    let minDocumentSize: Double

    /// The words of every non-repost of `input` (reposts have none).
    init(input: CoActionInput, threshold: Double, minDocumentSize: Double) {
        // Parts tokenise and number words on their own; the numbers are then made global.
        let ranges = CoActionParallel.ranges(input.messageCount, parts: CoActionParallel.parts(for: input.messageCount))
        let parts = CoActionParallel.map(parts: ranges.count) { part in
            var names = ByteInterner()
            var firstWord: [Int32] = []
            var words: [Int32] = []
            input.textBytes.withUnsafeBufferPointer { texts in
                for m in ranges[part] {
                    firstWord.append(Int32(words.count))
                    guard !input.isRepost[m] else { continue }
                    CoActionText.forEachToken(in: UnsafeBufferPointer(rebasing: texts[input.textStart[m]..<input.textStart[m + 1]])) {
                        words.append(names.intern($0).id)
                    }
                }
            }
            return (names: names, firstWord: firstWord, words: words)
        }
        var number = ByteInterner()
        var firstWord: [Int32] = []
        var words: [Int32] = []
        firstWord.reserveCapacity(input.messageCount + 1)
        var own: [Int32] = []
        for part in parts {
            let global = number.intern(contentsOf: part.names)
            for (index, start) in part.firstWord.enumerated() {
                let end = index + 1 < part.firstWord.count ? Int(part.firstWord[index + 1]) : part.words.count
                own.removeAll(keepingCapacity: true)
                for word in part.words[Int(start)..<end] { own.append(global[Int(word)]) }
                own.sort()
                firstWord.append(Int32(words.count))
                var last: Int32 = -1
                for word in own where word != last {
                    words.append(word)
                    last = word
                }
            }
        }
        firstWord.append(Int32(words.count))
        self.firstWord = firstWord
        self.words = words
        self.threshold = threshold
        self.minDocumentSize = minDocumentSize
    }

    /// Whether CNT's similarity of the two messages is at least the threshold. Two empty word
    /// sets have similarity 0 here; CNT divides by zero and stops.
    ///
    /// The shared words are counted by merging the sorted word lists, which stops as soon as
    /// the words left cannot reach the threshold: most pairs in a window share few words.
    func matches(_ message: Int32, _ other: Int32) -> Bool {
        let a = Int(firstWord[Int(message)])..<Int(firstWord[Int(message) + 1])
        let b = Int(firstWord[Int(other)])..<Int(firstWord[Int(other) + 1])
        if minDocumentSize > 0 && (Double(a.count) < minDocumentSize || Double(b.count) < minDocumentSize) { return 0 >= threshold }
        if a.isEmpty && b.isEmpty { return 0 >= threshold }
        // The similarity grows with the number of shared words, and division rounds
        // monotonically, so `reachable(n)` says whether n shared words would be enough.
        let total = a.count + b.count
        func reachable(_ shared: Int) -> Bool { Double(shared) / Double(total - shared) >= threshold }
        var most = min(a.count, b.count)
        guard reachable(most) else { return false }
        var shared = 0
        var i = a.lowerBound
        var j = b.lowerBound
        while i < a.upperBound && j < b.upperBound {
            let x = words[i], y = words[j]
            if x == y {
                shared += 1
                i += 1
                j += 1
                continue
            }
            // A word of one message that the other lacks: one fewer can be shared.
            if x < y { i += 1 } else { j += 1 }
            let left = min(a.upperBound - i, b.upperBound - j)
            if shared + left < most {
                most = shared + left
                if !reachable(most) { return false }
            }
        }
        return reachable(shared)
    }
}
