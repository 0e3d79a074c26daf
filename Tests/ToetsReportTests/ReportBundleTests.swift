import Foundation
import Testing
@testable import ToetsReport

/// The bundle as the report stage will use it: from a decoded ReportInput to files.
@Suite struct ReportBundleTests {
    @Test func reportInputRoundTripsThroughJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ReportFixture.input)
        let decoded = try JSONDecoder().decode(ReportInput.self, from: data)
        #expect(decoded == ReportFixture.input)
        #expect(decoded.schemaVersion == ReportInput.schemaVersion)
        #expect(ReportBundle(decoded).documents == ReportBundle(ReportFixture.input).documents)
    }

    @Test func nonFiniteFiguresBecomeUndefined() {
        let estimate = Estimate(.nan, lower: -.infinity, upper: 0.5)
        #expect(estimate.value == nil && estimate.lower == nil && estimate.upper == 0.5 && !estimate.hasInterval)
    }

    @Test func theBundleIsWrittenAsFilesWithTheirBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toets-bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = ReportBundle(ReportFixture.input)
        try bundle.write(to: folder.appendingPathComponent("reports/demo/run-0007").path)
        for document in bundle.documents {
            let written = try Data(contentsOf: folder.appendingPathComponent("reports/demo/run-0007/\(document.name)"))
            #expect([UInt8](written) == document.bytes, "\(document.name)")
        }
        #expect(throws: ReportError.self) { try bundle.write(to: "/proc/toets-cannot-write-here") }
    }

    @Test func aReportWithoutOptionalPartsSaysWhatIsMissing() {
        var input = ReportFixture.input
        input.methods = [ReportFixture.methods[2]]
        input.methods[0].precisionAtK = []
        input.comparisons = []
        input.strata = []
        input.campaigns = []
        input.legitimateCoordination = []
        input.overlap = []
        input.notes = []
        let html = KlankbordReport(input, language: .en).html
        for sentence in ["With a single method there is no comparison between methods.", "No pairs to compare.",
                         "No method has two published points of its error trade-off strictly between 0 and 1",
                         "No method declared its scores to be probabilities",
                         "No groups were defined for this run.", "No campaigns are labelled.",
                         "The labels name no kinds of legitimate coordination.", "No overlap was computed."] {
            #expect(html.contains(sentence), "\(sentence)")
        }
        #expect(Kamerbrief(input).html.contains("<li>"), "the letter still has its key results")
    }
}
