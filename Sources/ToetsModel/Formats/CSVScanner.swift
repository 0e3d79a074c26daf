/// Splits RFC 4180 CSV into records of fields, working on bytes.
///
/// Quoted fields may hold separators, quotes (doubled) and line breaks; CRLF and LF both end a
/// record. A quote inside an unquoted field, or text after a closing quote, is an error that
/// names the byte offset, so a broken row goes to quarantine instead of shifting columns.
package struct CSVScanner {
    package let separator: UInt8

    package init(separator: UInt8 = UInt8(ascii: ",")) {
        self.separator = separator
    }

    /// A record that could not be split.
    package struct Problem: Error, Sendable, CustomStringConvertible {
        package var offset: Int
        package var problem: String
        package var description: String { "invalid CSV at byte \(offset): \(problem)" }
    }

    /// A field of a record, as bytes: `bytes[range]` of the input, or for a quoted field
    /// `unquoted[range]`, its quotes undone. `end` is where the field ends in the input.
    package struct FieldSpan: Sendable {
        package var quoted: Bool
        package var range: Range<Int>
        package var end: Int
    }

    /// The fields of the record starting at `start` in `bytes`, and where the next record begins.
    /// `start` must not be at the end.
    package func record(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(Problem) -> (fields: [String], next: Int) {
        var spans: [FieldSpan] = []
        var unquoted: [UInt8] = []
        let next = try fieldSpans(in: bytes, from: start, into: &spans, unquoted: &unquoted)
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for span in spans {
            let text = span.quoted ? unquoted.withUnsafeBufferPointer { Self.text(UnsafeBufferPointer(rebasing: $0[span.range])) }
                                   : Self.text(UnsafeBufferPointer(rebasing: bytes[span.range]))
            guard let text else { throw Problem(offset: span.end, problem: "a field is not valid UTF-8") }
            fields.append(text)
        }
        return (fields, next)
    }

    /// `bytes` as text if they are valid UTF-8. ASCII (most fields) is taken as it is, without
    /// the general validation.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var mask: UInt8 = 0
        for byte in bytes { mask |= byte }
        return mask < 0x80 ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The fields of the record starting at `start` in `bytes` as spans, without making strings
    /// (`spans` is emptied first; quoted fields are appended to `unquoted`), and where the next
    /// record begins. `start` must not be at the end.
    package func fieldSpans(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, into spans: inout [FieldSpan],
                            unquoted: inout [UInt8]) throws(Problem) -> Int {
        spans.removeAll(keepingCapacity: true)
        let count = bytes.count
        var position = start
        while true {
            if position < count && bytes[position] == UInt8(ascii: "\"") {
                position += 1
                let first = unquoted.count
                while true {
                    // Copy the run up to the next quote at once.
                    let run = position
                    position = Self.skipWords(bytes, from: position) { Self.bytesEqual($0, UInt8(ascii: "\"")) }
                    while position < count && bytes[position] != UInt8(ascii: "\"") { position += 1 }
                    unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
                    guard position < count else { throw Problem(offset: position, problem: "unterminated quoted field") }
                    if position + 1 < count && bytes[position + 1] == UInt8(ascii: "\"") {
                        unquoted.append(UInt8(ascii: "\""))
                        position += 2
                        continue
                    }
                    position += 1
                    break
                }
                guard position == count || bytes[position] == separator || bytes[position] == 0x0A
                    || bytes[position] == 0x0D else {
                    throw Problem(offset: position, problem: "text after a closing quote")
                }
                spans.append(FieldSpan(quoted: true, range: first..<unquoted.count, end: position))
            } else {
                let fieldStart = position
                while true {
                    // Whole words without a separator, quote or control character (LF and CR
                    // among them), then the byte that stopped them.
                    position = Self.skipWords(bytes, from: position) {
                        Self.bytesBelow($0, 0x0E) | Self.bytesEqual($0, UInt8(ascii: "\"")) | Self.bytesEqual($0, separator)
                    }
                    guard position < count else { break }
                    let byte = bytes[position]
                    if byte == separator || byte == 0x0A || byte == 0x0D { break }
                    if byte == UInt8(ascii: "\"") { throw Problem(offset: position, problem: "a quote inside an unquoted field") }
                    position += 1
                }
                spans.append(FieldSpan(quoted: false, range: fieldStart..<position, end: position))
            }
            if position < count && bytes[position] == separator {
                position += 1
                continue
            }
            if position < count && bytes[position] == 0x0D { position += 1 }
            if position < count && bytes[position] == 0x0A { position += 1 }
            return position
        }
    }

    /// From `position`, skips 8 bytes at a time up to the word where `special` first flags a
    /// byte (or the last whole word); the caller goes on byte by byte from there.
    @inline(__always)
    private static func skipWords(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int,
                                  _ special: (UInt64) -> UInt64) -> Int {
        guard let base = bytes.baseAddress else { return position }
        let raw = UnsafeRawPointer(base)
        var position = position
        while position + 8 <= bytes.count {
            let flags = special(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
            if flags != 0 { return position + flags.trailingZeroBitCount / 8 }
            position += 8
        }
        return position
    }

    /// The top bit of each byte of `word` equal to `byte`. Only the lowest flag is sure to be
    /// right: a borrow can flag bytes above it, never below.
    @inline(__always)
    private static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080
    }

    /// The top bit of each byte of `word` below `limit` (at most 0x80); as in `bytesEqual`,
    /// only the lowest flag is sure to be right.
    @inline(__always)
    private static func bytesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- (UInt64(limit) &* 0x0101_0101_0101_0101)) & ~word & 0x8080_8080_8080_8080
    }

    /// Every record of `bytes` with the line it starts on (1-based; a quoted line break moves the
    /// next record's line on). A broken record throws `LineProblem` with its line.
    package func numberedRecords(_ bytes: [UInt8]) throws(LineProblem) -> [(fields: [String], line: Int)] {
        var records: [(fields: [String], line: Int)] = []
        var line = 1
        try bytes.withUnsafeBufferPointer { (buffer) throws(LineProblem) in
            var position = 0
            while position < buffer.count {
                let next: Int
                do throws(Problem) {
                    let record = try record(in: buffer, from: position)
                    records.append((record.fields, line))
                    next = record.next
                } catch {
                    throw LineProblem(line: line, problem: error.problem)
                }
                line += buffer[position..<next].count { $0 == 0x0A }
                position = next
            }
        }
        return records
    }

    /// A record that could not be split, by line.
    package struct LineProblem: Error, Sendable {
        package var line: Int
        package var problem: String
    }

    /// Every record of a small text, for tests and headers.
    package func records(_ text: String) throws(Problem) -> [[String]] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Problem) in
            var records: [[String]] = []
            var position = 0
            while position < buffer.count {
                let (fields, next) = try record(in: buffer, from: position)
                records.append(fields)
                position = next
            }
            return records
        }
    }

    /// `value` as a CSV field: quoted when it holds a separator, a quote or a line break, with
    /// quotes doubled (RFC 4180).
    package static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// Appends the bytes of `field(value)` to `out` without making a string of them (writers of
    /// millions of rows).
    package static func appendField(_ value: String, to out: inout [UInt8]) {
        var quoted = false, quote = false
        for byte in value.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            quoted = true
            if byte == UInt8(ascii: "\"") { quote = true }
        }
        guard quoted else { return out.append(contentsOf: value.utf8) }
        // Beyond ASCII a quote can be part of a larger character, which `field` leaves single.
        guard !quote || value.utf8.allSatisfy({ $0 < 0x80 }) else { return out.append(contentsOf: field(value).utf8) }
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
