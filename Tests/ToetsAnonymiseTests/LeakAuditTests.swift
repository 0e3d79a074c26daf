import Foundation
import Testing
import ToetsTestSupport
@testable import ToetsAnonymise

@Suite struct LeakAuditTests {
    /// Hits as "label|form|line", in the order they were found.
    func found(_ result: LeakScanResult) -> [String] {
        result.hits.map { "\($0.label)|\($0.form.rawValue)|\($0.line)" }
    }

    func scan(_ text: String, _ values: [(label: String, value: String)], chunkSize: Int = 1 << 20) -> LeakScanResult {
        LeakAudit(values: values).scan(Array(text.utf8), chunkSize: chunkSize)
    }

    @Test func eachFormPlantedInATextIsFoundWithItsLabelFormAndLine() {
        let values = [
            (label: "e-mail", value: "Anna.Jansen@Ziggo.nl"),
            (label: "name", value: "Zoe\u{308} Ga\u{EB}l"),  // neither NFC nor NFD as given
            (label: "spaced", value: "anna jansen@ziggo.nl"),
            (label: "city", value: "\u{D8}rsted Malm\u{F6} \u{1F600}"),
            (label: "quoted", value: #"say "hi"/bye"#),
        ]
        let lines = [
            "header",
            "mail from Anna.Jansen@Ziggo.nl today",
            "lower: anna.jansen@ziggo.nl",
            "nfc: Zo\u{EB} Ga\u{EB}l",
            "nfd: Zoe\u{308} Gae\u{308}l",
            "url: https://x.example/?q=anna%20jansen%40ziggo.nl&x=1",
            "path: /u/%c3%98rsted%20Malm%c3%b6%20%f0%9f%98%80/",
            #"{"note":"say \"hi\"\/bye"}"#,
            #"{"city":"\u00d8rsted Malm\u00f6 \ud83d\ude00"}"#,
            "blob: " + Data("Anna.Jansen@Ziggo.nl".utf8).base64EncodedString(),
        ]
        let result = scan(lines.joined(separator: "\n"), values)
        #expect(found(result) == [
            "e-mail|raw|2", "e-mail|lowercase|3", "name|nfc|4", "name|nfd|5", "spaced|percent-encoded|6",
            "city|percent-encoded|7", "quoted|json-escaped|8", "city|json-escaped|9", "e-mail|base64|10",
        ])
        #expect(result.totalHits == 9)
    }

    @Test func whatJSONEncoderWritesIsFoundAsJSONEscaped() throws {
        let value = #"say "hi"/bye"#
        let json = try JSONEncoder().encode(["note": value])
        let result = LeakAudit(values: [(label: "quoted", value: value)]).scan([UInt8](json))
        #expect(result.hits.map(\.form) == [.jsonEscaped])
    }

    @Test func cleanTextGivesNoHits() {
        let values = [(label: "e-mail", value: "Anna.Jansen@Ziggo.nl"), (label: "id", value: "1397482210")]
        let text = """
            Anna.Jansen@Ziggo.n is cut short, Anna-Jansen@Ziggo.nl has a dash, 139748221 lacks a digit,
            \(Data("Anna.Jansen@Ziggo.n".utf8).base64EncodedString()) encodes another value.
            """
        let result = scan(text, values)
        #expect(result.isClean)
        #expect(result.hits.isEmpty)
        #expect(result.byteCount == text.utf8.count)
    }

    @Test func aMatchAcrossAChunkBoundaryIsFound() throws {
        // The base64 form is the audit's longest pattern: the scan must keep all but its last byte.
        let text = "one\ntwo\nthree Kiezer_NL four\n\nfive kiezer_nl\nsix \(Data("Kiezer_NL".utf8).base64EncodedString())\n"
        let audit = LeakAudit(values: [(label: "handle", value: "Kiezer_NL")])
        let expected = [
            LeakHit(label: "handle", form: .raw, offset: 14, length: 9, line: 3),
            LeakHit(label: "handle", form: .lowercase, offset: 35, length: 9, line: 5),
            LeakHit(label: "handle", form: .base64, offset: 49, length: 12, line: 6),
        ]
        let directory = TemporaryDirectory()
        let path = try directory.write("export.txt", text)
        // Every chunk size puts a boundary at every position inside each value at some point.
        for chunkSize in 1...(text.utf8.count + 1) {
            #expect(audit.scan(Array(text.utf8), chunkSize: chunkSize).hits == expected, "chunk size \(chunkSize)")
            let fromFile = try audit.scan(file: path, chunkSize: chunkSize)
            #expect(fromFile.hits == expected, "file, chunk size \(chunkSize)")
            #expect(fromFile.byteCount == text.utf8.count)
        }
    }

    @Test func base64IsFoundAtAllThreeAlignments() {
        // '?' and '>' give base64 characters that differ between the two alphabets.
        let value = "??>>~~Zo\u{EB}"
        let audit = LeakAudit(values: [(label: "canary", value: value)])
        var alphabetsDiffer = false
        for prefix in ["", "x", "xy"] {
            for suffix in ["", "!", "!?", "!?#"] {
                let standard = Data((prefix + value + suffix).utf8).base64EncodedString()
                let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                alphabetsDiffer = alphabetsDiffer || standard != urlSafe
                for encoded in [standard, urlSafe] {
                    let hits = audit.scan(Array("data=\(encoded)&more".utf8)).hits
                    let firstCharacter = (8 * prefix.utf8.count + 5) / 6
                    #expect(hits.map(\.form) == [.base64], "prefix \(prefix.utf8.count), suffix \(suffix.utf8.count)")
                    #expect(hits.first?.offset == 5 + firstCharacter)
                }
            }
        }
        #expect(alphabetsDiffer)
    }

    @Test func overlappingPatternsAreBothReported() {
        let values = [
            (label: "local", value: "sanne.dejong"), (label: "address", value: "dejong@gmail.com"),
            (label: "domain", value: "gmail.com"), (label: "whole", value: "pjansen12345"),
            (label: "part", value: "jansen1234"), (label: "address lines", value: "Jansen\nAmsterdam 1012"),
            (label: "city", value: "Amsterdam"),
        ]
        let result = scan("mail sanne.dejong@gmail.com or pjansen12345\nP. Jansen\nAmsterdam 1012\n", values)
        // In the order their last byte is read; of two ending together, the longer first. A hit
        // can start before the one reported just before it, on an earlier line.
        #expect(result.hits.map { "\($0.label)@\($0.offset):\($0.line)" } == [
            "local@5:1", "address@11:1", "domain@18:1", "part@32:1", "whole@31:1", "city@54:3", "address lines@47:2",
        ])
    }

    @Test(arguments: 300...303)
    func aLongChunkScannedInTwoHalvesLosesAndRepeatsNoHit(lineCount: Int) {
        let text = (1...lineCount).map { "regel \($0): @Kiezer_NL" }.joined(separator: "\n")
        let bytes = Array(text.utf8)
        let value = Array("@Kiezer_NL".utf8)
        let result = LeakAudit(values: [(label: "handle", value: "@Kiezer_NL")]).scan(bytes, maximumHits: 10_000)
        #expect(bytes.count > LeakAutomaton.interleaveThreshold)
        #expect(result.hits.map(\.line) == Array(1...lineCount))
        #expect(result.hits.allSatisfy { bytes[$0.offset..<($0.offset + $0.length)].elementsEqual(value) })
    }

    @Test func valuesBelowTheMinimumLengthAreReportedUnsearchable() {
        let audit = LeakAudit(values: [
            (label: "short", value: "abc"), (label: "empty", value: ""), (label: "ok", value: "abcdefgh"),
        ])
        #expect(audit.unsearchable == ["short", "empty"])
        #expect(found(audit.scan(Array("abc abcdefgh".utf8))) == ["ok|raw|1"])

        let strict = LeakAudit(values: [(label: "id", value: "123456"), (label: "long", value: "1234567890")],
                               minimumLength: 10)
        #expect(strict.unsearchable == ["id"])

        let nothingToSearch = LeakAudit(values: [(label: "short", value: "abc")])
        #expect(nothingToSearch.patternCount == 0)
        #expect(nothingToSearch.scan(Array("abc abc".utf8)).isClean)
    }

    @Test func identicalPatternsAreReportedOnceUnderTheFirstLabelAndForm() {
        let audit = LeakAudit(values: [(label: "first", value: "kiezer_nl"), (label: "second", value: "kiezer_nl")])
        let result = audit.scan(Array("volg kiezer_nl".utf8))
        #expect(found(result) == ["first|raw|1"])  // the lower-case form is the same bytes: kept as raw
        #expect(result.totalHits == 1)
    }

    @Test func hitsPastTheCapAreCountedButNotKept() {
        let text = String(repeating: "leak 1397482210\n", count: 250)
        let audit = LeakAudit(values: [(label: "id", value: "1397482210")])
        let result = audit.scan(Array(text.utf8), chunkSize: 1000, maximumHits: 100)
        #expect(result.hits.count == 100)
        #expect(result.totalHits == 250)
        #expect(result.hits.last?.line == 100)
        #expect(audit.scan(Array(text.utf8), maximumHits: 0).totalHits == 250)
    }

    @Test func reportsNeverContainTheRawValue() throws {
        let value = "CANARY-7f3a9c"
        let audit = LeakAudit(values: [(label: "canary 3", value: value)])
        let result = audit.scan(Array("x \(value) y".utf8))
        let hit = try #require(result.hits.first)
        var dumped = ""
        dump(audit, to: &dumped)
        dump(result, to: &dumped)
        var error: LeakAuditError?
        do { _ = try audit.scan(file: "/nonexistent/\(UUID())") } catch let caught { error = caught }
        let texts = [
            hit.description, String(reflecting: hit), result.description, audit.description,
            String(reflecting: audit), dumped, String(describing: try #require(error)),
        ]
        #expect(texts.allSatisfy { !$0.contains(value) && !$0.localizedCaseInsensitiveContains("7f3a9c") })
        #expect(hit.description.contains("canary 3"))
    }

    @Test func anUnreadableFileIsAnErrorNamingThePath() throws {
        let audit = LeakAudit(values: [(label: "id", value: "1397482210")])
        let directory = TemporaryDirectory()
        for path in [directory.path + "/missing.txt", directory.path] {
            let error = #expect(throws: LeakAuditError.self) { try audit.scan(file: path) }
            guard case .unreadable(let named, _) = error else { continue }
            #expect(named == path)
            #expect("\(error!)".contains(path))
        }
    }

    @Test func searchFormsFollowTheEncodersRules() {
        let forms = LeakAudit.searchForms(of: "a/b \u{1F600}")
        func has(_ form: LeakForm, _ text: String) -> Bool {
            forms.contains { $0.form == form && $0.bytes == Array(text.utf8) }
        }
        #expect(has(.percentEncoded, "a%2Fb%20%F0%9F%98%80"))
        #expect(has(.percentEncoded, "a%2fb%20%f0%9f%98%80"))
        #expect(has(.percentEncoded, "a/b%20%F0%9F%98%80"))
        #expect(has(.percentEncoded, "a%2Fb+%F0%9F%98%80"))
        #expect(has(.jsonEscaped, #"a\/b 😀"#))
        #expect(has(.jsonEscaped, #"a/b \ud83d\ude00"#))
        #expect(has(.jsonEscaped, #"a\/b \uD83D\uDE00"#))
        #expect(LeakAudit.jsonEscapings(of: [0x01, 0x0A]).first == Array(#"\u0001\n"#.utf8))
        // "Man" alone and after one or two bytes ("TWFu", "eE1hbg==", "eHlNYW4="): only the characters its bytes fix.
        #expect(LeakAudit.base64Fragments(of: Array("Man".utf8)).map { String(decoding: $0, as: UTF8.self) }
                == ["TWFu", "TWFu", "1hb", "1hb", "NYW", "NYW"])
        #expect(Set(forms.map(\.bytes)).count == forms.count)
    }

    // A tiny dense table sends most steps through the sparse states; a text past the
    // interleave threshold is scanned as two halves.
    @Test(arguments: [0, 1 << 22], [3000, LeakAutomaton.interleaveThreshold + 5001])
    func theAutomatonAgreesWithABruteForceSearch(denseEntryLimit: Int, textLength: Int) {
        var random = SplitMix64(seed: 20260318)
        let alphabet = Array("ab\n".utf8)
        func word(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet[Int(random.next() % 3)] } }
        let patterns = (0..<60).map { _ in word(1 + Int(random.next() % 7)) }
        let text = word(textLength)
        let automaton = LeakAutomaton(patterns: patterns, denseEntryLimit: denseEntryLimit)
        var matches: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in
            _ = automaton.run(buffer, from: 0) { state, end in
                automaton.forEachPattern(endingAt: state) { matches.append([end, Int($0)]) }
            }
        }
        let firstIndex = Dictionary(patterns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: min)
        var expected: [[Int]] = []
        for end in text.indices {
            for length in 1...min(7, end + 1) {
                if let index = firstIndex[Array(text[(end + 1 - length)...end])] { expected.append([end, index]) }
            }
        }
        let missing = Set(expected).subtracting(matches)
        let extra = Set(matches).subtracting(expected)
        #expect(missing.isEmpty && extra.isEmpty, "missing \(missing.prefix(5)), extra \(extra.prefix(5))")
        #expect(matches.count == expected.count)
        #expect(matches == matches.sorted { $0[0] < $1[0] }, "reported in end order")
        #expect(expected.count > 1000)
    }

    @Test func theTwoHalvesOfALongInputMeetWithoutGapOrOverlap() {
        let automaton = LeakAutomaton(patterns: [Array("abcdefg".utf8), Array("cde".utf8)])
        for count in [LeakAutomaton.interleaveThreshold + 20, LeakAutomaton.interleaveThreshold + 21] {
            let middle = count / 2
            // The longest pattern planted at every start from wholly before to wholly after the middle.
            for start in (middle - 8)...(middle + 1) {
                var text = [UInt8](repeating: UInt8(ascii: "x"), count: count)
                text.replaceSubrange(start..<(start + 7), with: Array("abcdefg".utf8))
                var matches: [[Int]] = []
                text.withUnsafeBufferPointer { buffer in
                    _ = automaton.run(buffer, from: 0) { state, end in
                        automaton.forEachPattern(endingAt: state) { matches.append([end, Int($0)]) }
                    }
                }
                #expect(matches == [[start + 4, 1], [start + 6, 0]], "length \(count), start \(start)")
            }
        }
    }
}

/// A small seeded generator, so the random test is the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
