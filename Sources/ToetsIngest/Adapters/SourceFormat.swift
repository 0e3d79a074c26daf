import ToetsModel

/// The input formats ingest reads, by the name a pipeline uses to override detection.
package enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case twarc2
    case twarcCSV = "twarc-csv"
    case xArchive = "x-io-archive"
    case telegram = "telegram-json"
    case tiktokResearch = "tiktok-research"
    case zeeschuimer
    case fourCATNDJSON = "4cat-ndjson"
    case fourCATCSV = "4cat-csv"
    case cnt = "cnt-csv"
    case coortweet = "coortweet-csv"

    /// Whether a record may repeat within one entry and still count: a share table (CooRTweet's
    /// format) lists a post once per object it shares, and its own repeated rows are data.
    /// Copies from other entries or archives are duplicates all the same.
    package var repeatsAreData: Bool { self == .coortweet }

    /// How an entry of this format is cut into records.
    package var layout: RecordLayout {
        switch self {
        case .twarc2, .zeeschuimer, .fourCATNDJSON: .lines
        case .telegram, .tiktokResearch: .document
        case .twarcCSV, .xArchive, .fourCATCSV, .cnt, .coortweet: .csv
        }
    }
}

/// How an entry is cut into records.
package enum RecordLayout: Sendable {
    /// One JSON value per line (NDJSON, JSONL).
    case lines
    /// RFC 4180 CSV with a header row.
    case csv
    /// One JSON document holding many items.
    case document
}

/// What became of one record.
enum RecordOutcome {
    case posts([Post])
    /// Not a post, on purpose (a Telegram service message): counted, not quarantined.
    case skipped(String)
}

/// Why a record could not be read; it goes to quarantine with this reason.
struct RecordProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Settings an adapter needs beyond the record: the platform when the data does not say it.
struct AdapterContext: Sendable {
    var platform: String?
}

/// Helpers the adapters share.
enum Adapt {
    /// `platform:id`, unless already namespaced that way.
    static func namespaced(_ platform: String, _ id: String) -> String {
        id.hasPrefix(platform + ":") ? id : platform + ":" + id
    }

    static func required(_ value: String?, _ field: String) throws(RecordProblem) -> String {
        guard let value, !value.isEmpty else { throw RecordProblem("missing \(field)") }
        return value
    }

    static func hashtag(_ text: String) -> String {
        String(text.drop { $0 == "#" || $0 == "＃" }).lowercased()
    }

    static func mention(_ text: String) -> String {
        String(text.drop { $0 == "@" }).lowercased()
    }

    /// Sorted, without duplicates or empties: lists in the output never depend on input order.
    static func unique(_ items: [String]) -> [String] {
        if items.count <= 1 { return items.first?.isEmpty == true ? [] : items }
        var sorted = items.filter { !$0.isEmpty }.sorted()
        var write = 0
        for read in sorted.indices where read == 0 || sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    /// A platform name from a Zeeschuimer/4CAT `source_platform` (`twitter.com`, `tiktok.com`, …).
    static func platform(fromSource source: String) -> String {
        let host = source.lowercased()
        if host.contains("twitter") || host == "x.com" || host.hasSuffix(".x.com") || host == "x" { return "x" }
        if host.contains("tiktok") { return "tiktok" }
        if host.contains("instagram") { return "instagram" }
        if host.contains("threads") { return "threads" }
        if host.contains("telegram") { return "telegram" }
        if host.contains("bsky") || host.contains("bluesky") { return "bluesky" }
        if host.contains("facebook") { return "facebook" }
        if host.contains("youtube") { return "youtube" }
        return host.split(separator: ".").first.map(String.init) ?? "unknown"
    }
}

/// A CSV header: the index of each column by name.
struct CSVColumns {
    let names: [String]
    private let index: [String: Int]

    init(_ header: [String]) {
        names = header
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }

    func has(_ name: String) -> Bool { index[name] != nil }

    /// Where column `name` is in a row (its first occurrence), nil if the header lacks it.
    func position(_ name: String) -> Int? { index[name] }

    /// The first of `candidates` (kind, column of the referenced post, column of its author)
    /// whose post column has a value; `.post` without a reference if none has.
    func reference(_ row: [String], _ candidates: [(Post.Kind, String, String?)])
        -> (kind: Post.Kind, post: String?, author: String?) {
        for (kind, postColumn, authorColumn) in candidates {
            if let post = value(row, postColumn) { return (kind, post, authorColumn.flatMap { value(row, $0) }) }
        }
        return (.post, nil, nil)
    }

    /// The field of column `name` in `row`, nil if the column is absent or the field empty.
    func value(_ row: [String], _ name: String) -> String? {
        guard let position = index[name], position < row.count, !row[position].isEmpty else { return nil }
        return row[position]
    }
}
