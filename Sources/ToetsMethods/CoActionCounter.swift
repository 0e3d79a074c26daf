/// Whether two messages with the same key, of different accounts and within the window, are the
/// same action. Only co-similar-tweet asks more than the key.
protocol CoActionMatch: Sendable {
    func matches(_ message: Int32, _ other: Int32) -> Bool
}

/// The same key is enough.
struct CoActionSameKey: CoActionMatch {
    @inline(__always) func matches(_ message: Int32, _ other: Int32) -> Bool { true }
}

/// The actions of one network: a message with several keys (URLs) has one event per key.
struct CoActionEvents: Sendable {
    /// Per event, events sorted by key, then time.
    let key: [Int32]
    let time: [Int64]
    let author: [Int32]
    let message: [Int32]
    /// Message `m`'s events are at `positions[firstPosition[m]..<firstPosition[m + 1]]`.
    let firstPosition: [Int32]
    let positions: [Int32]

    /// Events from each message's keys: message `m` has `keys[keyStart[m]..<keyStart[m + 1]]`,
    /// all below `keyCount`.
    init(input: CoActionInput, keyStart: [Int32], keys: [Int32], keyCount: Int) {
        // A counting sort by key keeps the messages' time order within a key.
        var next = [Int32](repeating: 0, count: keyCount + 1)
        for key in keys { next[Int(key) + 1] += 1 }
        for index in 0..<keyCount { next[index + 1] += next[index] }
        var sortedKey = [Int32](repeating: 0, count: keys.count)
        var time = [Int64](repeating: 0, count: keys.count)
        var author = [Int32](repeating: 0, count: keys.count)
        var message = [Int32](repeating: 0, count: keys.count)
        var positions = [Int32](repeating: 0, count: keys.count)
        for m in 0..<input.messageCount {
            for slot in Int(keyStart[m])..<Int(keyStart[m + 1]) {
                let key = Int(keys[slot])
                let position = Int(next[key])
                next[key] += 1
                sortedKey[position] = Int32(key)
                time[position] = input.time[m]
                author[position] = input.author[m]
                message[position] = Int32(m)
                positions[slot] = Int32(position)
            }
        }
        self.key = sortedKey
        self.time = time
        self.author = author
        self.message = message
        self.firstPosition = keyStart
        self.positions = positions
    }
}

/// Counts CNT's directed weights: for accounts A ≠ B, the number of A's messages with at least
/// one event of B with the same key within the window (both ends inclusive) that `match`
/// accepts. Each event looks only at the events of its key inside its window, so the work is
/// the number of such neighbours, never all pairs of a key.
enum CoActionCounter {
    /// Below this much work (events to scan from, plus accounts) one task does it all.
    static let parallelWork = 20_000

    /// The edges of `events` with at least `minEdgeWeight`, in table order, in parts.
    static func edges(_ events: CoActionEvents, input: CoActionInput, window: Int64, minEdgeWeight: Int,
                      match: some CoActionMatch, parallelWork: Int = parallelWork) -> [CoActionNumberedEdges] {
        let accountCount = input.accountCount
        // Split the accounts into runs of about equal work (events to scan from), one task each.
        var cost = [Int](repeating: 0, count: accountCount + 1)
        for account in 0..<accountCount {
            var work = 1
            for slot in Int(input.firstMessage[account])..<Int(input.firstMessage[account + 1]) {
                let m = Int(input.messagesByAccount[slot])
                work += Int(events.firstPosition[m + 1] - events.firstPosition[m])
            }
            cost[account + 1] = cost[account] + work
        }
        let total = cost[accountCount]
        let chunkCount = total < parallelWork ? 1 : max(1, min(64, accountCount))
        var bounds = [0]
        for chunk in 1..<chunkCount {
            var account = bounds[bounds.count - 1]
            while account < accountCount && cost[account] < total / chunkCount * chunk { account += 1 }
            bounds.append(account)
        }
        bounds.append(accountCount)

        // Accounts are numbered in byte order and each part emits in account order, so the
        // edges come out in table order. Parts are kept apart: joining them would copy
        // every edge once more.
        return CoActionParallel.map(parts: bounds.count - 1) { [bounds] part in
            countAccounts(bounds[part]..<bounds[part + 1], events: events, input: input, window: window,
                          minEdgeWeight: minEdgeWeight, match: match)
        }
    }

