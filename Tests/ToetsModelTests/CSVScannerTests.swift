import Testing
@testable import ToetsModel

@Suite struct CSVScannerTests {
    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        let records = try CSVScanner().records("a,\"b,\"\"c\"\"\nd\",\r\n\"\",e\rf\n")
        #expect(records == [["a", "b,\"c\"\nd", ""], ["", "e"], ["f"]])
    }

    @Test func spansPointIntoTheInputOrIntoTheUnquotedCopy() throws {
        let bytes = Array("x,\"y\"\"z\",w\n".utf8)
        var spans: [CSVScanner.FieldSpan] = []
        var unquoted: [UInt8] = []
        let next = try bytes.withUnsafeBufferPointer { buffer in
            try CSVScanner().fieldSpans(in: buffer, from: 0, into: &spans, unquoted: &unquoted)
        }
        #expect(next == bytes.count)
        #expect(spans.map(\.quoted) == [false, true, false])
        #expect(Array(bytes[spans[0].range]) == Array("x".utf8))
        #expect(Array(unquoted[spans[1].range]) == Array("y\"z".utf8))
        #expect(Array(bytes[spans[2].range]) == Array("w".utf8))
        #expect(spans.map(\.end) == [1, 8, 10])
    }

    @Test func eachMistakeNamesItsByte() {
        func problem(_ text: String) -> String? {
            do {
                _ = try CSVScanner().records(text)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem("ab\"c\n") == "invalid CSV at byte 2: a quote inside an unquoted field")
        #expect(problem("\"ab\"c\n") == "invalid CSV at byte 4: text after a closing quote")
        #expect(problem("a,\"bc\n") == "invalid CSV at byte 6: unterminated quoted field")
    }

    /// Fields are scanned 8 bytes at a time; the bytes that end a field may sit anywhere in a
    /// word, next to bytes above 0x7F. A plain byte-by-byte reading must agree on every record.
    @Test func wordAtATimeScanningAgreesWithAByteByByteReading() {
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x20], [0x2C], [0x22], [0x0A], [0x0D], [0x09], [0x23], [0x21],
                                   [0xC3, 0xA9], [0xF0, 0x9F, 0x91, 0x8D]]
        var random = SeededRandom(seed: 7)
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...60, using: &random) {
                // Mostly letters, so that runs longer than a word occur.
                let pick = Int.random(in: 0..<24, using: &random)
                bytes += alphabet[pick < alphabet.count ? pick : 0]
            }
            #expect(Self.scan(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }

    /// Records as `[fields]` until the end or the first problem, given as its offset.
    static func scan(_ bytes: [UInt8]) -> [[String]] {
        bytes.withUnsafeBufferPointer { buffer in
            var records: [[String]] = []
            var position = 0
            while position < buffer.count {
                do throws(CSVScanner.Problem) {
                    let (fields, next) = try CSVScanner().record(in: buffer, from: position)
                    records.append(fields)
                    position = next
                } catch {
                    records.append(["problem at \(error.offset)"])
                    break
                }
            }
            return records
        }
    }

    /// The grammar read one byte at a time.
    static func reference(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var position = 0
        func field(_ value: [UInt8]) -> String { String(validating: value, as: UTF8.self) ?? "invalid" }
        while position < bytes.count {
            var value: [UInt8] = []
            if bytes[position] == 0x22 {
                position += 1
                while true {
                    guard position < bytes.count else { return records + [["problem at \(position)"]] }
                    if bytes[position] == 0x22 {
                        if position + 1 < bytes.count && bytes[position + 1] == 0x22 {
                            value.append(0x22)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    value.append(bytes[position])
                    position += 1
                }
                if position < bytes.count && ![0x2C, 0x0A, 0x0D].contains(bytes[position]) {
                    return records + [["problem at \(position)"]]
                }
            } else {
                while position < bytes.count && ![0x2C, 0x0A, 0x0D].contains(bytes[position]) {
                    if bytes[position] == 0x22 { return records + [["problem at \(position)"]] }
                    value.append(bytes[position])
                    position += 1
                }
            }
            fields.append(field(value))
            if position < bytes.count && bytes[position] == 0x2C {
                position += 1
                if position == bytes.count { fields.append("") }
                continue
            }
            if position < bytes.count && bytes[position] == 0x0D { position += 1 }
            if position < bytes.count && bytes[position] == 0x0A { position += 1 }
            records.append(fields)
            fields = []
        }
        if !fields.isEmpty { records.append(fields) }
        return records
    }
}
