/// Bounds on what one ingest may decompress, counted on bytes actually decompressed, so that a
/// decompression bomb stops the stage instead of the machine.
///
/// The defaults let a real 10 GB collection through (text compresses 5–20×) and stop the known
/// bombs: a gzip bomb (≈1,000:1), 42.zip and overlapping-file zips (10⁶:1 and more).
package struct IngestLimits: Hashable, Sendable, Codable {
    /// Decompressed bytes over all archives of the stage.
    package var maxTotalBytes: Int64 = 256 << 30
    /// Decompressed bytes of one entry.
    package var maxEntryBytes: Int64 = 64 << 30
    /// Entries (of any type) over all archives.
    package var maxEntries: Int = 1_000_000
    /// Decompressed bytes over the archive's size on disk, checked once `ratioGraceBytes`
    /// have come out, so that a small, very compressible file is not mistaken for a bomb.
    package var maxRatio: Double = 200
    package var ratioGraceBytes: Int64 = 64 << 20
    /// Wall-clock seconds for the whole stage.
    package var maxSeconds: Double = 4 * 3600
    /// One NDJSON or CSV line (record).
    package var maxLineBytes: Int = 4 << 20
    /// A whole JSON document (a Telegram export, a TikTok API page), which is parsed at once.
    package var maxDocumentBytes: Int = 2 << 30

    package init() {}

    enum CodingKeys: String, CodingKey {
        case maxTotalBytes = "max_total_bytes", maxEntryBytes = "max_entry_bytes", maxEntries = "max_entries"
        case maxRatio = "max_ratio", ratioGraceBytes = "ratio_grace_bytes", maxSeconds = "max_seconds"
        case maxLineBytes = "max_line_bytes", maxDocumentBytes = "max_document_bytes"
    }

    /// The pipeline parameter (under `with: limits:`) that sets each limit.
    package enum Name: String, Sendable, CaseIterable {
        case maxTotalBytes = "max_total_bytes"
        case maxEntryBytes = "max_entry_bytes"
        case maxEntries = "max_entries"
        case maxRatio = "max_ratio"
        case maxSeconds = "max_seconds"
        case maxLineBytes = "max_line_bytes"
        case maxDocumentBytes = "max_document_bytes"
    }
}