    /// The edges out of a run of accounts, in account order, then other account's order.
    private static func countAccounts(_ accounts: Range<Int>, events: CoActionEvents, input: CoActionInput,
                                      window: Int64, minEdgeWeight: Int, match: some CoActionMatch) -> CoActionNumberedEdges {
        var weightStorage = [Int32](repeating: 0, count: input.accountCount)
        // Per other account, the last message of the current account that counted towards it.
        var countedForStorage = [Int32](repeating: -1, count: input.accountCount)
        // The other accounts counted towards, as a list and as bits: many are put in order
        // faster by reading the bits than by sorting the list.
        var touched: [Int32] = []
        var touchedBitsStorage = [UInt64](repeating: 0, count: (input.accountCount + 63) / 64)
        var out = CoActionNumberedEdges()
        let eventCount = events.key.count
        let firstMessage = input.firstMessage, messagesByAccount = input.messagesByAccount
        let firstPosition = events.firstPosition, positions = events.positions
        events.key.withUnsafeBufferPointer { key in
        events.time.withUnsafeBufferPointer { time in
        events.author.withUnsafeBufferPointer { author in
        events.message.withUnsafeBufferPointer { message in
        weightStorage.withUnsafeMutableBufferPointer { weight in
        countedForStorage.withUnsafeMutableBufferPointer { countedFor in
        touchedBitsStorage.withUnsafeMutableBufferPointer { touchedBits in
            for account in accounts {
                let a = Int32(account)
                for slot in Int(firstMessage[account])..<Int(firstMessage[account + 1]) {
                    let m = messagesByAccount[slot]
                    /// Counts event `j` of another account towards `m`, once per account.
                    @inline(__always) func count(_ j: Int) {
                        let b = Int(author[j])
                        guard b != account && countedFor[b] != m && match.matches(m, message[j]) else { return }
                        countedFor[b] = m
                        if weight[b] == 0 {
                            touched.append(Int32(b))
                            touchedBits[b >> 6] |= 1 << UInt64(b & 63)
                        }
                        weight[b] += 1
                    }
                    for index in Int(firstPosition[Int(m)])..<Int(firstPosition[Int(m) + 1]) {
                        let position = Int(positions[index])
                        let k = key[position]
                        let (earliest, underflow) = time[position].subtractingReportingOverflow(window)
                        let (latest, overflow) = time[position].addingReportingOverflow(window)
                        let from = underflow ? Int64.min : earliest
                        let to = overflow ? Int64.max : latest
                        // Earlier events of the key in the window, then later ones.
                        var j = position - 1
                        while j >= 0 && key[j] == k && time[j] >= from {
                            count(j)
                            j -= 1
                        }
                        j = position + 1
                        while j < eventCount && key[j] == k && time[j] <= to {
                            count(j)
                            j += 1
                        }
                    }
                }
                @inline(__always) func emit(_ b: Int) {
                    if Int(weight[b]) >= minEdgeWeight {
                        out.from.append(a)
                        out.to.append(Int32(b))
                        out.weight.append(weight[b])
                    }
                    weight[b] = 0
                }
                if touched.count * 16 < touchedBits.count {
                    touched.sort()
                    for b in touched {
                        emit(Int(b))
                        touchedBits[Int(b) >> 6] = 0
                    }
                } else {
                    for index in touchedBits.indices where touchedBits[index] != 0 {
                        var bits = touchedBits[index]
                        while bits != 0 {
                            emit(index << 6 | bits.trailingZeroBitCount)
                            bits &= bits - 1
                        }
                        touchedBits[index] = 0
                    }
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        }
        }
        }
        }
        }
        }
        return out
    }
}

/// Edges by account number (`CoActionInput.accounts`), in table order.
struct CoActionNumberedEdges: Hashable, Sendable {
    var from: [Int32] = []
    var to: [Int32] = []
    var weight: [Int32] = []
}
