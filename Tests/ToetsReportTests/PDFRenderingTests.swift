import Foundation
import Testing
@testable import ToetsReport

/// HTML → PDF with Debian's weasyprint, then PDF → PNG pages (pdftoppm) and text (pdftotext).
///
/// These run wherever weasyprint and poppler-utils are installed, which `make test` sees to;
/// elsewhere they are skipped with the reason shown.
@Suite struct PDFRenderingTests {
    static let runner = ProcessCommandRunner()

    /// weasyprint and the other programs reports start get a small environment of their own:
    /// whatever toets was given (a hex pseudonymisation key) stays with toets.
    @Test func programsNeverInheritToetssEnvironment() throws {
        setenv("TOETS_TEST_REPORT_SECRET", "canary-7741", 1)
        let output = try Self.runner.run("/usr/bin/env", arguments: [], environment: ["SOURCE_DATE_EPOCH": "0"], input: [])
        let environment = String(decoding: output.standardOutput, as: UTF8.self)
        #expect(!environment.contains("canary-7741"))
        #expect(environment.contains("SOURCE_DATE_EPOCH=0"))
        #expect(Set(environment.split(separator: "\n").map { String($0.prefix { $0 != "=" }) })
                .isSubset(of: Set(ProcessCommandRunner.passedVariables + ["PATH", "SOURCE_DATE_EPOCH"])))
    }
    static let toolsPresent = ["weasyprint", "pdftoppm", "pdftotext", "pdfinfo"].allSatisfy { runner.locate($0) != nil }
    static let skipNote = "weasyprint or poppler-utils is not installed: run scripts/install-debian-packages.sh "
        + "weasyprint poppler-utils (make test does this)"

    /// Runs a poppler tool on `pdf` inside a temporary folder; returns its stdout and the folder's files.
    static func poppler(_ tool: String, _ arguments: [String], pdf: [UInt8]) throws -> (String, [String: Data]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toets-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.pdf")
        try Data(pdf).write(to: input)
        let executable = try #require(runner.locate(tool))
        let output = try runner.run(executable, arguments: arguments.map {
            $0.replacingOccurrences(of: "{pdf}", with: input.path).replacingOccurrences(of: "{dir}", with: folder.path)
        }, environment: [:], input: [])
        #expect(output.status == 0, "\(tool): \(String(decoding: output.standardError, as: UTF8.self))")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != "report.pdf" {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return (String(decoding: output.standardOutput, as: UTF8.self), files)
    }

    static func pages(_ pdf: [UInt8]) throws -> Int {
        let (info, _) = try poppler("pdfinfo", ["{pdf}"], pdf: pdf)
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    static func text(_ pdf: [UInt8]) throws -> String {
        try poppler("pdftotext", ["-layout", "{pdf}", "-"], pdf: pdf).0
            .replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    @Test(.enabled(if: toolsPresent, Comment(rawValue: skipNote)))
    func theKlankbordReportPrintsToA4PagesWithItsText() throws {
        let pdf = try PDFRenderer().pdf(html: KlankbordReport(ReportFixture.input, language: .en).html)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let pages = try PDFRenderingTests.pages(pdf)
        #expect((8...40).contains(pages), "\(pages) pages")
        let (_, images) = try PDFRenderingTests.poppler("pdftoppm", ["-r", "30", "-png", "{pdf}", "{dir}/page"], pdf: pdf)
        #expect(images.count == pages, "one PNG per page")
        for (name, png) in images {
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
            // A4 at 30 dpi: 248 × 351 pixels (width and height in the IHDR chunk).
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect((246...250).contains(width) && (349...353).contains(height), "\(name): \(width)×\(height)")
        }
        let text = try PDFRenderingTests.text(pdf)
        for expected in ["1. Summary", "What the pre-registered rule decides", "9. Annexes",
                         "Precision–recall curves", "near-duplicate", "Page 1 of \(pages)", "C. IAMA crosswalk",
                         "Toets · sounding-board report"] {
            #expect(text.contains(expected), "pdftotext does not find \"\(expected)\"")
        }
    }

    @Test(.enabled(if: toolsPresent, Comment(rawValue: skipNote)))
    func theDutchReportAndTheLetterPrintTooWithoutLeaks() throws {
        var bundle = ReportBundle(LeakTests.plantedInput)
        try bundle.addPDFs(PDFRenderer())
        let letter = try #require(bundle["kamerbrief.nl.pdf"]), dutch = try #require(bundle["klankbord.nl.pdf"])
        #expect(bundle["klankbord.en.pdf"] != nil)
        #expect((2...8).contains(try PDFRenderingTests.pages(letter.bytes)))
        let letterText = try PDFRenderingTests.text(letter.bytes), dutchText = try PDFRenderingTests.text(dutch.bytes)
        for expected in ["Geachte voorzitter,", "[IN TE VULLEN: datum]", "Aan de Voorzitter van de Tweede Kamer",
                         "CONCEPT", "Herkomst van de getallen", "Pagina 1 van"] {
            #expect(letterText.contains(expected), "letter: \(expected)")
        }
        for expected in ["1. Samenvatting", "Wat de vooraf vastgelegde regel beslist", "Pagina 1 van"] {
            #expect(dutchText.contains(expected), "report: \(expected)")
        }
        for identifier in LeakTests.planted {
            #expect(!letterText.contains(identifier) && !dutchText.contains(identifier), "\(identifier) in a PDF")
        }
    }

    /// The characters (not spaces) pdftotext finds on each page.
    static func textPerPage(_ pdf: [UInt8]) throws -> [Int] {
        try (1...pages(pdf)).map { page in
            try poppler("pdftotext", ["-f", "\(page)", "-l", "\(page)", "{pdf}", "-"], pdf: pdf).0
                .filter { !$0.isWhitespace }.count
        }
    }

    @Test(.enabled(if: toolsPresent, Comment(rawValue: skipNote)))
    func noPrintedPageIsNearlyEmptyAndTheMethodCardsPrintToo() throws {
        var bundle = ReportBundle(ReportFixture.input)
        try bundle.addPDFs(PDFRenderer())
        for name in ["klankbord.en.pdf", "klankbord.nl.pdf", "kamerbrief.nl.pdf", "method-cards.en.pdf", "method-cards.nl.pdf"] {
            let pdf = try #require(bundle[name], "\(name) is printed")
            let perPage = try Self.textPerPage(pdf.bytes)
            // A page with a line or two on it (a signature torn from its annexes, the end of a section before a
            // forced break) reads as a printing fault; the last page may be short, but not bare.
            for (index, count) in perPage.enumerated() {
                #expect(count >= (index == perPage.count - 1 ? 100 : 300), "\(name) page \(index + 1) holds \(count) characters")
            }
        }
        let cards = try PDFRenderingTests.text(try #require(bundle["method-cards.nl.pdf"]).bytes)
        for method in ReportFixture.input.methods { #expect(cards.contains(method.name), "\(method.name) has its card") }
        // The letter keeps its signature with the list of annexes, and names the printed cards.
        let letter = try PDFRenderingTests.text(try #require(bundle["kamerbrief.nl.pdf"]).bytes)
        let signature = try #require(letter.range(of: "[IN TE VULLEN: naam]")), annexes = try #require(letter.range(of: "Bijlagen"))
        #expect(!letter[signature.upperBound..<annexes.lowerBound].contains("\u{0C}"), "no page break between them")
        #expect(letter.contains("method-cards.nl.pdf"))
    }

    @Test(.enabled(if: toolsPresent, Comment(rawValue: skipNote)))
    func theSameHTMLGivesTheSamePDFBytes() throws {
        let html = Kamerbrief(ReportFixture.input).html
        #expect(try PDFRenderer().pdf(html: html) == PDFRenderer().pdf(html: html))
    }

    /// A runner that knows only the programs it is given.
    struct FakeRunner: CommandRunning {
        var programs: [String: CommandOutput]
        func locate(_ program: String) -> String? { programs[program] == nil ? nil : "/fake/" + program }
        func run(_ executable: String, arguments: [String], environment: [String: String],
                 input: [UInt8]) throws(ReportError) -> CommandOutput {
            #expect(arguments.suffix(2) == ["-", "-"] && environment["SOURCE_DATE_EPOCH"] == "0" && !input.isEmpty)
            return programs[String(executable.dropFirst("/fake/".count))]!
        }
    }

    @Test func aMissingWeasyprintIsAClearError() {
        let renderer = PDFRenderer(runner: FakeRunner(programs: [:]))
        #expect(!renderer.isAvailable)
        #expect(throws: ReportError.programMissing(program: "weasyprint", package: "weasyprint")) {
            try renderer.pdf(html: "<p>x</p>")
        }
        let message = ReportError.programMissing(program: "weasyprint", package: "weasyprint").description
        #expect(message.contains("not installed") && message.contains("scripts/install-debian-packages.sh weasyprint"))
    }

    @Test func aFailingOrOddWeasyprintIsReportedWithItsOutput() {
        let failing = PDFRenderer(runner: FakeRunner(programs: [
            "weasyprint": CommandOutput(status: 1, standardOutput: [], standardError: Array("CSS parse error".utf8)),
        ]))
        #expect(throws: ReportError.programFailed(program: "weasyprint", status: 1, detail: "CSS parse error")) {
            try failing.pdf(html: "<p>x</p>")
        }
        let odd = PDFRenderer(runner: FakeRunner(programs: [
            "weasyprint": CommandOutput(status: 0, standardOutput: Array("hello".utf8), standardError: []),
        ]))
        #expect(throws: ReportError.self) { try odd.pdf(html: "<p>x</p>") }
    }
}
