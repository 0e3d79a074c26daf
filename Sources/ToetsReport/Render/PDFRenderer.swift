#if canImport(Glibc)
import Glibc
#endif
import ToetsModel

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
    /// PDFs printed before, reused when the HTML, the program and its call are the same.
    package var copies: (any PrintedCopies)?

    package init(runner: any CommandRunning = ProcessCommandRunner(), program: String = "weasyprint",
                 sourceDateEpoch: Int = 0, copies: (any PrintedCopies)? = nil) {
        self.runner = runner
        self.program = program
        self.sourceDateEpoch = sourceDateEpoch
        self.copies = copies
    }

    static let arguments = ["--quiet", "--media-type", "print", "-", "-"]

    /// Whether weasyprint can be found.
    package var isAvailable: Bool { runner.locate(program) != nil }

    /// The PDF of `html`. The HTML is self-contained; weasyprint runs in an empty private folder,
    /// so a stray relative reference finds nothing instead of reaching into the file system.
    package func pdf(html: String) throws(ReportError) -> [UInt8] {
        guard let executable = runner.locate(program) else {
            throw .programMissing(program: program, package: PDFRenderer.debianPackage)
        }
        let input = Array(html.utf8)
        let key = copies.map { _ in copyKey(program: programKey(executable: executable), html: input) }
        if let key, let kept = copies?.pdf(for: key), kept.starts(with: Array("%PDF-".utf8)) { return kept }
        let output = try runner.run(executable, arguments: Self.arguments,
                                    environment: ["SOURCE_DATE_EPOCH": String(sourceDateEpoch)], input: input)
        guard output.status == 0, output.standardOutput.starts(with: Array("%PDF-".utf8)) else {
            let detail = String(decoding: output.standardError.suffix(2000), as: UTF8.self)
            throw .programFailed(program: program, status: output.status,
                                 detail: output.status == 0 ? "its output is not a PDF. " + detail : detail)
        }
        if let key { copies?.keep(output.standardOutput, for: key) }
        return output.standardOutput
    }

    /// What the PDF of `html` depends on: the HTML and `program` (`programKey`).
    func copyKey(program: Digest, html: [UInt8]) -> Digest {
        var preimage = CanonicalPreimage(domain: "toets/printed-pdf", version: 1)
        preimage.append(program)
        preimage.append(Digest.sha256(of: html))
        return preimage.digest()
    }

    /// What the PDFs depend on besides their HTML: how the program is called, and the program
    /// file itself (its path, size and modification time, which a package upgrade changes);
    /// nil when it is not installed.
    package var programKey: Digest? { runner.locate(program).map { programKey(executable: $0) } }

    func programKey(executable: String) -> Digest {
        var preimage = CanonicalPreimage(domain: "toets/pdf-program", version: 1)
        preimage.append(executable)
        var info = stat()
        if stat(executable, &info) == 0 {
            preimage.append(Int(info.st_size))
            preimage.append(Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec))
        } else {
            preimage.appendAbsent()
        }
        preimage.beginList(count: Self.arguments.count)
        for argument in Self.arguments { preimage.append(argument) }
        preimage.append(sourceDateEpoch)
        return preimage.digest()
    }
}
