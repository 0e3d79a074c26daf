import Foundation
import Testing
import ToetsModel
@testable import ToetsMethods

/// The text rules against CNT's own `message_preprocessor` and `tokenize` (then `split`), on
/// the cases in Fixtures/cnt/tokenize.jsonl: mixed scripts, emoji, marks, blanks, quotes.
@Suite struct CoActionTextTests {
    struct Case {
        var text: String
        var normalised: String
        var words: Set<String>
    }

    static func cases() throws -> [Case] {
        try CNTFixtures.bytes("tokenize.jsonl").split(separator: 0x0A).map { line in
            let root = try JSONDocument(Array(line)).root
            return Case(text: root["text"]?.string ?? "", normalised: root["normalised"]?.string ?? "",
                        words: Set(root["words"]?.elements.compactMap(\.string) ?? []))
        }
    }

    @Test func normalisedTextIsCNTsMessagePreprocessor() throws {
        let cases = try Self.cases()
        let wrong = cases.filter { CoActionText.normalised($0.text) != $0.normalised }
        #expect(cases.count >= 1500)
        #expect(wrong.count == 0, "\(wrong.count) of \(cases.count): \(wrong.prefix(5).map { ($0.text.debugDescription, CoActionText.normalised($0.text).debugDescription, $0.normalised.debugDescription) })")
    }

    @Test func wordsAreCNTsTokensSplitAtBlanks() throws {
        let cases = try Self.cases()
        let wrong = cases.filter { Set(CoActionText.tokens($0.text)) != $0.words }
        #expect(wrong.count == 0, "\(wrong.count) of \(cases.count): \(wrong.prefix(5).map { ($0.text.debugDescription, CoActionText.tokens($0.text).sorted(), $0.words.sorted()) })")
    }

    @Test func mentionsAndBlanksDoNotMatter() {
        #expect(CoActionText.normalised("  Vote NOW\t@bob_1\n now ") == "vote now now")
        #expect(CoActionText.normalised("mail a@b.example here") == "mail a here")
        #expect(CoActionText.normalised("@only @mentions") == "")
    }

    @Test func capitalSigmaLowerCasesAsFinalSigmaAtAWordsEnd() {
        #expect(CoActionText.normalised("ΟΔΟΣ Σ ΣΑ") == "οδος σ σα")
        #expect(CoActionText.normalised("ΟΔΟΣ").unicodeScalars.last == "ς")
    }

    @Test func anApostropheAfterABoundaryIsDroppedOneInsideAWordKept() {
        #expect(Set(CoActionText.tokens("'orange' it's DON'T")) == ["orange", "it's", "don't"])
        #expect(Set(CoActionText.tokens("3.14 a.b. x, y")) == ["3.14", "a.b", ".", "x", ",", "y"])
    }

    /// ASCII text is lower-cased, stripped and split on its bytes; the scalar way, checked
    /// against CNT above, must give the same on every mix of what word breaks look at.
    @Test func asciiTextGivesWhatTheScalarWayGives() {
        let pieces = ["a", "Z", "7", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{1C}", "'", "\"", ".", ",", ":", ";", "_",
                      "@", "@x", "-", "#", "!", "3.14", "don't", "e.g.", "a_b", "x@y.z", "'t", "1,000"]
        var random = SeededRandom(seed: 19)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var scalarWay: [String] = []
            CoActionText.forEachTokenOfUnicode(text) { scalarWay.append(String(decoding: $0, as: UTF8.self)) }
            #expect(CoActionText.tokens(text) == scalarWay, "\(text.debugDescription)")
            var normalised: [UInt8] = []
            CoActionText.appendNormalisedOfUnicode(text, to: &normalised)
            #expect(CoActionText.normalised(text) == String(decoding: normalised, as: UTF8.self), "\(text.debugDescription)")
        }
    }
}
