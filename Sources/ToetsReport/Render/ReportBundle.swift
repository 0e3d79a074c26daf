import Foundation
import Synchronization

/// Every document the report stage writes for one run, as named bytes: the klankbord report in
/// English and Dutch, the Kamerbrief draft, a card per method in both languages, the register
/// prefill, and PDFs of the reports and the letter.
///
/// Bytes, not files, so that the report stage can hand them straight to the store; `write(to:)`
/// is for the command line and tests.
package struct ReportBundle: Sendable {
    /// One output file.
    package struct Document: Sendable, Hashable {
        package var name: String
        package var bytes: [UInt8]

        package init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }

        package var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    package var documents: [Document]

    package init(documents: [Document]) {
        self.documents = documents
    }

    /// The HTML and JSON documents for `input`; byte-identical for the same input.
    package init(_ input: ReportInput) {
        var documents: [Document] = []
        for language in Language.allCases {
            documents.append(Document(name: KlankbordReport.fileName(language),
                                      bytes: Array(KlankbordReport(input, language: language).html.utf8)))
        }
        documents.append(Document(name: Kamerbrief.fileName, bytes: Array(Kamerbrief(input).html.utf8)))
        for method in input.methods {
            for language in Language.allCases {
                documents.append(Document(name: MethodCard.fileName(method.name, language),
                                          bytes: Array(MethodCard(method, language: language).document.rendered.utf8)))
            }
        }
        for language in Language.allCases {
            documents.append(Document(name: MethodCard.collectionFileName(language),
                                      bytes: Array(MethodCard.collection(input.methods, language: language).rendered.utf8)))
        }
        documents.append(Document(name: RegisterPrefill.fileName, bytes: Array(RegisterPrefill(input).rendered.utf8)))
        self.documents = documents
    }

    /// The name of the input's own JSON, which the report stage stores beside the documents.
    package static let inputFileName = "report-input.json"

    /// `input` as indented JSON with sorted keys: the facts every document was rendered from.
    package static func inputDocument(_ input: ReportInput) throws -> Document {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Document(name: inputFileName, bytes: Array(try encoder.encode(input)) + [0x0A])
    }

    /// The documents that are also printed to PDF.
    package static let printed = [KlankbordReport.fileName(.en), KlankbordReport.fileName(.nl), Kamerbrief.fileName,
                                  MethodCard.collectionFileName(.en), MethodCard.collectionFileName(.nl)]

    /// Adds a PDF beside each printed HTML document, printing them at the same time (weasyprint
    /// runs on one core and mostly waits on Python); the first error in `printed` order is thrown.
    package mutating func addPDFs(_ renderer: PDFRenderer) throws(ReportError) {
        let sources = ReportBundle.printed.compactMap { name in documents.first { $0.name == name } }
        let printed = Mutex<[Int: Result<[UInt8], ReportError>]>([:])
        DispatchQueue.concurrentPerform(iterations: sources.count) { position in
            let result = Result { () throws(ReportError) -> [UInt8] in try renderer.pdf(html: sources[position].text) }
            printed.withLock { $0[position] = result }
        }
        let results = printed.withLock { $0 }
        for (position, html) in sources.enumerated() {
            guard let result = results[position] else { continue }
            documents.append(Document(name: String(html.name.dropLast(".html".count)) + ".pdf", bytes: try result.get()))
        }
    }

    /// The document called `name`.
    package subscript(_ name: String) -> Document? {
        documents.first { $0.name == name }
    }

    /// Writes every document into `folder` (created if needed).
    package func write(to folder: String) throws(ReportError) {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .writing(folder, error)
        }
        for document in documents {
            let path = (folder as NSString).appendingPathComponent(document.name)
            do {
                try Data(document.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .writing(path, error)
            }
        }
    }
}
