/// A social-media post in the normalized form every stage after ingest reads
/// (DESIGN.md "Formats"): one JSON object per line, keys in byte order, sorted by
/// `created_at`, then `post_id`.
package struct Post: Hashable, Sendable {
    /// The version of this record's schema, recorded in the ingest report.
    /// 2: an optional `display_name` (raw posts only).
    package static let schemaVersion = 2

    /// What a post does.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        case post, repost, quote, reply, comment, forward
    }

    /// How exact `createdAt` is: to the second, or to the minute (the X archives).
    package enum Precision: String, Hashable, Sendable {
        case seconds = "s"
        case minutes = "min"
    }

    /// `x`, `telegram`, `tiktok`, `instagram`, … or `unknown`.
    package var platform: String
    /// The adapter that read it (`twarc2`, `4cat-csv`, …).
    package var sourceFormat: String
    /// Namespaced by platform: `x:1397…`.
    package var postID: String
    package var authorID: String
    package var authorHandle: String?
    /// The name the account shows (X `name`, Telegram `from`, TikTok `nickname`, 4CAT
    /// `author_fullname`…), where the format has one. Raw domain only: ingest writes it,
    /// anonymise reads it as a dictionary of names and never passes it on.
    package var displayName: String?
    /// UTC epoch seconds.
    package var createdAt: Int64
    package var precision: Precision
    package var text: String?
    package var kind: Kind
    /// The post this one reposts, quotes, replies to or comments on (namespaced).
    package var refPostID: String?
    package var refAuthorID: String?
    package var threadID: String?
    package var urls: [String]
    /// Lower-case, without `#`.
    package var hashtags: [String]
    /// Lower-case handles, without `@`.
    package var mentions: [String]
    /// The shared object, for formats that name it directly (CooRTweet's `content_id`).
    package var contentID: String?
    package var language: String?
    /// Account metadata where the source has it: creation time (epoch seconds), followers.
    package var accountCreatedAt: Int64?
    package var followers: Int64?

    package init(platform: String, sourceFormat: String, postID: String, authorID: String, authorHandle: String? = nil,
                 displayName: String? = nil, createdAt: Int64, precision: Precision = .seconds, text: String? = nil, kind: Kind = .post,
                 refPostID: String? = nil, refAuthorID: String? = nil, threadID: String? = nil, urls: [String] = [],
                 hashtags: [String] = [], mentions: [String] = [], contentID: String? = nil, language: String? = nil,
                 accountCreatedAt: Int64? = nil, followers: Int64? = nil) {
        self.platform = platform
        self.sourceFormat = sourceFormat
        self.postID = postID
        self.authorID = authorID
        self.authorHandle = authorHandle
        self.displayName = displayName
        self.createdAt = createdAt
        self.precision = precision
        self.text = text
        self.kind = kind
        self.refPostID = refPostID
        self.refAuthorID = refAuthorID
        self.threadID = threadID
        self.urls = urls
        self.hashtags = hashtags
        self.mentions = mentions
        self.contentID = contentID
        self.language = language
        self.accountCreatedAt = accountCreatedAt
        self.followers = followers
    }

    /// The order of the posts artefact.
    package static func canonicalOrder(_ a: Post, _ b: Post) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.postID.utf8.lexicographicallyPrecedes(b.postID.utf8)
    }

    /// The canonical NDJSON line (with its newline): every key, in byte order, nulls written;
    /// `display_name` only where there is one, so that pseudonymised posts (which never carry
    /// it) keep the key set they always had.
    package var canonicalLine: [UInt8] {
        var out = CanonicalJSONWriter()
        write(to: &out)
        return out.bytes
    }

    /// Appends the canonical line to `out`.
    package func write(to out: inout CanonicalJSONWriter) {
        out.beginObject()
        out.key("account_created_at"); out.value(accountCreatedAt)
        out.key("author_handle"); out.value(authorHandle)
        out.key("author_id"); out.value(authorID)
        out.key("content_id"); out.value(contentID)
        out.key("created_at"); out.value(createdAt)
        if let displayName { out.key("display_name"); out.value(displayName) }
        out.key("followers"); out.value(followers)
        out.key("hashtags"); out.value(hashtags)
        out.key("kind"); out.value(kind.rawValue)
        out.key("language"); out.value(language)
        out.key("mentions"); out.value(mentions)
        out.key("platform"); out.value(platform)
        out.key("post_id"); out.value(postID)
        out.key("ref_author_id"); out.value(refAuthorID)
        out.key("ref_post_id"); out.value(refPostID)
        out.key("source_format"); out.value(sourceFormat)
        out.key("text"); out.value(text)
        out.key("thread_id"); out.value(threadID)
        out.key("ts_precision"); out.value(precision.rawValue)
        out.key("urls"); out.value(urls)
        out.endObject()
        out.newline()
    }

    /// Reads a line written by `canonicalLine` (or any JSON object with those keys). A
    /// `projected` line (`PostFields.project`) may lack required keys: each missing one reads as
    /// its empty value, and a key that is there must still be right.
    package init(json: JSONValue, projected: Bool = false) throws(PostDecodingError) {
        func required(_ key: StaticString) throws(PostDecodingError) -> String {
            if projected && json[key] == nil { return "" }
            guard let value = json[key]?.string else {
                throw PostDecodingError(field: key.description, problem: "missing or not a string")
            }
            return value
        }
        func optional(_ key: StaticString) -> String? { json[key]?.string }
        func strings(_ key: StaticString) -> [String] { json[key]?.elements.compactMap(\.string) ?? [] }
        guard let createdAt = json["created_at"]?.int64 ?? (projected && json["created_at"] == nil ? 0 : nil) else {
            throw PostDecodingError(field: "created_at", problem: "missing or not an integer")
        }
        let kindText = try required("kind")
        guard let kind = Kind(rawValue: kindText) ?? (kindText.isEmpty && projected ? .post : nil) else {
            throw PostDecodingError(field: "kind", problem: "not one of " + Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.init(
            platform: try required("platform"), sourceFormat: try required("source_format"),
            postID: try required("post_id"), authorID: try required("author_id"),
            authorHandle: optional("author_handle"), displayName: optional("display_name"), createdAt: createdAt,
            precision: Precision(rawValue: optional("ts_precision") ?? "s") ?? .seconds, text: optional("text"),
            kind: kind, refPostID: optional("ref_post_id"), refAuthorID: optional("ref_author_id"),
            threadID: optional("thread_id"), urls: strings("urls"), hashtags: strings("hashtags"),
            mentions: strings("mentions"), contentID: optional("content_id"), language: optional("language"),
            accountCreatedAt: json["account_created_at"]?.int64, followers: json["followers"]?.int64)
    }
}

/// A posts artefact with a line that is not a post.
package struct PostsArtefactError: Error, Sendable, CustomStringConvertible {
    package var artefact: String
    package var line: Int
    package var problem: String
    package var description: String { "\(artefact) line \(line): \(problem)" }
}

/// A posts line that does not hold a post.
package struct PostDecodingError: Error, Sendable, CustomStringConvertible {
    package var field: String
    package var problem: String
    package var description: String { "field \(field): \(problem)" }
}

/// Writes canonical JSON straight to bytes: no white space, strings escaped one way.
package struct CanonicalJSONWriter {
    package var bytes: [UInt8] = []
    private var needsComma = false

    package init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    /// Ends a line (NDJSON); the next value starts without a comma.
    package mutating func newline() {
        bytes.append(0x0A)
        needsComma = false
    }

    package mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    package mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    package mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    package mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A key known at compile time (letters, digits and `_`, needing no escapes).
    package mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func value(_ text: String?) {
        separate()
        if let text { appendString(text) } else { appendNull() }
        needsComma = true
    }

    /// A string given as its UTF-8 bytes (valid UTF-8, as `appendString(utf8:)` asks), or null.
    package mutating func value(utf8: UnsafeBufferPointer<UInt8>?) {
        separate()
        if let utf8 { appendString(utf8: utf8) } else { appendNull() }
        needsComma = true
    }

    package mutating func value(_ number: Int64?) {
        separate()
        if let number { appendInteger(number) } else { appendNull() }
        needsComma = true
    }

    private mutating func appendNull() {
        bytes.append(UInt8(ascii: "n"))
        bytes.append(UInt8(ascii: "u"))
        bytes.append(UInt8(ascii: "l"))
        bytes.append(UInt8(ascii: "l"))
    }

    private mutating func appendInteger(_ number: Int64) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    package mutating func value(_ number: Double) {
        separate()
        bytes.append(contentsOf: Array((number.isFinite ? number.description : "null").utf8))
        needsComma = true
    }

    package mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: Array((flag ? "true" : "false").utf8))
        needsComma = true
    }

    package mutating func nullValue() {
        separate()
        appendNull()
        needsComma = true
    }

    package mutating func value(_ list: [String]) {
        beginArray()
        for item in list { value(item) }
        endArray()
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`,
    /// everything else as its UTF-8 bytes. Runs without escapes are copied whole.
    package mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendString(utf8: $0) }
    }

    /// `appendString` of the text whose UTF-8 bytes are `utf8`; the caller makes sure they are
    /// valid UTF-8 (a fast path that writes fields straight from the bytes it read).
    package mutating func appendString(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        do {
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                // Eight bytes at a time up to the first that needs an escape: the lowest flag
                // of the word tests is always right (a borrow flags only bytes above it).
                if let base = utf8.baseAddress {
                    while index + 8 <= count {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self))
                        let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                        let flags = ((word &- 0x2020_2020_2020_2020) & ~word
                            | (quote &- 0x0101_0101_0101_0101) & ~quote
                            | (backslash &- 0x0101_0101_0101_0101) & ~backslash) & 0x8080_8080_8080_8080
                        if flags != 0 {
                            index += flags.trailingZeroBitCount / 8
                            break
                        }
                        index += 8
                    }
                }
                guard index < count else { break }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)]))
                runStart = index
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0xf)])
                }
            }
            if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
