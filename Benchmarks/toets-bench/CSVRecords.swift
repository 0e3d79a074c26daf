/// RFC 4180 records as Python's `csv` module writes and reads them: fields separated by
/// commas, records by `\n` (a `\r` before it is dropped), quoted fields may hold commas, line
/// breaks and doubled quotes.
///
/// Works on bytes: a field reaches `body` as a buffer that is valid only during the call.
enum CSVRecords {
    struct Malformed: Error, CustomStringConvertible {
        var record: Int
        var description: String { "CSV record \(record): unterminated quoted field" }
    }

    /// Calls `body` with the fields of each record, in order, and the record's number from 0.
    static func forEach(_ bytes: [UInt8],
                        _ body: (_ record: Int, _ fields: [UnsafeBufferPointer<UInt8>]) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var fields: [UnsafeBufferPointer<UInt8>] = []
            // Unquoted fields point into the input; quoted ones into `unquoted`, reset per record.
            var unquoted = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
            defer { unquoted.deallocate() }
            var spans: [(quoted: Bool, start: Int, end: Int)] = []
            var record = 0
            var index = 0
            while index < count {
                spans.removeAll(keepingCapacity: true)
                var used = 0
                // One record.
                while true {
                    if index < count && buffer[index] == 0x22 {
                        index += 1
                        let start = used
                        var closed = false
                        while index < count {
                            let byte = buffer[index]
                            if byte == 0x22 {
                                if index + 1 < count && buffer[index + 1] == 0x22 {
                                    index += 1
                                } else {
                                    index += 1
                                    closed = true
                                    break
                                }
                            }
                            if used == unquoted.count {
                                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: unquoted.count * 2)
                                _ = larger.initialize(from: unquoted)
                                unquoted.deallocate()
                                unquoted = larger
                            }
                            unquoted[used] = byte
                            used += 1
                            index += 1
                        }
                        if !closed { throw Malformed(record: record) }
                        spans.append((true, start, used))
                    } else {
                        let start = index
                        while index < count && buffer[index] != 0x2C && buffer[index] != 0x0A { index += 1 }
                        var end = index
                        if end > start && buffer[end - 1] == 0x0D && (index == count || buffer[index] == 0x0A) { end -= 1 }
                        spans.append((false, start, end))
                    }
                    // After a field: a comma starts the next one; a line break or the end ends the record.
                    if index < count && buffer[index] == 0x2C {
                        index += 1
                        continue
                    }
                    if index < count && buffer[index] == 0x0D { index += 1 }
                    if index < count && buffer[index] == 0x0A { index += 1 }
                    break
                }
                fields.removeAll(keepingCapacity: true)
                let base = buffer.baseAddress!, copy = UnsafeBufferPointer(unquoted)
                for span in spans {
                    fields.append(span.quoted ? UnsafeBufferPointer(rebasing: copy[span.start..<span.end])
                                              : UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
                }
                try body(record, fields)
                record += 1
            }
        }
    }

    static func string(_ field: UnsafeBufferPointer<UInt8>) -> String { String(decoding: field, as: UTF8.self) }

    /// A decimal integer, or nil.
    static func integer(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        var negative = false
        for (offset, byte) in field.enumerated() {
            if offset == 0 && byte == UInt8(ascii: "-") {
                negative = true
            } else if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int64(byte - 0x30)
                digits += 1
            } else {
                return nil
            }
        }
        return digits > 0 ? (negative ? -value : value) : nil
    }
}
