import Foundation
import Testing
import ToetsModel
@testable import ToetsReport

/// Number formatting, scales, the bilingual catalogue and the identifier guard.
@Suite struct TextTests {
    @Test func numbersAreFormattedOneWayPerLanguage() {
        let en = Language.en.numbers, nl = Language.nl.numbers
        #expect(en.decimal(0.825, digits: 2) == "0.82" || en.decimal(0.825, digits: 2) == "0.83")
        #expect(en.decimal(0.125, digits: 2) == "0.13", "half away from zero on an exact binary value")
        #expect(en.decimal(-0.001, digits: 2) == "0.00", "no minus zero")
        #expect(en.decimal(-0.25, digits: 2) == "−0.25")
        #expect(nl.decimal(1234.5, digits: 1) == "1234,5")
        #expect(nl.decimal(12345.5, digits: 1) == "12\u{00A0}345,5")
        #expect(en.integer(48_210) == "48\u{00A0}210" && en.integer(2000) == "2000")
        #expect(en.percent(0.198, digits: 1) == "19.8%" && nl.percent(0.198, digits: 1) == "19,8%")
        #expect(en.pValue(0.0004) == "<\u{00A0}0.001" && nl.pValue(0.036) == "0,036")
        #expect(en.decimal(.nan, digits: 2) == "–" && en.decimal(nil, digits: 2) == "–")
        #expect(en.perBase(0.625, base: 100) == "63" && en.perBase(0.0247, base: 1000) == "25")
        #expect(en.estimate(Estimate(0.5, lower: 0.4, upper: 0.6)) == "0.50 (0.40–0.60)")
        #expect(en.estimate(Estimate(0.03, lower: -0.05, upper: 0.1)) == "0.03 (−0.05 to 0.10)")
        #expect(nl.estimate(Estimate(0.03, lower: -0.05, upper: 0.1)) == "0,03 (−0,05 tot 0,10)")
        #expect(en.duration(3.25) == "3.3\u{00A0}s" && en.duration(185) == "3\u{00A0}min 05\u{00A0}s")
        #expect(SVGWriter.number(-0.001) == "0" && SVGWriter.number(12.5) == "12.5" && SVGWriter.number(.nan) == "0")
    }

    @Test func linearScalesChooseNiceTicks() {
        let unit = Scale(.linear, domain: 0...1, range: (0, 100))
        #expect(unit.ticks() == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(unit.tickDigits() == 1)
        #expect(unit.position(0.25) == 25)
        #expect(unit.position(2) == 100, "clamped to the domain")
        #expect(Scale.niceDomain(0, 37) == 0...40)
        #expect(Scale.niceDomain(0, 0.87) == 0...1)
        #expect(Scale(.linear, domain: 0...40, range: (0, 1)).ticks() == [0, 10, 20, 30, 40])
        #expect(Scale(.linear, domain: -0.3...0.3, range: (0, 1)).ticks() == [-0.2, 0, 0.2])
        #expect(Scale(.linear, domain: -0.4...0.4, range: (0, 1)).ticks() == [-0.4, -0.2, 0, 0.2, 0.4])
        #expect(Scale(.linear, domain: 0...2.5, range: (0, 1)).ticks() == [0, 0.5, 1, 1.5, 2, 2.5])
        let flipped = Scale(.linear, domain: 0...1, range: (300, 20))
        #expect(flipped.position(0) == 300 && flipped.position(1) == 20)
    }

    @Test func logScalesTickAtPowersOfTen() {
        let wide = Scale(.log, domain: 0.0001...1, range: (0, 400))
        #expect(wide.ticks() == [0.0001, 0.001, 0.01, 0.1, 1])
        #expect((wide.position(0.01) - 200).magnitude < 1e-9)
        #expect(wide.position(0) == 0 && wide.position(-1) == 0, "non-positive values go to the lower end")
        #expect(Scale(.log, domain: 0.01...1, range: (0, 1)).ticks() == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
    }

