/// An Aho–Corasick automaton over bytes: built once from many patterns, it then finds every
/// occurrence of every pattern in one pass over the input, whatever their number.
///
/// Transitions are kept two ways. States near the root (the first ones in breadth-first order,
/// up to `denseEntryLimit` table entries: 16 MiB by default) have a dense row, one entry per
/// byte class, already resolved through the failure links. Deeper states keep only their
/// children and follow failure links until they reach a dense state. Text that is not a leak
/// seldom gets more than a few bytes deep, so nearly every step takes the dense path, while
/// tens of thousands of long patterns (hundreds of thousands of states) do not need a row of
/// 256 entries each.
///
/// A dense entry holds the target's row offset (`target * classCount`) when the target is a
/// dense state at which no pattern ends, the common case, so the scan loop's step is an add,
/// a load and a sign test; any other target (a match, or a state without a row) is stored as
/// `~target` and handled out of line.
struct LeakAutomaton: Sendable {
    /// The number of byte classes: bytes that occur in some pattern get one each, all other
    /// bytes share class 0, which always leads back to the root.
    let classCount: Int
    /// The class of each byte value.
    let classOf: [Int32]
    /// States `0..<denseCount` have a row in `dense`.
    let denseCount: Int
    /// `denseCount` rows of `classCount` entries, encoded as above.
    let dense: [Int32]
    /// The children of state `s` are `childStart[s]..<childStart[s + 1]` in `childByte`/`childTarget`.
    let childStart: [Int32]
    let childByte: [UInt8]
    let childTarget: [Int32]
    /// The longest proper suffix of a state's path that is also a path from the root.
    let fail: [Int32]
    /// Whether a pattern ends at the state, itself or through a suffix.
    let hasOutput: [Bool]
    /// The pattern whose last byte the state is, or -1.
    let patternAt: [Int32]
    /// The nearest state along the failure links at which a pattern ends, or -1.
    let outputLink: [Int32]
    /// The length of each pattern, in bytes.
    let lengths: [Int]
    /// The length of the longest pattern, in bytes.
    let maximumLength: Int

    /// Builds the automaton; `patterns` must be non-empty byte strings (a duplicate is found
    /// under its first index only).
    init(patterns: [[UInt8]], denseEntryLimit: Int = 1 << 22) {
        // The trie, with children as sibling lists; the root's children also in a table.
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var edgeByte: [UInt8] = [0]
        var terminal: [Int32] = [-1]
        var rootChild = [Int32](repeating: -1, count: 256)
        var used = [Bool](repeating: false, count: 256)
        for (index, pattern) in patterns.enumerated() {
            precondition(!pattern.isEmpty, "an empty pattern would match everywhere")
            var node = 0
            for byte in pattern {
                used[Int(byte)] = true
                var child = node == 0 ? Int(rootChild[Int(byte)]) : Int(firstChild[node])
                if node != 0 {
                    while child >= 0 && edgeByte[child] != byte { child = Int(nextSibling[child]) }
                }
                if child < 0 {
                    child = edgeByte.count
                    edgeByte.append(byte)
                    firstChild.append(-1)
                    terminal.append(-1)
                    nextSibling.append(firstChild[node])
                    firstChild[node] = Int32(child)
                    if node == 0 { rootChild[Int(byte)] = Int32(child) }
                }
                node = child
            }
            if terminal[node] < 0 { terminal[node] = Int32(index) }
        }

        // Number the states breadth first (so a failure link always points to a smaller number
        // and the dense states are the shallow ones), children sorted by byte.
        let stateCount = edgeByte.count
        var order: [Int] = [0]
        order.reserveCapacity(stateCount)
        var childStart: [Int32] = []
        var childByte: [UInt8] = []
        var childTarget: [Int32] = []
        var siblings: [(byte: UInt8, node: Int)] = []
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            childStart.append(Int32(childByte.count))
            siblings.removeAll(keepingCapacity: true)
            var child = Int(firstChild[node])
            while child >= 0 {
                siblings.append((edgeByte[child], child))
                child = Int(nextSibling[child])
            }
            siblings.sort { $0.byte < $1.byte }
            for sibling in siblings {
                childByte.append(sibling.byte)
                childTarget.append(Int32(order.count))
                order.append(sibling.node)
            }
        }
        childStart.append(Int32(childByte.count))
        let patternAt = order.map { terminal[$0] }

