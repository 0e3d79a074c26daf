import ToetsModel

/// CNT CSV rows written straight from their field bytes as the canonical lines the strict path
/// (`CSVScanner.record`, `CSVAdapters.cnt`, `Post.write(to:)`) makes of them, without a string
/// per field or a `Post`. It takes only a row it reads exactly as the strict path does: the
/// header's number of fields, every field valid UTF-8, ASCII identifiers, reference and links,
/// a timestamp of plain digits, an ASCII platform. Any other row is declined (`write` returns
/// false, having written nothing) and goes to the strict path, which reads it or quarantines it
/// with its reason.
struct CNTRows {
    /// Where each column the format reads is in a row (nil: the header lacks it).
    private let messageID, userID, username, repostID, replyID, message, timestamp, urls: Int?
    private let columnCount: Int
    /// `platform:`, the namespace of identifiers; nil (every row declined) if the platform is not ASCII.
    private let namespace: [UInt8]?
    private let platform: [UInt8]
    /// The strict path counts posts whose platform says `unknown`.
    private let withoutPlatform: Bool

    init(columns: CSVColumns, context: AdapterContext) {
        messageID = columns.position("message_id")
        userID = columns.position("user_id")
        username = columns.position("username")
        repostID = columns.position("repost_id")
        replyID = columns.position("reply_id")
        message = columns.position("message")
        timestamp = columns.position("timestamp")
        urls = columns.position("urls")
        columnCount = columns.names.count
        let name = context.platform ?? "unknown"
        platform = Array(name.utf8)
        withoutPlatform = name == "unknown"
        namespace = platform.allSatisfy { $0 < 0x80 } ? platform + [UInt8(ascii: ":")] : nil
    }