    static let groups: [(String, [Bilingual])] = [
        ("ChartWords", ChartWords.allCases.map(\.text)), ("DocumentWords", DocumentWords.allCases.map(\.text)),
        ("CoordinationKind", CoordinationKind.allCases.map(\.text)), ("KlankbordText", KlankbordText.allCases.map(\.text)),
        ("ResultsText", ResultsText.allCases.map(\.text)), ("StrataText", StrataText.allCases.map(\.text)),
        ("AnnexText", AnnexText.allCases.map(\.text)), ("IAMAText", IAMAText.allCases.map(\.text)),
        ("DecisionText", DecisionText.allCases.map(\.text)), ("PilotText", PilotText.allCases.map(\.text)),
        ("RobustnessText", RobustnessText.allCases.map(\.text)),
        ("MethodFamily", MethodFamily.allCases.map(\.text)), ("HarmText", HarmText.allCases.map(\.text)),
        ("LegalText", LegalText.allCases.map(\.text)),
    ]

    @Test func everyCatalogueTextHasBothLanguagesWithTheSameSlotsAndItems() {
        var same = 0, total = 0
        for (group, texts) in TextTests.groups {
            for text in texts {
                total += 1
                #expect(!text.en.isEmpty && !text.nl.isEmpty, "\(group): \(text.en)")
                #expect(Bilingual.slots(in: text.en) == Bilingual.slots(in: text.nl), "\(group): \(text.en)")
                #expect(text.en.split(separator: "|").count == text.nl.split(separator: "|").count, "\(group): \(text.en)")
                #expect(text.en == text.en.trimmingCharacters(in: .whitespaces) || text.en.hasPrefix(" ("), "\(group): \(text.en)")
                #expect(!text.en.contains("  ") && !text.nl.contains("  "), "\(group): \(text.en)")
                if text.en == text.nl { same += 1 }
            }
        }
        // Names and symbols read alike (F1, SHA-256, IAMA, fans, …); prose never does.
        #expect(same * 8 < total, "\(same) of \(total) texts are identical in both languages")
    }

    @Test func everyKindTheLabelsSuggestHasWordsInBothLanguages() {
        #expect(CoordinationKind.allCases.map(\.rawValue) == LabelsFile.kinds)
        #expect(CoordinationKind.label("sports_clubs")(.nl) == "sports_clubs")  // another kind, as written
    }

    @Test func slotsAreFilledPerLanguage() {
        let text = Bilingual(en: "{n} of {m}", nl: "{n} van {m}")
            .filled(["n": Bilingual(en: "0.5", nl: "0,5"), "m": Bilingual(both: "3")])
        #expect(text.en == "0.5 of 3" && text.nl == "0,5 van 3")
        #expect(Bilingual(both: "{missing}").filled([String: String]())(.en) == "{missing}")
    }

    @Test func theGuardMasksIdentifiersAndLeavesOrdinaryTextAlone() {
        let masked = [
            "canary.e3cdec@toets-canary.example", "06-95787301", "NL84 TRIO 7027 2573 25", "287728924", "@canary_e3cdec",
            "x:1390000000000000", "+31 6 1234 5678", "192.168.100.100",
        ]
        for identifier in masked {
            let text = "before \(identifier), after"
            let scrubbed = IdentifierGuard.scrub(text)
            #expect(!scrubbed.contains(identifier), "\(identifier) → \(scrubbed)")
            #expect(scrubbed.hasPrefix("before ") && scrubbed.hasSuffix(", after"), "\(scrubbed)")
        }
        #expect(IdentifierGuard.scrub("see https://t.me/some_person/123 now") == "see https://t.me/[***] now")
        #expect(IdentifierGuard.scrub("(https://doi.org)") == "(https://doi.org)")
        let kept = [
            "Period 2026-02-16 to 2026-03-18.", "Swift 6.3.1 on 2 cores, 24 GiB", "score ≥ 0.5, window 60 s",
            "a3ceb9917e0c5b2d6f1e8a4c7b9d0e2f3a4b5c6d", "12345678abcdef", "F1 of A minus F1 of B", "k = 10",
            "48\u{00A0}210 posts", "Kamerstuk 35 165", "C1",
        ]
        for text in kept { #expect(IdentifierGuard.scrub(text) == text, "\(text)") }
    }
}
