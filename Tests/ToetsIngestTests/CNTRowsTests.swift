import Testing
import ToetsModel
@testable import ToetsIngest

/// The fast path for CNT CSV rows (`CNTRows`) gives what the strict path gives, byte for byte:
/// the same lines, sort keys, quarantined records with their reasons and lines, skips and
/// counts, on rows of the usual shape and on rows one change away from it.
@Suite struct CNTRowsTests {
    static let header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"

    /// Pieces a field is made of: the usual, and every kind of byte a fast reading could get wrong.
    static let pieces: [[UInt8]] = [
        Array("1900000000000000001".utf8), Array("acc12_3".utf8), Array("stem op ons".utf8), Array(" ".utf8),
        Array("#Stem".utf8), Array("@Anna_B".utf8), Array("https://a.example/x".utf8), Array("x:".utf8), Array("x".utf8),
        Array("naïve één".utf8), Array("€😀".utf8), Array("\u{301}".utf8), Array("🇳🇱".utf8), Array("\u{212A}".utf8),
        [0x22], [0x22, 0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x09], [0x5C], [0x00], [0x1F], [0x7F],
        [0xEF, 0xBB, 0xBF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF],
        Array("-5".utf8), Array("+7".utf8), Array("1.5".utf8), Array("1e3".utf8), Array("0017".utf8),
        Array("9223372036854775807".utf8), Array("99999999999999999999".utf8), Array("1772540000".utf8),
        Array("'".utf8), Array("\u{A0}".utf8), Array("\u{2028}".utf8),
    ]

    struct Generator {
        var state: UInt64
        mutating func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }

        /// A field: usually plain, sometimes quoted, sometimes made of random pieces.
        mutating func field(_ plain: String) -> [UInt8] {
            switch next() % 10 {
            case 0: return []
            case 1, 2:
                var bytes: [UInt8] = []
                for _ in 0..<(next() % 4) { bytes += CNTRowsTests.pieces[next() % CNTRowsTests.pieces.count] }
                if next() % 2 == 0 {
                    // Quoted, with quotes doubled: a well-formed quoted field.
                    var quoted: [UInt8] = [0x22]
                    for byte in bytes { quoted.append(byte); if byte == 0x22 { quoted.append(0x22) } }
                    return quoted + [0x22]
                }
                return bytes
            case 3: return [0x22] + Array(plain.utf8) + [0x22]
            default: return Array(plain.utf8)
            }
        }