        var classOf = [Int32](repeating: 0, count: 256)
        var classCount = 1
        for byte in 0..<256 where used[byte] {
            classOf[byte] = Int32(classCount)
            classCount += 1
        }
        let denseCount = max(1, min(stateCount, denseEntryLimit / classCount))

        var fail = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var hasOutput = [Bool](repeating: false, count: stateCount)
        var dense = [Int32](repeating: 0, count: denseCount * classCount)

        func entry(_ target: Int) -> Int32 {
            target < denseCount && !hasOutput[target] ? Int32(target * classCount) : ~Int32(target)
        }
        /// The target of `byte` from `state`, using only states numbered below the one being
        /// completed (their rows, children and outputs are final).
        func step(_ state: Int, _ byte: UInt8) -> Int {
            var state = state
            while state >= denseCount {
                for edge in Int(childStart[state])..<Int(childStart[state + 1]) where childByte[edge] == byte {
                    return Int(childTarget[edge])
                }
                state = Int(fail[state])
            }
            let encoded = dense[state * classCount + Int(classOf[Int(byte)])]
            return encoded >= 0 ? Int(encoded) / classCount : Int(~encoded)
        }

        for state in 0..<stateCount {
            let edges = Int(childStart[state])..<Int(childStart[state + 1])
            for edge in edges {
                let target = Int(childTarget[edge])
                let suffix = state == 0 ? 0 : step(Int(fail[state]), childByte[edge])
                fail[target] = Int32(suffix)
                outputLink[target] = patternAt[suffix] >= 0 ? Int32(suffix) : outputLink[suffix]
                hasOutput[target] = patternAt[target] >= 0 || outputLink[target] >= 0
            }
            guard state < denseCount else { continue }
            let row = state * classCount
            if state != 0 {
                let failRow = Int(fail[state]) * classCount
                for column in 0..<classCount { dense[row + column] = dense[failRow + column] }
            }
            for edge in edges {
                dense[row + Int(classOf[Int(childByte[edge])])] = entry(Int(childTarget[edge]))
            }
        }

