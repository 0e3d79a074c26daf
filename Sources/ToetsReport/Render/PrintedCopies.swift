import ToetsModel

/// PDFs printed before, by what they were printed from, so that a rerun whose documents did not
/// change copies its PDFs instead of starting weasyprint again (about a second each). Kept by
/// whoever owns the storage (the workspace); `PDFRenderer.copyKey` says what a PDF depends on.
package protocol PrintedCopies: Sendable {
    /// The PDF kept for `key`, if one was kept and is intact.
    func pdf(for key: Digest) -> [UInt8]?
    /// Keeps `pdf` as the print for `key`; a copy that cannot be kept is no error (the next run
    /// prints again).
    func keep(_ pdf: [UInt8], for key: Digest)
}
