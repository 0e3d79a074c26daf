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

    package init(archive: String, entry: String, line: Int, offset: Int64, reason: String, detail: String, excerpt: String) {
        self.archive = archive
        self.entry = entry
        self.line = line
        self.offset = offset
        self.reason = reason
        self.detail = detail
        self.excerpt = excerpt
    }

    /// Reads back a canonical line.
    init?(json root: JSONValue) {
        guard let archive = root["archive"]?.string, let entry = root["entry"]?.string, let line = root["line"]?.int64,
              let offset = root["offset"]?.int64, let reason = root["reason"]?.string else { return nil }
        self.init(archive: archive, entry: entry, line: Int(line), offset: offset, reason: reason,
                  detail: root["detail"]?.string ?? "", excerpt: root["excerpt"]?.string ?? "")
    }

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
///
/// Entries and notes are listed up to `listLimit` each, so that the report of an archive of a
/// million entries stays readable and small; every count (per archive and in total) covers all
/// of them.
package struct IngestReport: Sendable, Codable {
    package static let schemaVersion = 1
    /// How many entries, refused entries, skipped entries and platform notes are listed.
    package static let listLimit = 10_000

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
        /// The platform the pipeline set for the entry (`platforms:`), if it did.
        package var platform: String?
    }

    /// An entry that was not read, and why.
    package struct EntryNote: Sendable, Codable {
        package var archive: String
        package var entry: String
        package var reason: String
    }

    /// What came of one archive.
    package struct ArchiveCounts: Sendable, Codable {
        package var compression = "none"
        package var entriesRead = 0
        package var entriesRefused = 0
        package var entriesSkipped = 0
        package var records = 0
        package var postsRead = 0
        package var duplicatesDropped = 0
        package var quarantined = 0
        package var recordsSkipped = 0
        package var postsWithoutPlatform = 0
        package var decompressedBytes: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case compression, entriesRead = "entries_read", entriesRefused = "entries_refused"
            case entriesSkipped = "entries_skipped", records, postsRead = "posts_read"
            case duplicatesDropped = "duplicates_dropped", quarantined, recordsSkipped = "records_skipped"
            case postsWithoutPlatform = "posts_without_platform", decompressedBytes = "decompressed_bytes"
        }
    }

    /// Posts of an entry whose format does not name a platform, and no platform was set for it.
    package struct PlatformNote: Sendable, Codable {
        package var archive: String
        package var entry: String
        package var format: String
        package var posts: Int
        /// The key to set under `platforms:` (the archive, if it is the one file).
        package var key: String
    }

    /// How many entries and notes are counted but not listed (beyond `listLimit`).
    package struct NotListed: Sendable, Codable {
        package var entries = 0
        package var refusedEntries = 0
        package var skippedEntries = 0
        package var platformNotes = 0

        enum CodingKeys: String, CodingKey {
            case entries, refusedEntries = "refused_entries", skippedEntries = "skipped_entries"
            case platformNotes = "platform_notes"
        }
    }

    package var schemaVersion = IngestReport.schemaVersion
    package var postSchemaVersion = Post.schemaVersion
    package var archives: [String: String] = [:]
    /// Per archive: posts, quarantined records, skipped and refused entries, …
    package var perArchive: [String: ArchiveCounts] = [:]
    package var entries: [EntrySummary] = []
    /// Entries refused for their name or for being archives themselves.
    package var refusedEntries: [EntryNote] = []
    /// Links, devices and other non-files, and files of no known format.
    package var skippedEntries: [EntryNote] = []
    /// Entries read as data (listed or not).
    package var entriesRead = 0
    package var postsPerFormat: [String: Int] = [:]
    package var records = 0
    package var postsRead = 0
    package var postsWritten = 0
    package var duplicatesDropped = 0
    package var quarantined = 0
    package var quarantineReasons: [String: Int] = [:]
    package var skippedReasons: [String: Int] = [:]
    /// Posts that got the platform `unknown`, and where they came from.
    package var postsWithoutPlatform = 0
    package var platformNotNamed: [PlatformNote] = []
    package var notListed: NotListed?
    package var decompressedBytes: Int64 = 0
    package var limits: IngestLimits = IngestLimits()
    /// What the pipeline set: formats and platforms by archive or entry, archives that may be empty.
    package var formatsSet: [String: String] = [:]
    package var platformsSet: [String: String] = [:]
    package var allowEmpty: [String] = []
    package var strict = false

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", postSchemaVersion = "post_schema_version", archives, entries
        case perArchive = "per_archive", entriesRead = "entries_read", postsPerFormat = "posts_per_format"
        case refusedEntries = "refused_entries", skippedEntries = "skipped_entries", records
        case postsRead = "posts_read", postsWritten = "posts_written", duplicatesDropped = "duplicates_dropped"
        case quarantined, quarantineReasons = "quarantine_reasons", skippedReasons = "skipped_reasons"
        case postsWithoutPlatform = "posts_without_platform", platformNotNamed = "platform_not_named"
        case notListed = "not_listed", decompressedBytes = "decompressed_bytes", limits
        case formatsSet = "formats_set", platformsSet = "platforms_set", allowEmpty = "allow_empty", strict
    }
}
