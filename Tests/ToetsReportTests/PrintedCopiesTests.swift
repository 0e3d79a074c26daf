import Synchronization
import Testing
import ToetsModel
@testable import ToetsReport

/// A rerun whose documents did not change copies its PDFs instead of printing them again; any
/// change to what a PDF depends on prints anew, and a kept copy that is not a PDF is not used.
@Suite struct PrintedCopiesTests {
    /// A weasyprint that counts its runs and prints the HTML's length into a fake PDF.
    final class CountingRunner: CommandRunning {
        let runs = Mutex(0)
        func locate(_ program: String) -> String? { "/bin/sh" }
        func run(_ executable: String, arguments: [String], environment: [String: String],
                 input: [UInt8]) throws(ReportError) -> CommandOutput {
            runs.withLock { $0 += 1 }
            return CommandOutput(status: 0, standardOutput: Array("%PDF-\(input.count)".utf8), standardError: [])
        }
    }

    /// Copies in memory.
    final class MemoryCopies: PrintedCopies {
        let kept = Mutex<[Digest: [UInt8]]>([:])
        func pdf(for key: Digest) -> [UInt8]? { kept.withLock { $0[key] } }
        func keep(_ pdf: [UInt8], for key: Digest) { kept.withLock { $0[key] = pdf } }
    }

    @Test func theSameHTMLIsPrintedOnceAndCopiedAfterwards() throws {
        let runner = CountingRunner()
        let copies = MemoryCopies()
        let renderer = PDFRenderer(runner: runner, copies: copies)
        let first = try renderer.pdf(html: "<p>a</p>")
        #expect(try renderer.pdf(html: "<p>a</p>") == first)
        #expect(runner.runs.withLock { $0 } == 1)
        _ = try renderer.pdf(html: "<p>b</p>")
        #expect(runner.runs.withLock { $0 } == 2)
        // Another SOURCE_DATE_EPOCH writes other bytes: no copy of the old one.
        _ = try PDFRenderer(runner: runner, sourceDateEpoch: 1, copies: copies).pdf(html: "<p>a</p>")
        #expect(runner.runs.withLock { $0 } == 3)
    }

    @Test func aKeptCopyThatIsNotAPDFIsPrintedAgain() throws {
        let runner = CountingRunner()
        let copies = MemoryCopies()
        let renderer = PDFRenderer(runner: runner, copies: copies)
        let pdf = try renderer.pdf(html: "<p>a</p>")
        copies.kept.withLock { kept in for key in kept.keys { kept[key] = Array("<html>".utf8) } }
        #expect(try renderer.pdf(html: "<p>a</p>") == pdf)
        #expect(runner.runs.withLock { $0 } == 2)
    }

    @Test func aBundlePrintsEachDocumentBesideItsHTMLInOrder() throws {
        var bundle = ReportBundle(ReportFixture.input)
        try bundle.addPDFs(PDFRenderer(runner: CountingRunner()))
        let pdfs = bundle.documents.filter { $0.name.hasSuffix(".pdf") }
        #expect(pdfs.map(\.name) == ReportBundle.printed.map { String($0.dropLast(".html".count)) + ".pdf" })
        for pdf in pdfs {
            let html = try #require(bundle[String(pdf.name.dropLast(".pdf".count)) + ".html"])
            #expect(pdf.bytes == Array("%PDF-\(html.bytes.count)".utf8))
        }
    }
}
