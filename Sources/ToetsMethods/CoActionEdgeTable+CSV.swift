import Foundation

extension CoActionEdgeTable {
    private static let header = Array("user_1,user_2,weight\n".utf8)
    /// Rows formatted per task when writing a file: a co-post table can have tens of millions.
    private static let rowsPerPiece = 1 << 20

    /// CSV with CNT's table columns, `user_1,user_2,weight`, one row per edge, `\n` line ends.
    /// A field is quoted (RFC 4180) only when it holds a comma, quote or line break.
    package var csv: [UInt8] {
        let fields = AccountFields(accounts)
        var out = Self.header
        for part in parts {
            out += [UInt8](unsafeUninitializedCapacity: fields.capacity(rows: part.weight.count)) { buffer, initialized in
                initialized = fields.format(part, 0..<part.weight.count, into: buffer)
            }
        }
        return out
    }

    /// Writes `csv` to a file, formatting pieces of it on all cores.
    package func writeCSV(to path: String) throws {
        try writeCSV(to: path, rowsPerPiece: Self.rowsPerPiece)
    }

    /// `writeCSV(to:)` in pieces of at most `rowsPerPiece` rows (tests choose how many).
    func writeCSV(to path: String, rowsPerPiece: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: Self.header)
        let fields = AccountFields(accounts), parts = parts
        // Pieces of at most `rowsPerPiece` rows, one per core at a time, each formatted into
        // the same buffer every time: fresh memory would cost a page fault per 4 KiB.
        let pieces = parts.indices.flatMap { part in
            let rows = parts[part].weight.count
            return CoActionParallel.ranges(rows, parts: (rows + rowsPerPiece - 1) / rowsPerPiece).map { (part: part, rows: $0) }
        }
        let buffers = FormatBuffers(count: ProcessInfo.processInfo.activeProcessorCount, capacity: fields.capacity(rows: rowsPerPiece))
        for first in stride(from: 0, to: pieces.count, by: buffers.count) {
            let batch = Array(pieces[first..<min(first + buffers.count, pieces.count)])
            let lengths = CoActionParallel.map(parts: batch.count) { index in
                fields.format(parts[batch[index].part], batch[index].rows, into: buffers[index])
            }
            for (index, length) in lengths.enumerated() {
                try handle.write(contentsOf: UnsafeBufferPointer(rebasing: buffers[index][..<length]))
            }
        }
    }
}

/// Buffers that tasks format CSV rows into, one each.
///
/// `@unchecked Sendable` because they are raw memory shared by the tasks of one
/// `CoActionParallel.map`: task `i` writes only buffer `i`, and they are read after it returns.
private final class FormatBuffers: @unchecked Sendable {
    private let buffers: [UnsafeMutableBufferPointer<UInt8>]
    var count: Int { buffers.count }

    init(count: Int, capacity: Int) {
        buffers = (0..<max(count, 1)).map { _ in .allocate(capacity: capacity) }
    }

    subscript(index: Int) -> UnsafeMutableBufferPointer<UInt8> { buffers[index] }

    deinit { for buffer in buffers { buffer.deallocate() } }
}

/// Each account's CSV field, back to back, for copying into rows.
private struct AccountFields: Sendable {
    let bytes: [UInt8]
    let start: [Int]
    let longest: Int

    init(_ accounts: [String]) {
        var bytes: [UInt8] = [], start = [0], longest = 0
        for account in accounts {
            CSVWriter.append(account, to: &bytes)
            longest = max(longest, bytes.count - start[start.count - 1])
            start.append(bytes.count)
        }
        self.bytes = bytes
        self.start = start
        self.longest = longest
    }

    /// The most bytes `rows` rows can take: two fields, two commas, a weight of at most 11
    /// characters and a line break each.
    func capacity(rows: Int) -> Int { rows * (2 * longest + 14) }

    /// Formats the CSV rows of `edges[rows]` into `out`, which has `capacity(rows:)` bytes;
    /// returns how many it wrote.
    func format(_ edges: CoActionNumberedEdges, _ rows: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        bytes.withUnsafeBufferPointer { bytes in
            func copy(_ account: Int32) {
                let lower = start[Int(account)], upper = start[Int(account) + 1]
                guard upper > lower else { return }
                UnsafeMutableRawPointer(out.baseAddress! + at).copyMemory(from: bytes.baseAddress! + lower, byteCount: upper - lower)
                at += upper - lower
            }
            for row in rows {
                copy(edges.from[row])
                out[at] = UInt8(ascii: ",")
                at += 1
                copy(edges.to[row])
                out[at] = UInt8(ascii: ",")
                at += 1
                let weight = edges.weight[row]
                if weight < 0 {
                    out[at] = UInt8(ascii: "-")
                    at += 1
                }
                var magnitude = weight.magnitude
                var digits = 1
                var divisor: UInt32 = 1
                while divisor <= magnitude / 10 { divisor *= 10; digits += 1 }
                for position in stride(from: at + digits - 1, through: at, by: -1) {
                    out[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                }
                at += digits
                out[at] = UInt8(ascii: "\n")
                at += 1
            }
        }
        return at
    }
}
