import ToetsModel

/// A record ingest could not read, kept with where it came from and why.
package struct QuarantineRecord: Sendable, Codable {
    package var archive: String
    package var entry: String
    /// 1-based line where the record starts (0 for a whole document or an item in it).
    package var line: Int
    /// Byte offset of the record in the decompressed entry.
    package var offset: Int64
    /// The kind of problem, as counted in the report.
    package var reason: String
    /// The specifics (field, byte position).
    package var detail: String
    /// The first bytes of the record, to find it in the source.
    package var excerpt: String

    /// The canonical NDJSON line.
    var canonicalLine: [UInt8] {
        var out = CanonicalJSONWriter()
        out.beginObject()
        out.key("archive"); out.value(archive)
        out.key("detail"); out.value(detail)
        out.key("entry"); out.value(entry)
        out.key("excerpt"); out.value(excerpt)
        out.key("line"); out.value(Int64(line))
        out.key("offset"); out.value(offset)
        out.key("reason"); out.value(reason)
        out.endObject()
        out.newline()
        return out.bytes
    }
}

/// What an ingest read, refused, skipped and wrote: the `report` artefact.
package struct IngestReport: Sendable, Codable {
    package static let schemaVersion = 1

    /// One entry that was read as data.
    package struct EntrySummary: Sendable, Codable {
        package var archive: String
        package var entry: String
        package var format: String
        /// Whether the format was detected from the content (false: set in the pipeline).
        package var detected: Bool
        package var bytes: Int64
        package var records: Int
        package var posts: Int
        package var quarantined: Int
        package var skipped: Int
    }

    /// An entry that was not read, and why.
    package struct EntryNote: Sendable, Codable {
        package var archive: String
        package var entry: String
        package var reason: String
    }

    package var schemaVersion = IngestReport.schemaVersion
    package var postSchemaVersion = Post.schemaVersion
    package var archives: [String: String] = [:]
    package var entries: [EntrySummary] = []
    /// Entries refused for their name or for being archives themselves.
    package var refusedEntries: [EntryNote] = []
    /// Links, devices and other non-files, and files of no known format.
    package var skippedEntries: [EntryNote] = []
    package var records = 0
    package var postsRead = 0
    package var postsWritten = 0
    package var duplicatesDropped = 0
    package var quarantined = 0
    package var quarantineReasons: [String: Int] = [:]
    package var skippedReasons: [String: Int] = [:]
    package var decompressedBytes: Int64 = 0
    package var limits: IngestLimits = IngestLimits()

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", postSchemaVersion = "post_schema_version", archives, entries
        case refusedEntries = "refused_entries", skippedEntries = "skipped_entries", records
        case postsRead = "posts_read", postsWritten = "posts_written", duplicatesDropped = "duplicates_dropped"
        case quarantined, quarantineReasons = "quarantine_reasons", skippedReasons = "skipped_reasons"
        case decompressedBytes = "decompressed_bytes", limits
    }
}
