import ToetsModel

/// Two rows of one object, `first` before `second` in the regrouped order; not yet oriented.
struct CandidatePair: Equatable {
    var first: Int32
    var second: Int32
}

extension InternedShares {
    /// Steps 2 and 3: every pair of `rows` with the same object, at most `timeWindow` seconds
    /// apart (inclusive), minus loops when `removeLoops` is set.
    ///
    /// Objects come in order of their first row in `rows`, pairs within an object by position of
    /// the first row, then of the second. Cost is the number of pairs in the window plus
    /// O(m log m) per object of m rows, not O(m²), so long-lived objects shared many times over
    /// months do not dominate.
    func candidatePairs(rows: [Int32], timeWindow: Int64, removeLoops: Bool, progress: StageProgress? = nil) -> [CandidatePair] {
        guard timeWindow >= 0 else { return [] }
        let groups = groupByObject(rows)
        // Columns copied into group order, so each object's rows are contiguous in memory: a
        // random access costs ~600 ns on these machines, a sequential one almost nothing.
        let grouped = GroupedColumns(
            row: groups.rows,
            time: groups.rows.map { time[Int($0)] },
            account: groups.rows.map { account[Int($0)] },
            content: groups.rows.map { content[Int($0)] })
        var pairs: [CandidatePair] = []
        var byTime: [Int32] = []
        var byTimeTimes: [Int64] = []
        var partners: [Int32] = []
        progress?.begin("pairing the shares of each object", unit: "objects", total: Int64(groups.start.count - 1))
        for group in 0..<(groups.start.count - 1) {
            if group & 4095 == 0 { progress?.update(done: Int64(group)) }
            let base = groups.start[group]
            let count = groups.start[group + 1] - base
            guard count >= 2 else { continue }
            let objectID = object[Int(groups.rows[base])]
            func consider(_ i: Int, _ j: Int) {
                grouped.appendIfCoordinated(base + i, base + j, objectID, timeWindow, removeLoops, to: &pairs)
            }
            // Small objects: test every pair directly, cheaper than sorting.
            if count <= 32 {
                for i in 0..<count {
                    for j in (i + 1)..<count { consider(i, j) }
                }
                continue
            }
            // Local positions sorted by time, so the partners of a row are a contiguous range.
            byTime.removeAll(keepingCapacity: true)
            byTime.append(contentsOf: (0..<Int32(count)))
            byTime.sort { (grouped.time[base + Int($0)], $0) < (grouped.time[base + Int($1)], $1) }
            byTimeTimes.removeAll(keepingCapacity: true)
            byTimeTimes.append(contentsOf: byTime.lazy.map { grouped.time[base + Int($0)] })
            for i in 0..<count {
                let t = grouped.time[base + i]
                let low = Self.lowerBound(byTimeTimes, t.subtractingClamped(timeWindow))
                let high = Self.upperBound(byTimeTimes, t.addingClamped(timeWindow))
                let inWindow = high - low
                let later = count - i - 1
                // Scanning the later rows directly costs `later`; gathering the window costs
                // about inWindow·log(inWindow). Take the cheaper one; both give the same pairs.
                if inWindow * max(1, Int.bitWidth - inWindow.leadingZeroBitCount) >= later {
                    for j in (i + 1)..<count { consider(i, j) }
                } else {
                    partners.removeAll(keepingCapacity: true)
                    for position in low..<high where Int(byTime[position]) > i {
                        partners.append(byTime[position])
                    }
                    partners.sort()
                    for j in partners { consider(i, Int(j)) }
                }
            }
        }
        progress?.update(done: Int64(groups.start.count - 1))
        return pairs
    }

    /// `rows` grouped by object, objects in order of first appearance in `rows`, rows in their
    /// order within an object.
    private func groupByObject(_ rows: [Int32]) -> (rows: [Int32], start: [Int]) {
        // Gather first: independent loads overlap, a chain of lookups per row would not.
        let objectOfRow = rows.map { object[Int($0)] }
        var rank = [Int32](repeating: -1, count: itemCount)
        var sizes: [Int] = []
        var groupOfRow = [Int32](repeating: 0, count: rows.count)
        for (index, item) in objectOfRow.enumerated() {
            var group = rank[Int(item)]
            if group < 0 {
                group = Int32(sizes.count)
                rank[Int(item)] = group
                sizes.append(0)
            }
            groupOfRow[index] = group
            sizes[Int(group)] += 1
        }
        var start = [Int](repeating: 0, count: sizes.count + 1)
        for group in sizes.indices { start[group + 1] = start[group] + sizes[group] }
        var grouped = [Int32](repeating: 0, count: rows.count)
        var cursor = start
        for (index, row) in rows.enumerated() {
            let group = Int(groupOfRow[index])
            grouped[cursor[group]] = row
            cursor[group] += 1
        }
        return (grouped, start)
    }

    private static func lowerBound(_ sorted: [Int64], _ value: Int64) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func upperBound(_ sorted: [Int64], _ value: Int64) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The columns the pair search reads, in group order (all rows of one object together).
private struct GroupedColumns {
    var row: [Int32]
    var time: [Int64]
    var account: [Int32]
    var content: [Int32]

    /// Appends the pair at grouped positions `i` < `j` of object `objectID` when it is within
    /// the window and, with `removeLoops`, not a loop.
    func appendIfCoordinated(
        _ i: Int, _ j: Int, _ objectID: Int32, _ timeWindow: Int64, _ removeLoops: Bool, to pairs: inout [CandidatePair]
    ) {
        let (early, late) = time[i] <= time[j] ? (time[i], time[j]) : (time[j], time[i])
        // The distance as UInt64 is exact for any two Int64 values.
        guard UInt64(bitPattern: late &- early) <= UInt64(timeWindow) else { return }
        if removeLoops {
            if account[i] == account[j] || content[i] == content[j] { return }
            if objectID == content[i] || objectID == content[j] { return }
        }
        pairs.append(CandidatePair(first: row[i], second: row[j]))
    }
}

extension Int64 {
    /// `self - other`, held at `Int64.min` instead of overflowing.
    fileprivate func subtractingClamped(_ other: Int64) -> Int64 {
        let (result, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : result
    }

    /// `self + other`, held at `Int64.max` instead of overflowing.
    fileprivate func addingClamped(_ other: Int64) -> Int64 {
        let (result, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : result
    }
}
