import Foundation
import Testing
import ToetsModel
@testable import ToetsReport

/// No raw identifier reaches a report, even when a free-text field of the input carries one.
@Suite struct LeakTests {
    /// Identifier-like strings of every kind the guard knows, plus the demo world's canaries.
    static var planted: [String] {
        let canaries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/demo/canaries.txt")
        let demo = ((try? String(contentsOf: canaries, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        return demo + [
            "jan.jansen@example.nl", "@pietpuk1987", "0612345678", "+31 20 123 4567", "NL91ABNA0417164300",
            "111222333", "x:1766543210987654321", "tg:1234567890", "https://x.com/pietpuk1987/status/1766543210987654321",
            "10.20.30.40",
        ]
    }

    /// The fixture with a planted identifier in every free-text field.
    static var plantedInput: ReportInput {
        let planted = LeakTests.planted
        var input = ReportFixture.input
        func plant(_ index: Int) -> String { planted[index % planted.count] }
        input.notes = planted.map { DeclaredText("note mentioning \($0) by accident", nl: "notitie noemt \($0) per ongeluk") }
        input.groundTruth.sources.append(DeclaredText("list from " + plant(0)))
        input.groundTruth.labelling += " Contact " + plant(1) + "."
        input.groundTruth.agreement[0].name += " " + plant(2)
        for index in input.methods.indices {
            input.methods[index].summary += " Written by " + plant(index + 3) + "."
            input.methods[index].team += " " + plant(index + 4)
            input.methods[index].operatingPoint.howFixed += " by " + plant(index + 5)
            input.methods[index].parameters.append(ParameterLeaf(path: ["seed_account"], value: "\"\(plant(index + 6))\""))
            input.methods[index].codeDigests.append(NamedDigest("/home/" + plant(index + 7) + "/run.py",
                                                                ReportFixture.digest("x")))
        }
        input.methods[2].name = "near-duplicate " + plant(15)
        input.campaigns[0].campaign = "C1 " + plant(8)
        input.strata[0].cell = "x " + plant(9)
        input.legitimateCoordination[0].kind = "fans of " + plant(10)
        input.ingest?.quarantineReasons.append(NamedCount("bad line from " + plant(11), 1))
        input.anonymisation?.kept.append("bio of " + plant(12))
        input.reproducibility.command += " --user " + plant(13)
        input.reproducibility.hardware.append(NamedValue("host", plant(14)))
        input.reproducibility.commit = plant(3)
        input.run.intervalMethod += " " + plant(4)
        return input
    }

    @Test func noPlantedIdentifierAppearsInAnyDocument() {
        let bundle = ReportBundle(LeakTests.plantedInput)
        #expect(LeakTests.planted.count >= 15)
        for document in bundle.documents {
            let text = document.text
            for identifier in LeakTests.planted {
                #expect(!text.contains(identifier), "\(identifier) leaked into \(document.name)")
                // Entity-escaped variants would render as the identifier too.
                #expect(!text.contains(Escape.attribute(identifier)) || Escape.attribute(identifier) == identifier)
            }
        }
    }

    @Test func theMaskIsVisibleWhereSomethingWasRemoved() {
        let html = KlankbordReport(LeakTests.plantedInput, language: .en).html
        #expect(html.contains("note mentioning \(IdentifierGuard.mask) by accident"))
    }

    @Test func noReportHoldsPostTextsOrExactTimes() {
        // The input model has no field for them; this pins that no template invents one.
        for document in ReportBundle(ReportFixture.input).documents {
            #expect(document.text.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) == nil,
                    "an exact time in \(document.name)")
        }
    }
}

extension DeclaredText {
    /// Appends to both forms: a planted identifier must be caught in either language.
    static func += (text: inout DeclaredText, suffix: String) {
        text = DeclaredText(text.text + suffix, nl: (text.nl ?? text.text) + suffix)
    }
}
