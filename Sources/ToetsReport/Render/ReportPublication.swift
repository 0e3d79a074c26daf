import Foundation
import ToetsModel

/// The copy of a run's reports that `toets run` publishes under `reports/<pipeline>/<run>/`.
///
/// The report stage renders only what its inputs and declarations determine, so that its
/// outputs have the same digests on every machine. What a reader of the reproducibility annex
/// also needs — the tool's version and commit, the exact command, the machine, every artefact
/// of the run and the time of each stage — differs from machine to machine, so it is added
/// here, after the run: the stored `report-input.json` with those facts in its annex, rendered
/// again. The published documents differ from the stored ones only where those facts appear
/// (the annex, the preface's tool version, the register prefill's note); `SHA256SUMS` lists each
/// file's digest (check with `sha256sum -c SHA256SUMS`).
package enum ReportPublication {
    /// The checksum file beside the documents.
    package static let checksumFile = "SHA256SUMS"

    /// Renders the stored report input with `run`'s facts and writes it into `folder`, which must
    /// not exist: a published folder is never overwritten. The folder appears only once it is
    /// complete. Returns the names written.
    @discardableResult
    package static func publish(storedInput: [UInt8], run: ReproducibilityFacts, pdf: Bool, renderer: PDFRenderer,
                                to folder: String) throws -> [String] {
        try write(documents(storedInput: storedInput, run: run, pdf: pdf, renderer: renderer), to: folder)
    }

    /// What `publish` writes: the documents of the stored report input rendered with `run`'s
    /// facts, and `SHA256SUMS` last.
    package static func documents(storedInput: [UInt8], run: ReproducibilityFacts, pdf: Bool,
                                  renderer: PDFRenderer) throws -> [ReportBundle.Document] {
        var input = try JSONDecoder().decode(ReportInput.self, from: Data(storedInput))
        input.reproducibility = merged(input.reproducibility, run)
        var documents = try ReportStage.render(input, pdf: pdf, renderer: renderer)
        let sums = documents.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { Digest.sha256(of: $0.bytes).hex + "  " + $0.name + "\n" }.joined()
        documents.append(ReportBundle.Document(name: checksumFile, bytes: Array(sums.utf8)))
        return documents
    }

    /// Writes `documents` into `folder`, which must not exist: a published folder is never
    /// overwritten. The folder appears only once it is complete. Returns the names written.
    @discardableResult
    package static func write(_ documents: [ReportBundle.Document], to folder: String) throws -> [String] {
        let files = FileManager.default
        guard !files.fileExists(atPath: folder) else { throw ReportError.folderExists(path: folder) }
        let partial = folder + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? files.removeItem(atPath: partial)
        do {
            try ReportBundle(documents: documents).write(to: partial)
            // rename(2) replaces an empty folder of that name, never one with files in it.
            try files.moveItem(atPath: partial, toPath: folder)
        } catch {
            try? files.removeItem(atPath: partial)
            if let error = error as? ReportError { throw error }
            throw files.fileExists(atPath: folder) ? ReportError.folderExists(path: folder) : ReportError.writing(folder, error)
        }
        return documents.map(\.name)
    }

    /// The stored annex with the run's facts: its seeds and the report's inputs stay; the
    /// run's inputs (the files it read) are added to them.
    static func merged(_ stored: ReproducibilityFacts, _ run: ReproducibilityFacts) -> ReproducibilityFacts {
        var result = run
        result.seeds = stored.seeds
        var inputs = Dictionary(stored.inputs.map { ($0.name, $0) }) { first, _ in first }
        for input in run.inputs where inputs[input.name] == nil { inputs[input.name] = input }
        result.inputs = inputs.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return result
    }
}
