/// The contingency table of two labellings of the same items: the counts behind every
/// group-level comparison.
struct Contingency {
    /// Non-zero cells as (row, column, count); rows are true clusters, columns predicted ones.
    var cells: [(row: Int, column: Int, count: Int)]
    /// Size of each true cluster.
    var rowSums: [Int]
    /// Size of each predicted cluster.
    var columnSums: [Int]
    var items: Int

    init<T: Hashable, P: Hashable>(truth: [T?], predicted: [P?]) {
        precondition(truth.count == predicted.count, "the labellings differ in length")
        let rows = denseLabels(truth), columns = denseLabels(predicted)
        var counts: [Int: Int] = [:]
        let width = (columns.max() ?? 0) + 1
        rowSums = [Int](repeating: 0, count: (rows.max() ?? -1) + 1)
        columnSums = [Int](repeating: 0, count: (columns.max() ?? -1) + 1)
        for (row, column) in zip(rows, columns) {
            counts[row * width + column, default: 0] += 1
            rowSums[row] += 1
            columnSums[column] += 1
        }
        // Sorted so that sums over cells run in one order on every machine.
        cells = counts.keys.sorted().map { key in (key / width, key % width, counts[key]!) }
        items = truth.count
    }
}

/// Dense cluster numbers 0, 1, … in order of first appearance; each nil gets a number of its own.
func denseLabels<Key: Hashable>(_ keys: [Key?]) -> [Int] {
    var numbers: [Key: Int] = [:]
    var next = 0
    return keys.map { key in
        if let key, let number = numbers[key] { return number }
        if let key { numbers[key] = next }
        next += 1
        return next - 1
    }
}
