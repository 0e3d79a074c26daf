/// Turns a report's HTML into an A4 PDF with weasyprint (Debian's package), run as an external
/// program: HTML on standard input, PDF on standard output.
package struct PDFRenderer: Sendable {
    /// The Debian package that provides the program.
    package static let debianPackage = "weasyprint"

    package var runner: any CommandRunning
    package var program: String
    /// Passed as `SOURCE_DATE_EPOCH`: fontTools writes it into the embedded font subsets instead of
    /// the time of day, which makes the PDF byte-identical from run to run.
    package var sourceDateEpoch: Int

    package init(runner: any CommandRunning = ProcessCommandRunner(), program: String = "weasyprint",
                 sourceDateEpoch: Int = 0) {
        self.runner = runner
        self.program = program
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// Whether weasyprint can be found.
    package var isAvailable: Bool { runner.locate(program) != nil }

    /// The PDF of `html`. The HTML is self-contained; weasyprint runs in an empty private folder,
    /// so a stray relative reference finds nothing instead of reaching into the file system.
    package func pdf(html: String) throws(ReportError) -> [UInt8] {
        guard let executable = runner.locate(program) else {
            throw .programMissing(program: program, package: PDFRenderer.debianPackage)
        }
        let output = try runner.run(executable, arguments: ["--quiet", "--media-type", "print", "-", "-"],
                                    environment: ["SOURCE_DATE_EPOCH": String(sourceDateEpoch)],
                                    input: Array(html.utf8))
        guard output.status == 0, output.standardOutput.starts(with: Array("%PDF-".utf8)) else {
            let detail = String(decoding: output.standardError.suffix(2000), as: UTF8.self)
            throw .programFailed(program: program, status: output.status,
                                 detail: output.status == 0 ? "its output is not a PDF. " + detail : detail)
        }
        return output.standardOutput
    }
}