        mutating func row(_ index: Int) -> [UInt8] {
            let plain = ["\(1_900_000_000_000_000_000 + index)", "\(1000 + index % 50)", "acc\(index % 50)",
                         index % 3 == 0 ? "\(1_900_000_000_000_000_000 + index / 2)" : "", index % 5 == 0 ? "19" : "",
                         "stem op ons #Stem @anna https://x.example/\(index)", "\(1_772_540_000 + index)",
                         index % 4 == 0 ? "https://a.example/1 https://b.example/2 https://a.example/1" : ""]
            var fields = plain.map { field($0) }
            if next() % 25 == 0 { fields.removeLast() }
            if next() % 25 == 0 { fields.append(Array("extra".utf8)) }
            var row = fields.joined(separator: [0x2C]).map { $0 }
            switch next() % 20 {
            case 0: row += [0x0D, 0x0A]
            case 1: row += [0x0D]
            case 2: row = [0x20] + row + [0x0A]
            case 3: row = [0x0A]
            default: row += [0x0A]
            }
            return row
        }
    }

    static func compare(_ bytes: [UInt8], platform: String?, limits: IngestLimits = IngestLimits()) {
        let columns = CSVColumns(["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"])
        let work = RecordWork(archive: "a.tar.gz", entry: "m.csv", context: AdapterContext(platform: platform), limits: limits)
        let fast = work.csv(bytes, format: .cnt, columns: columns, firstLine: 2, firstOffset: 71)
        let strict = work.csv(bytes, format: .cnt, columns: columns, firstLine: 2, firstOffset: 71, strictOnly: true)
        #expect(fast.lines.bytes == strict.lines.bytes)
        // The sort keys byte for byte: time, where the line is, its length, the identifiers.
        #expect(fast.keys == strict.keys)
        #expect(fast.posts == strict.posts)
        #expect(fast.quarantine.map(\.canonicalLine) == strict.quarantine.map(\.canonicalLine))
        #expect(fast.skipped == strict.skipped)
        #expect(fast.records == strict.records)
        #expect(fast.postsWithoutPlatform == strict.postsWithoutPlatform)
    }

    @Test(arguments: [nil, "x", "télégram", "a\"b"])
    func generatedRowsGiveWhatTheStrictPathGives(platform: String?) {
        var generator = Generator(state: 19)
        var bytes: [UInt8] = []
        for index in 0..<20_000 { bytes += generator.row(index) }
        Self.compare(bytes, platform: platform)
    }

    /// Each row of the usual shape with one byte changed, inserted or removed, at every position.
    @Test func rowsOneByteAwayGiveWhatTheStrictPathGives() {
        let rows = ["1900000000000000001,1001,acc1,,,stem op ons #Stem @Anna https://x.example/a?b=1.,1772540000,https://a.example/1 https://b.example/2\n",
                    "x:1900000000000000002,1002,,1900000000000000001,,\"zeg \"\"ja\"\", naïve\",1772540001,\n"]
        let replacements: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x20, 0x5C, 0x00, 0x80, 0xC3, 0xFF, 0x2D, 0x2E, 0x23, 0x40]
        var bytes: [UInt8] = []
        for row in rows.map({ Array($0.utf8) }) {
            for position in 0..<row.count {
                for replacement in replacements {
                    var changed = row
                    changed[position] = replacement
                    bytes += changed
                    if changed.last != 0x0A { bytes.append(0x0A) }
                    var inserted = row
                    inserted.insert(replacement, at: position)
                    bytes += inserted
                }
                var removed = row
                removed.remove(at: position)
                bytes += removed
                if removed.last != 0x0A { bytes.append(0x0A) }
            }
        }
        Self.compare(bytes, platform: "x")
    }

    @Test func aRowLongerThanTheLimitIsQuarantinedAsByTheStrictPath() {
        var limits = IngestLimits()
        limits.set(.maxLineBytes, 64)
        let row = "1900000000000000001,1001,acc1,,,\(String(repeating: "lang ", count: 20)),1772540000,\n"
        Self.compare(Array((row + "1900000000000000002,1001,acc1,,,kort,1772540001,\n").utf8), platform: "x", limits: limits)
    }

    /// Whether the fast path takes `row` (so that the comparisons above test it, not only the strict path).
    static func takes(_ row: String, platform: String? = "x") -> Bool {
        let columns = CSVColumns(["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"])
        let rows = CNTRows(columns: columns, context: AdapterContext(platform: platform))
        var spans: [CSVScanner.FieldSpan] = []
        var unquoted: [UInt8] = []
        var scratch: [UInt8] = []
        var result = BatchResult()
        let bytes = Array(row.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard (try? CSVScanner().fieldSpans(in: buffer, from: 0, into: &spans, unquoted: &unquoted)) != nil else { return false }
            return unquoted.withUnsafeBufferPointer { rows.write(spans, row: buffer, unquoted: $0, scratch: &scratch, into: &result) }
        }
    }

    @Test func theUsualRowsTakeTheFastPathAndOthersDoNot() {
        #expect(Self.takes("1900000000000000001,1001,acc1,,,stem op ons #Stem,1772540000,https://a.example/1\n"))
        #expect(Self.takes("1,1,\"a,b\",2,,\"zeg \"\"ja\"\", naïve 😀\",0017,\n"))
        #expect(Self.takes("1,1,a,,,tekst,1,\n", platform: nil))
        #expect(!Self.takes("1,1,a,,,tekst,1,\n", platform: "télégram"))
        #expect(!Self.takes("1,1,a,,,tekst,-1,\n"))
        #expect(!Self.takes("1,1,a,,,tekst,1.0,\n"))
        #expect(!Self.takes("1,1,a,,,tekst,1\n"))
        #expect(!Self.takes("1,1,a,,,tekst,1,,\n"))
        #expect(!Self.takes("1é,1,a,,,tekst,1,\n"))
        #expect(!Self.takes("1,1,a,2é,,tekst,1,\n"))
        #expect(!Self.takes("1,1,a,,,tekst,1,https://a.example/é\n"))
        #expect(!Self.takes("1,,a,,,tekst,1,\n"))
    }

    /// Found by the comparison above: a timestamp beyond Int64 trapped (the process crashed)
    /// where it must quarantine the row.
    @Test func aTimestampBeyondInt64IsQuarantinedNotACrash() throws {
        let columns = CSVColumns(["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"])
        let work = RecordWork(archive: "a.tar.gz", entry: "m.csv", context: AdapterContext(platform: "x"), limits: IngestLimits())
        let rows = "1,1,a,,,t,99999999999999999999,\n2,1,a,,,t,1e300,\n3,1,a,,,t,nan,\n4,1,a,,,t,-inf,\n5,1,a,,,t,1.9,\n"
        let result = work.csv(Array(rows.utf8), format: .cnt, columns: columns, firstLine: 2, firstOffset: 0)
        #expect(result.quarantine.map(\.line) == [2, 3, 4, 5])
        #expect(result.quarantine.allSatisfy { $0.reason == "timestamp is not a number of seconds" })
        #expect(result.createdAts == [1])
        #expect(Timestamps.epoch(try JSONDocument(Array("1e300".utf8)).root) == nil)
        #expect(Timestamps.epoch(try JSONDocument(Array("1772540000.5".utf8)).root) == 1_772_540_000)
    }

    @Test func theEntityPrecheckFindsEveryHashMentionAndColon() {
        var generator = Generator(state: 23)
        let alphabet: [UInt8] = [0x23, 0x40, 0x3A, 0x22, 0x24, 0x3B, 0x3F, 0x41, 0x80, 0xA3, 0xC0, 0xFF, 0x00, 0x7F, 0x20]
        for _ in 0..<100_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(generator.next() % 20) {
                let special = generator.next() % 6 == 0
                let letter = UInt8(0x61 + generator.next() % 26)
                bytes.append(special ? alphabet[generator.next() % alphabet.count] : letter)
            }
            let marks: Set<UInt8> = [0x23, 0x40, 0x3A]
            let expected = bytes.contains(where: marks.contains)
            #expect(bytes.withUnsafeBufferPointer(CNTRows.mayHoldEntities) == expected, "\(bytes)")
        }
    }

    @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
        var generator = Generator(state: 7)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                                    0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var valid = 0
        for _ in 0..<200_000 {
            let bytes = (0..<(generator.next() % 12)).map { _ in interesting[generator.next() % interesting.count] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if expected { valid += 1 }
            #expect(bytes.withUnsafeBufferPointer(UTF8Sequence.isValid) == expected, "\(bytes)")
        }
        #expect(valid > 1_000)
    }
}

