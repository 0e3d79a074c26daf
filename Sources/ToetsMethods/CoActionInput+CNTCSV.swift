import Foundation
import ToetsModel

extension CoActionInput {
    /// The columns of CNT 1.5.2's input CSV, in the order its preprocessing reads them.
    package static let cntColumns = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]

    /// `init(cntCSV:source:columns:)` of the file at `path`, mapped into memory rather than copied.
    package init(cntCSVAt path: String, columns: Columns = .all) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        self = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(MethodsError) in
            try CoActionInput(cntCSV: raw.bindMemory(to: UInt8.self), source: path, columns: columns)
        }
    }

    /// CNT 1.5.2's input CSV (what `compute_networks DB preprocess --format csv` reads), read
    /// straight from its bytes with the mapping documented on the type: a row with a
    /// `repost_id` is a repost, else one with a `reply_id` a reply; `urls` is split at single
    /// spaces, as CNT splits it. `source` names the file in errors.
    ///
    /// Stricter than CNT where CNT would go on with something else than the file says: the
    /// header must be CNT's, every record must have its 8 fields, times must be whole seconds
    /// (`CoAction`), and the text must be UTF-8 (CNT stops there too).
    ///
    /// Parts of the file are read on all cores, each from a line break near its share of the
    /// bytes; a part is read again from where the one before it ended in the rare case that the
    /// line break was inside a quoted field.
    package init(cntCSV bytes: UnsafeBufferPointer<UInt8>, source: String, columns: Columns = .all) throws(MethodsError) {
        try self.init(cntCSV: bytes, source: source, columns: columns,
                      parts: bytes.count < 1 << 20 ? 1 : ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `init(cntCSV:source:columns:)` in `parts` parts (tests choose how many).
    init(cntCSV bytes: UnsafeBufferPointer<UInt8>, source: String, columns: Columns, parts partCount: Int) throws(MethodsError) {
        precondition(partCount >= 1, "at least one part")
        let shared = SharedBytes(buffer: bytes)
        let count = bytes.count
        var starts = [0]
        for part in 1..<partCount {
            let guess = count / partCount * part
            let lineBreak = bytes[guess...].firstIndex(of: 0x0A).map { $0 + 1 } ?? count
            starts.append(max(lineBreak, starts[part - 1]))
        }
        starts.append(count)
        let parts = CoActionParallel.map(parts: partCount) { [starts] part in
            Result { () throws(MethodsError) in
                try Self.readCNTRecords(shared.buffer, from: starts[part], to: starts[part + 1], header: part == 0,
                                        source: source, columns: columns)
            }
        }
        var builder = try parts[0].get().builder
        var end = try parts[0].get().end
        for part in parts.dropFirst() {
            guard case .success(let read) = part, read.start == end else {
                // The part began inside a quoted field: read the rest again, from where the last one ended.
                builder.append(try Self.readCNTRecords(bytes, from: end, to: count, header: false, source: source,
                                                       columns: columns).builder)
                break
            }
            builder.append(read.builder)
            end = read.end
        }
        self = builder.input()
    }

    /// The records of CNT's CSV that start in `bytes[from..<to]` (the header first if `header`),
    /// and where the last one ends.
    private static func readCNTRecords(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, header: Bool, source: String,
                                       columns: Columns) throws(MethodsError) -> (builder: Builder, start: Int, end: Int) {
        func problem(at offset: Int, _ reason: String) -> MethodsError {
            .invalidCNTInput(source: source, line: bytes[..<min(offset, bytes.count)].count { $0 == 0x0A } + 1, reason: reason)
        }
        if let invalid = firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[from..<to])) {
            throw problem(at: from + invalid, "not UTF-8")
        }
        let scanner = CSVScanner()
        var spans: [CSVScanner.FieldSpan] = []
        var unquoted: [UInt8] = []
        // The first part gets room for the whole file: the parts after it are appended to it.
        let room = header ? bytes.count : to - from
        var builder = Builder(columns: columns, messages: room / 64, bytes: room)
        var position = from
        var header = header
        while position < to {
            let start = position
            unquoted.removeAll(keepingCapacity: true)
            do throws(CSVScanner.Problem) {
                position = try scanner.fieldSpans(in: bytes, from: start, into: &spans, unquoted: &unquoted)
            } catch {
                throw problem(at: error.offset, error.problem)
            }
            guard spans.count == cntColumns.count else {
                throw problem(at: start, "\(spans.count) fields where CNT's CSV has \(cntColumns.count)")
            }
            try unquoted.withUnsafeBufferPointer { (unquoted) throws(MethodsError) in
                func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: (spans[index].quoted ? unquoted : bytes)[spans[index].range])
                }
                if header {
                    guard (0..<spans.count).allSatisfy({ field($0).elementsEqual(cntColumns[$0].utf8) }) else {
                        throw problem(at: start, "the header is not CNT's " + cntColumns.joined(separator: ","))
                    }
                    header = false
                    return
                }
                guard let time = wholeSeconds(field(6)) else {
                    throw problem(at: start, "timestamp \"\(String(decoding: field(6), as: UTF8.self))\" is not whole seconds")
                }
                let repost = field(3), reply = field(4)
                let kind: Builder.Kind = !repost.isEmpty ? .repost : !reply.isEmpty ? .reply : .post
                builder.addMessage(postID: field(0), author: field(1), time: time, kind: kind,
                                   reference: kind == .repost ? repost : reply, text: field(5))
                guard kind != .repost && columns.contains(.urls) else { return }
                let urls = field(7)
                var first = 0
                for (index, byte) in urls.enumerated() where byte == UInt8(ascii: " ") {
                    builder.addURL(UnsafeBufferPointer(rebasing: urls[first..<index]))
                    first = index + 1
                }
                builder.addURL(UnsafeBufferPointer(rebasing: urls[first...]))
            }
        }
        if header { throw problem(at: 0, "no header") }
        return (builder, from, position)
    }

    /// A decimal integer with an optional minus sign, or nil.
    private static func wholeSeconds(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        var digits = field[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, tens <= Int64.max - Int64(byte - UInt8(ascii: "0")) else { return nil }
            value = tens + Int64(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil. ASCII is skipped 32
    /// bytes at a time; every other run ends at an ASCII byte, so runs are checked one by one.
    private static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        var index = 0
        while index < bytes.count {
            if index + 32 <= bytes.count
                && (word(index) | word(index + 8) | word(index + 16) | word(index + 24)) & 0x8080_8080_8080_8080 == 0 {
                index += 32
                continue
            }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let run = index
            while index < bytes.count && bytes[index] >= 0x80 { index += 1 }
            if String(validating: bytes[run..<index], as: UTF8.self) == nil { return run }
        }
        return nil
    }
}

/// The bytes of a CSV, shared by the tasks that read its parts.
///
/// `@unchecked Sendable` because it carries a raw pointer: the tasks only read the bytes, and
/// `CoActionInput(cntCSV:source:columns:parts:)` waits for all of them, and its caller keeps the
/// bytes alive until it returns.
private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}
