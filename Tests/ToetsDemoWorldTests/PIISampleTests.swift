import Foundation
import Testing
import ToetsAnonymise
import ToetsModel
@testable import ToetsDemoWorld

@Suite struct PIISampleTests {
    static let sample = PIISample(count: 2_000, seed: 11)

    func value(_ text: String, bytes: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[bytes], as: UTF8.self)
    }

    func value(_ text: String, characters: Range<Int>) -> String {
        String(String.UnicodeScalarView(Array(text.unicodeScalars)[characters]))
    }

    @Test func byteAndCharacterOffsetsPointAtTheSameValue() {
        var shifted = 0
        for text in Self.sample.texts {
            let spans = text.gold.map(\.span) + text.decoys.map(\.span)
            for span in spans {
                let byBytes = value(text.text, bytes: span.bytes)
                #expect(!byBytes.isEmpty && byBytes == value(text.text, characters: span.characters))
                #expect(byBytes.trimmingCharacters(in: .whitespaces) == byBytes)
                if span.bytes != span.characters { shifted += 1 }
            }
            let sorted = spans.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.bytes.upperBound <= $1.bytes.lowerBound })
        }
        // Accented words and emoji come before some values, so the two units really differ.
        #expect(shifted > 50)
    }

    @Test func theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
        #expect(PIISample(count: 200, seed: 11).texts == Array(Self.sample.texts.prefix(200)))
        #expect(PIISample(count: 200, seed: 12).texts != Array(Self.sample.texts.prefix(200)))
        #expect(PIISample(count: 200, seed: 11).jsonLines() == PIISample(count: 200, seed: 11).jsonLines())
    }

    @Test func aboutHalfCarryPersonalDataAndEveryKindAndNearMissOccurs() {
        let withPII = Self.sample.texts.count { !$0.gold.isEmpty }
        #expect((900...1_100).contains(withPII))
        #expect(Set(Self.sample.texts.flatMap { $0.gold.map(\.kind) }) == Set(PIIKind.withoutLists))
        #expect(Set(Self.sample.texts.flatMap { $0.decoys.map(\.nearMiss) }) == Set(PIISample.NearMiss.ofNumbersAndLinks))
    }

    @Test func checkDigitsAreRightInGoldAndWrongInNearMisses() {
        for text in Self.sample.texts {
            for gold in text.gold where gold.kind == .iban || gold.kind == .bsn {
                let planted = value(text.text, bytes: gold.span.bytes).replacingOccurrences(of: ".", with: "")
                #expect(gold.kind == .iban ? Checksums.isValidIBAN(planted) : Checksums.isValidBSN(planted), "\(planted)")
            }
            for decoy in text.decoys {
                let planted = value(text.text, bytes: decoy.span.bytes)
                switch decoy.nearMiss {
                case .ibanChecksum: #expect(!Checksums.isValidIBAN(planted), "\(planted)")
                case .bsnChecksum, .nineDigits: #expect(planted.count == 9 && !Checksums.isValidBSN(planted), "\(planted)")
                case .postcodeLike: #expect(!Checksums.isPostcode(planted), "\(planted)")
                case .plateLike: #expect(!Checksums.isLicencePlate(planted), "\(planted)")
                default: break
                }
            }
        }
    }

    @Test func jsonLinesCarryTheTextAndBothOffsets() throws {
        let lines = PIISample(count: 50, seed: 3).jsonLines().split(separator: 0x0A)
        #expect(lines.count == 50)
        let sample = PIISample(count: 50, seed: 3)
        for (line, text) in zip(lines, sample.texts) {
            let json = try JSONDocument(Array(line)).root
            #expect(json["text"]?.string == text.text)
            let gold = json["gold"]?.elements ?? []
            #expect(gold.map { $0["kind"]?.string } == text.gold.map(\.kind.rawValue))
            #expect(gold.map { $0["char_start"]?.int64 } == text.gold.map { Int64($0.span.characters.lowerBound) })
            #expect(gold.map { $0["end"]?.int64 } == text.gold.map { Int64($0.span.bytes.upperBound) })
        }
    }

    @Test func aFindingCountsWhenItOverlapsGoldOfItsKind() {
        // "Mail a@b.nl of 1-KAE-12": e-mail at bytes 5..<11, a plate-like near miss at 15..<23.
        let span = { (range: Range<Int>) in PIISample.Span(bytes: range, characters: range) }
        let text = PIISample.Text(text: "Mail a@b.nl of 1-KAE-12", gold: [.init(kind: .email, span: span(5..<11))],
                                  decoys: [.init(nearMiss: .plateLike, span: span(15..<23))])
        let sample = PIISample(seed: 0, texts: [text, text])
        let score = sample.score([
            [PIIPrediction(kinds: [.email], range: 7..<9), PIIPrediction(kinds: [.licencePlate], range: 15..<23)],
            [PIIPrediction(kinds: [.handle], range: 6..<11), PIIPrediction(kinds: [.profileURL, .email], range: 0..<6)],
        ], offsets: .bytes)
        #expect(score.counts(.email) == PIIScore.Counts(gold: 2, found: 2, reported: 2, right: 2))
        #expect(score.counts(.licencePlate) == PIIScore.Counts(gold: 0, found: 0, reported: 1, right: 0))
        #expect(score.counts(.handle) == PIIScore.Counts(gold: 0, found: 0, reported: 1, right: 0))
        #expect(score.falsePositivesByCause == ["licence-plate on plate-like": 1, "handle on other-kind": 1])
        #expect(score.total().precision == 0.5 && score.total().recall == 1)
    }
}