        self.classCount = classCount
        self.classOf = classOf
        self.denseCount = denseCount
        self.dense = dense
        self.childStart = childStart
        self.childByte = childByte
        self.childTarget = childTarget
        self.fail = fail
        self.hasOutput = hasOutput
        self.patternAt = patternAt
        self.outputLink = outputLink
        lengths = patterns.map(\.count)
        maximumLength = lengths.max() ?? 0
    }

    /// The number of states, the root included.
    var stateCount: Int { fail.count }

    /// The target of `byte` from a state without a dense row.
    private func sparseStep(_ state: Int, _ byte: UInt8) -> Int {
        var state = state
        while state >= denseCount {
            for edge in Int(childStart[state])..<Int(childStart[state + 1]) where childByte[edge] == byte {
                return Int(childTarget[edge])
            }
            state = Int(fail[state])
        }
        let encoded = dense[state * classCount + Int(classOf[Int(byte)])]
        return encoded >= 0 ? Int(encoded) / classCount : Int(~encoded)
    }

    /// Inputs at least this long are scanned as two interleaved halves.
    static let interleaveThreshold = 1 << 12

    /// Runs over `input` starting in `state` and returns the state after its last byte; at each
    /// byte where a pattern ends, calls `onMatch` with the state reached and the byte's index,
    /// in index order.
    ///
    /// Each step waits for the load of the one before, so one stream of steps leaves the CPU
    /// mostly idle. A long input is therefore scanned as two halves at once: the second half
    /// starts from the root `maximumLength - 1` bytes early, after which its state is the
    /// true one (no pattern reaches back further), and its matches before the middle are
    /// dropped (the first half reports them). Its matches are held until the first half is done.
    func run(_ input: UnsafeBufferPointer<UInt8>, from state: Int32, onMatch: (Int32, Int) -> Void) -> Int32 {
        let classCount = classCount
        let denseCount = denseCount
        // A position is a dense state's row offset (>= 0) or the complement of a sparse state.
        func position(_ state: Int) -> Int { state < denseCount ? state &* classCount : ~state }
        var first = position(Int(state))
        var second = 0
        let overlap = max(0, maximumLength - 1)
        let middle = input.count >= Self.interleaveThreshold + 2 * overlap ? input.count / 2 : input.count
        var later: [(state: Int32, index: Int)] = []
        dense.withUnsafeBufferPointer { table in
            classOf.withUnsafeBufferPointer { classes in
                /// One step out of the hot loop: a match, or a state without a dense row.
                func step(_ from: Int, _ index: Int, _ report: (Int, Int) -> Void) -> Int {
                    let byte = input[index]
                    let target: Int
                    if from >= 0 {
                        let encoded = table[from &+ Int(classes[Int(byte)])]
                        if encoded >= 0 { return Int(encoded) }
                        target = Int(~encoded)
                    } else {
                        target = sparseStep(~from, byte)
                    }
                    if hasOutput[target] { report(target, index) }
                    return position(target)
                }
                /// Runs one stream from `index` to `end`.
                func finish(_ position: inout Int, _ index: inout Int, _ end: Int, _ report: (Int, Int) -> Void) {
                    while index < end {
                        // The hot loop: dense states where no pattern ends.
                        while position >= 0 && index < end {
                            let encoded = table[position &+ Int(classes[Int(input[index])])]
                            if encoded < 0 { break }
                            position = Int(encoded)
                            index &+= 1
                        }
                        guard index < end else { break }
                        position = step(position, index, report)
                        index &+= 1
                    }
                }
                let reportFirst = { (state: Int, index: Int) in onMatch(Int32(state), index) }
                let reportSecond = { (state: Int, index: Int) in
                    if index >= middle { later.append((Int32(state), index)) }
                }

                var index = 0
                if middle < input.count {
                    var secondIndex = middle - overlap
                    while index < middle {
                        // Both hot loops in one: two independent chains of loads.
                        while (first | second) >= 0 && index < middle {
                            let a = table[first &+ Int(classes[Int(input[index])])]
                            let b = table[second &+ Int(classes[Int(input[secondIndex])])]
                            if (a | b) < 0 { break }
                            first = Int(a)
                            second = Int(b)
                            index &+= 1
                            secondIndex &+= 1
                        }
                        guard index < middle else { break }
                        first = step(first, index, reportFirst)
                        second = step(second, secondIndex, reportSecond)
                        index &+= 1
                        secondIndex &+= 1
                    }
                    finish(&second, &secondIndex, input.count, reportSecond)
                } else {
                    finish(&first, &index, input.count, reportFirst)
                }
            }
        }
        guard middle < input.count else { return Int32(first >= 0 ? first / classCount : ~first) }
        for match in later { onMatch(match.state, match.index) }
        return Int32(second >= 0 ? second / classCount : ~second)
    }

    /// Calls `body` with each pattern that ends at `state`, longest first.
    func forEachPattern(endingAt state: Int32, _ body: (Int32) -> Void) {
        var state = Int(state)
        if patternAt[state] >= 0 { body(patternAt[state]) }
        state = Int(outputLink[state])
        while state >= 0 {
            body(patternAt[state])
            state = Int(outputLink[state])
        }
    }
}
