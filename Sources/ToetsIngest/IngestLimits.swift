import ToetsModel

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

        /// The values a limit takes: whole numbers within a range, or any number within one.
        private var range: (ClosedRange<Double>, whole: Bool, unit: String) {
            switch self {
            case .maxTotalBytes, .maxEntryBytes: (1...Double(1 << 60), true, "bytes")
            case .maxEntries: (1...Double(1 << 40), true, "entries")
            case .maxRatio: (1...1e12, false, "(decompressed bytes per byte of archive)")
            case .maxSeconds: (1...1e9, false, "seconds")
            case .maxLineBytes: (1...Double(1 << 31), true, "bytes")
            case .maxDocumentBytes: (1...Double(1 << 40), true, "bytes")
            }
        }

        /// Why `value` cannot be this limit, or nil.
        package func problem(_ value: ParamValue) -> String? {
            let (range, whole, unit) = self.range
            let kind = whole ? "a whole number" : "a number"
            let bounds = "\(kind) from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)) \(unit)"
            guard let number = value.numberValue else { return "must be \(bounds), not \(value.typeName)" }
            guard range.contains(number), !whole || number.rounded() == number else {
                return "must be \(bounds); \(Self.format(number)) is not"
            }
            return nil
        }

        private static func format(_ number: Double) -> String {
            number.rounded() == number && abs(number) < 1e18 ? String(Int64(number)) : "\(number)"
        }
    }

    /// Sets the limit `name` to `number` (checked with `Name.problem`).
    package mutating func set(_ name: Name, _ number: Double) {
        switch name {
        case .maxTotalBytes: maxTotalBytes = Int64(number)
        case .maxEntryBytes: maxEntryBytes = Int64(number)
        case .maxEntries: maxEntries = Int(number)
        case .maxRatio: maxRatio = number
        case .maxSeconds: maxSeconds = number
        case .maxLineBytes: maxLineBytes = Int(number)
        case .maxDocumentBytes: maxDocumentBytes = Int(number)
        }
    }
}
