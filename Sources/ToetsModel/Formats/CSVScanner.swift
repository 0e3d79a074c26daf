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

    /// The fields of the record starting at `start` in `bytes`, and where the next record begins.
    /// `start` must not be at the end.
    package func record(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(Problem) -> (fields: [String], next: Int) {
        var fields: [String] = []
        var position = start
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                position += 1
                while true {
                    guard position < bytes.count else { throw Problem(offset: position, problem: "unterminated quoted field") }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") {
                        if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    field.append(byte)
                    position += 1
                }
                guard position == bytes.count || bytes[position] == separator || bytes[position] == 0x0A
                    || bytes[position] == 0x0D else {
                    throw Problem(offset: position, problem: "text after a closing quote")
                }
            } else {
                let fieldStart = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == separator || byte == 0x0A || byte == 0x0D { break }
                    if byte == UInt8(ascii: "\"") { throw Problem(offset: position, problem: "a quote inside an unquoted field") }
                    position += 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fieldStart..<position]))
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw Problem(offset: position, problem: "a field is not valid UTF-8")
            }
            fields.append(text)
            if position < bytes.count && bytes[position] == separator {
                position += 1
                continue
            }
            if position < bytes.count && bytes[position] == 0x0D { position += 1 }
            if position < bytes.count && bytes[position] == 0x0A { position += 1 }
            return (fields, position)
        }
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
}
