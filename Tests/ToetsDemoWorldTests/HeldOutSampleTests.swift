import Testing
import ToetsAnonymise
import ToetsModel
@testable import ToetsDemoWorld

/// The benchmark's second sample: spans point at their values, every kind the benchmark
/// compares occurs, and its names are not the demo world's or the recognizer tests'.
@Suite struct HeldOutSampleTests {
    static let sample = HeldOutSample.make(count: 1_500, seed: 3)

    @Test func spansPointAtTheirValuesInBothUnits() {
        for text in Self.sample.texts {
            let bytes = Array(text.text.utf8)
            let scalars = Array(text.text.unicodeScalars)
            for span in text.gold.map(\.span) + text.decoys.map(\.span) {
                let byBytes = String(decoding: bytes[span.bytes], as: UTF8.self)
                #expect(!byBytes.isEmpty && byBytes == String(String.UnicodeScalarView(scalars[span.characters])))
            }
        }
    }

    @Test func everyComparedKindOccursAndTheNamesAreNewOnes() {
        let kinds = Set(Self.sample.texts.flatMap { $0.gold.map(\.kind) })
        #expect(kinds.isSuperset(of: [.person, .address, .bsn, .phone, .email, .iban, .postcode]))
        #expect(Set(HeldOutSample.firstNames).isDisjoint(with: DutchText.firstNames))
        #expect(Set(HeldOutSample.surnames).isDisjoint(with: DutchText.lastNames))
        #expect(HeldOutSample.make(count: 50, seed: 3).texts == Array(Self.sample.texts.prefix(50)))
    }
}