/// Cutting CSV into batches of whole records finds the last line break outside quotes as the
/// byte-by-byte reading does.
@Suite struct CSVBatchCutTests {
    @Test func theLastUnquotedLineBreakIsFoundAsByteByByte() {
        var generator = CNTRowsTests.Generator(state: 31)
        let alphabet: [UInt8] = [0x22, 0x0A, 0x0D, 0x2C, 0x61, 0x62, 0xC3, 0xA9, 0x22, 0x0A]
        for _ in 0..<20_000 {
            let bytes = (0..<(generator.next() % 40)).map { _ in alphabet[generator.next() % alphabet.count] }
            var inQuotes = false
            var expected = (last: -1, linesThrough: 0, lines: 0)
            for (index, byte) in bytes.enumerated() {
                if byte == 0x22 { inQuotes.toggle() } else if byte == 0x0A {
                    expected.lines += 1
                    if !inQuotes { (expected.last, expected.linesThrough) = (index, expected.lines) }
                }
            }
            let found = EntryReader.lastUnquotedNewline(bytes)
            #expect(found.last == expected.last && found.linesThrough == expected.linesThrough && found.lines == expected.lines,
                    "\(bytes)")
        }
    }
}

extension BatchResult {
    /// The created_at of each post, read from its key.
    var createdAts: [Int64] {
        var keys = keys
        var times: [Int64] = []
        PostKey.forEach(in: &keys) { times.append(PostKey.createdAt($0)) }
        return times
    }
}
