extension Post {
    /// The post of a line exactly as `write(to:)` writes it (its keys in its order, no white
    /// space, integers and strings as the writer spells them), read in one pass over its bytes
    /// without building a document; nil for any other line, which the general reader
    /// (`Post(json:)` over a `JSONDocument`) then reads or refuses with its error.
    ///
    /// It accepts only what the general reader would read as the same post: every key must be
    /// the next one the writer writes (so an escaped, repeated, extra or missing key falls
    /// back), strings must be valid UTF-8 without control characters and with no escapes other
    /// than `\" \\ \/ \b \f \n \r \t` (a `\u` falls back), and integers plain decimal digits
    /// that fit (no fraction, exponent, leading zero or string).
    package static func canonical(_ line: UnsafeBufferPointer<UInt8>) -> Post? {
        var reader = CanonicalPostReader(bytes: line)
        return reader.post()
    }
}

/// The one-pass reader behind `Post.canonical`: a cursor over the line.
private struct CanonicalPostReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func post() -> Post? {
        guard take(UInt8(ascii: "{")),
              key("account_created_at"), let accountCreatedAt = optionalInteger(),
              comma(), key("author_handle"), let authorHandle = optionalString(),
              comma(), key("author_id"), let authorID = string(),
              comma(), key("content_id"), let contentID = optionalString(),
              comma(), key("created_at"), let createdAt = integer(),
              comma() else { return nil }
        var displayName: String??
        if peekKey("display_name") {
            guard key("display_name"), let name = string(), comma() else { return nil }
            displayName = name
        }
        guard key("followers"), let followers = optionalInteger(),
              comma(), key("hashtags"), let hashtags = strings(),
              comma(), key("kind"), let kindText = string(), let kind = Post.Kind(rawValue: kindText),
              comma(), key("language"), let language = optionalString(),
              comma(), key("mentions"), let mentions = strings(),
              comma(), key("platform"), let platform = string(),
              comma(), key("post_id"), let postID = string(),
              comma(), key("ref_author_id"), let refAuthorID = optionalString(),
              comma(), key("ref_post_id"), let refPostID = optionalString(),
              comma(), key("source_format"), let sourceFormat = string(),
              comma(), key("text"), let text = optionalString(),
              comma(), key("thread_id"), let threadID = optionalString(),
              comma(), key("ts_precision"), let precision = string(),
              comma(), key("urls"), let urls = strings(),
              take(UInt8(ascii: "}")), position == bytes.count else { return nil }
        return Post(platform: platform, sourceFormat: sourceFormat, postID: postID, authorID: authorID,
                    authorHandle: authorHandle, displayName: displayName ?? nil, createdAt: createdAt,
                    precision: Post.Precision(rawValue: precision) ?? .seconds, text: text, kind: kind,
                    refPostID: refPostID, refAuthorID: refAuthorID, threadID: threadID, urls: urls, hashtags: hashtags,
                    mentions: mentions, contentID: contentID, language: language, accountCreatedAt: accountCreatedAt,
                    followers: followers)
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func comma() -> Bool { take(UInt8(ascii: ",")) }

    /// Whether `"name":` stands at the cursor.
    private func peekKey(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard position + count + 3 <= bytes.count, bytes[position] == UInt8(ascii: "\""),
              bytes[position + count + 1] == UInt8(ascii: "\""), bytes[position + count + 2] == UInt8(ascii: ":")
        else { return false }
        for offset in 0..<count where bytes[position + 1 + offset] != name.utf8Start[offset] { return false }
        return true
    }

    /// Takes `"name":`.
    private mutating func key(_ name: StaticString) -> Bool {
        guard peekKey(name) else { return false }
        position += name.utf8CodeUnitCount + 3
        return true
    }

    private mutating func null() -> Bool {
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        return true
    }

    /// An integer as the writer writes it: `-`, then `0` or digits without a leading zero, that
    /// fits (and is not -2⁶³, whose digits do not).
    private mutating func integer() -> Int64? {
        var cursor = position
        let negative = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }
        let first = cursor
        var value: Int64 = 0
        while cursor < bytes.count, bytes[cursor] &- 0x30 < 10 {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int64(bytes[cursor] &- 0x30))
            guard !overflow && !carry else { return nil }
            value = sum
            cursor += 1
        }
        let digits = cursor - first
        guard digits > 0, digits == 1 || bytes[first] != UInt8(ascii: "0"), !(negative && value == 0) else { return nil }
        position = cursor
        return negative ? -value : value
    }

    /// `null` as `.some(nil)`, an integer as itself; nil when neither stands there.
    private mutating func optionalInteger() -> Int64?? {
        if null() { return .some(nil) }
        return integer().map { .some($0) }
    }

    private mutating func optionalString() -> String?? {
        if null() { return .some(nil) }
        return string().map { .some($0) }
    }

    /// An array of strings, without white space.
    private mutating func strings() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var result: [String] = []
        if take(UInt8(ascii: "]")) { return result }
        while true {
            guard let item = string() else { return nil }
            result.append(item)
            if take(UInt8(ascii: "]")) { return result }
            guard comma() else { return nil }
        }
    }

    /// A string, its UTF-8 checked as the general parser checks it; nil for a `\u` escape.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return escaped ? String(decoding: unescape(Array(content)[...]), as: UTF8.self)
                    : String(decoding: content, as: UTF8.self)
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { return nil }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    escaped = true
                    position += 2
                default:
                    return nil
                }
                continue
            }
            if byte < 0x80 {
                position += 1
            } else {
                guard let length = UTF8Sequence.length(bytes, at: position) else { return nil }
                position += length
            }
        }
        return nil
    }
}