    /// Writes the row `spans` describes (unquoted fields in `row`, quoted ones in `unquoted`) to
    /// `result` as one post; false, with nothing written, if the row is not one it reads exactly.
    /// `scratch` is working space kept between rows.
    func write(_ spans: [CSVScanner.FieldSpan], row: UnsafeBufferPointer<UInt8>, unquoted: UnsafeBufferPointer<UInt8>,
               scratch: inout [UInt8], into result: inout BatchResult) -> Bool {
        guard let namespace, spans.count == columnCount else { return false }
        // The strict path reads every field as text, those it does not use too.
        for span in spans where !UTF8Sequence.isValid(UnsafeBufferPointer(rebasing: (span.quoted ? unquoted : row)[span.range])) {
            return false
        }
        func field(_ position: Int?) -> UnsafeBufferPointer<UInt8>? {
            guard let position else { return nil }
            let span = spans[position]
            return span.range.isEmpty ? nil : UnsafeBufferPointer(rebasing: (span.quoted ? unquoted : row)[span.range])
        }
        guard let id = field(messageID), Self.isASCII(id), let user = field(userID), Self.isASCII(user),
              let seconds = field(timestamp), let createdAt = Self.seconds(seconds) else { return false }
        let repost = field(repostID)
        let reference = repost ?? field(replyID)
        if let reference, !Self.isASCII(reference) { return false }
        let linkField = field(urls)
        if let linkField, !Self.isASCII(linkField) { return false }
        let text = field(message) ?? UnsafeBufferPointer(start: nil, count: 0)
        // A URL starts with http:// or https://, a hashtag with #, a mention with @: a text
        // without those bytes has none, whichever reading.
        let entities: Adapt.Entities = !Self.mayHoldEntities(text) ? ([], [], [])
            : Adapt.scalarEntities(text) ?? Adapt.characterEntities(in: String(decoding: text, as: UTF8.self))
        let links = linkField.map { $0.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) } } ?? []

        // The line in `Post.write(to:)`'s key order, its constant parts copied whole.
        let start = result.lines.bytes.count
        Self.append(Self.beforeHandle, &result.lines)
        if let handle = field(username) { result.lines.appendString(utf8: handle) } else { Self.append(Self.null, &result.lines) }
        Self.append(Self.beforeAuthor, &result.lines)
        Self.namespaced(user, namespace, into: &scratch)
        scratch.withUnsafeBufferPointer { result.lines.appendString(utf8: $0) }
        Self.append(Self.beforeCreatedAt, &result.lines)
        // Plain digits: the canonical integer is them without leading zeros.
        let firstDigit = seconds.firstIndex { $0 != UInt8(ascii: "0") } ?? (seconds.count - 1)
        result.lines.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: seconds[firstDigit...]))
        Self.append(Self.beforeHashtags, &result.lines)
        Self.appendList(Adapt.unique(entities.hashtags), &result.lines)
        Self.append(repost != nil ? Self.kindRepost : reference != nil ? Self.kindReply : Self.kindPost, &result.lines)
        Self.appendList(Adapt.unique(entities.mentions), &result.lines)
        Self.append(Self.beforePlatform, &result.lines)
        platform.withUnsafeBufferPointer { result.lines.appendString(utf8: $0) }
        Self.append(Self.beforePostID, &result.lines)
        Self.namespaced(id, namespace, into: &scratch)
        scratch.withUnsafeBufferPointer { result.lines.appendString(utf8: $0) }
        // The key, its line's length set at the end; the id is ASCII, so in normalisation form C as the key wants it.
        let key = result.keys.count
        scratch.withUnsafeBytes {
            PostKey.encode(into: &result.keys, createdAt: createdAt, offset: Int64(start), length: 0, id: $0, content: nil)
        }
        Self.append(Self.beforeReference, &result.lines)
        if let reference {
            Self.namespaced(reference, namespace, into: &scratch)
            scratch.withUnsafeBufferPointer { result.lines.appendString(utf8: $0) }
        } else {
            Self.append(Self.null, &result.lines)
        }
        Self.append(Self.beforeText, &result.lines)
        result.lines.appendString(utf8: text)
        Self.append(Self.beforeURLs, &result.lines)
        Self.appendList(Adapt.unique(links), &result.lines)
        Self.append(Self.end, &result.lines)
        PostKey.setLineLength(&result.keys, key: key, result.lines.bytes.count - start)
        result.posts += 1
        if withoutPlatform { result.postsWithoutPlatform += 1 }
        return true
    }

    // The constant parts of a CNT post's canonical line, between its values.
    private static let beforeHandle = Array(#"{"account_created_at":null,"author_handle":"#.utf8)
    private static let beforeAuthor = Array(#","author_id":"#.utf8)
    private static let beforeCreatedAt = Array(#","content_id":null,"created_at":"#.utf8)
    private static let beforeHashtags = Array(#","followers":null,"hashtags":"#.utf8)
    private static let kindPost = Array(#","kind":"post","language":null,"mentions":"#.utf8)
    private static let kindRepost = Array(#","kind":"repost","language":null,"mentions":"#.utf8)
    private static let kindReply = Array(#","kind":"reply","language":null,"mentions":"#.utf8)
    private static let beforePlatform = Array(#","platform":"#.utf8)
    private static let beforePostID = Array(#","post_id":"#.utf8)
    private static let beforeReference = Array(#","ref_author_id":null,"ref_post_id":"#.utf8)
    private static let beforeText = Array(#","source_format":"cnt-csv","text":"#.utf8)
    private static let beforeURLs = Array(#","thread_id":null,"ts_precision":"s","urls":"#.utf8)
    private static let end = Array("}\n".utf8)
    private static let null = Array("null".utf8)

    private static func append(_ part: [UInt8], _ writer: inout CanonicalJSONWriter) {
        writer.bytes.append(contentsOf: part)
    }

    private static func appendList(_ items: [String], _ writer: inout CanonicalJSONWriter) {
        writer.bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            writer.appendString(item)
        }
        writer.bytes.append(UInt8(ascii: "]"))
    }

    /// Whether `text` holds `#`, `@` or `:` (8 bytes at a time, exactly: no borrow crosses a byte).
    static func mayHoldEntities(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        @inline(__always) func has(_ word: UInt64, _ byte: UInt8) -> Bool {
            let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F) != 0
        }
        var index = 0
        while index + 8 <= text.count {
            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if has(word, UInt8(ascii: "#")) || has(word, UInt8(ascii: "@")) || has(word, UInt8(ascii: ":")) { return true }
            index += 8
        }
        while index < text.count {
            if text[index] == UInt8(ascii: "#") || text[index] == UInt8(ascii: "@") || text[index] == UInt8(ascii: ":") { return true }
            index += 1
        }
        return false
    }

    /// `Adapt.namespaced` on ASCII bytes: `id` if it starts with the namespace, else the namespace and `id`.
    private static func namespaced(_ id: UnsafeBufferPointer<UInt8>, _ namespace: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if !id.starts(with: namespace) { out += namespace }
        out.append(contentsOf: id)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var mask: UInt8 = 0
        for byte in bytes { mask |= byte }
        return mask < 0x80
    }

    /// A timestamp of 1 to 18 ASCII digits (what `Int64(_:)` reads the same way and cannot
    /// overflow); nil for anything else (a sign, a fraction, white space), which the strict path reads.
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
