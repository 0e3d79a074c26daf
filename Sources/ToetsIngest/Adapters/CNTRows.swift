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
        for span in spans where !Self.isValidUTF8(UnsafeBufferPointer(rebasing: (span.quoted ? unquoted : row)[span.range])) {
            return false
        }
        func field(_ position: Int?) -> UnsafeBufferPointer<UInt8>? {
            guard let position else { return nil }
            let span = spans[position]
            return span.range.isEmpty ? nil : UnsafeBufferPointer(rebasing: (span.quoted ? unquoted : row)[span.range])
        }
        guard let id = field(messageID), Self.isASCII(id), let user = field(userID), Self.isASCII(user),
              let createdAt = field(timestamp).flatMap(Self.seconds) else { return false }
        let repost = field(repostID)
        let reference = repost ?? field(replyID)
        if let reference, !Self.isASCII(reference) { return false }
        let linkField = field(urls)
        if let linkField, !Self.isASCII(linkField) { return false }
        let text = field(message) ?? UnsafeBufferPointer(start: nil, count: 0)
        let entities = Adapt.scalarEntities(text) ?? Adapt.characterEntities(in: String(decoding: text, as: UTF8.self))
        let links = linkField.map { $0.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) } } ?? []

        // The post id, kept for the sort key; then the line, in `Post.write(to:)`'s key order.
        Self.namespaced(id, namespace, into: &scratch)
        let postID = String(decoding: scratch, as: UTF8.self)
        let start = result.lines.bytes.count
        result.lines.beginObject()
        result.lines.key("account_created_at"); result.lines.value(nil as Int64?)
        result.lines.key("author_handle"); result.lines.value(utf8: field(username))
        result.lines.key("author_id"); namespacedValue(user, namespace, &scratch, &result.lines)
        result.lines.key("content_id"); result.lines.value(nil as String?)
        result.lines.key("created_at"); result.lines.value(createdAt)
        result.lines.key("followers"); result.lines.value(nil as Int64?)
        result.lines.key("hashtags"); result.lines.value(Adapt.unique(entities.hashtags))
        result.lines.key("kind")
        result.lines.value(repost != nil ? Post.Kind.repost.rawValue : reference != nil ? Post.Kind.reply.rawValue : Post.Kind.post.rawValue)
        result.lines.key("language"); result.lines.value(nil as String?)
        result.lines.key("mentions"); result.lines.value(Adapt.unique(entities.mentions))
        platform.withUnsafeBufferPointer { result.lines.key("platform"); result.lines.value(utf8: $0) }
        result.lines.key("post_id"); result.lines.value(postID)
        result.lines.key("ref_author_id"); result.lines.value(nil as String?)
        result.lines.key("ref_post_id")
        if let reference { namespacedValue(reference, namespace, &scratch, &result.lines) } else { result.lines.value(nil as String?) }
        result.lines.key("source_format"); result.lines.value(SourceFormat.cnt.rawValue)
        result.lines.key("text"); result.lines.value(utf8: text)
        result.lines.key("thread_id"); result.lines.value(nil as String?)
        result.lines.key("ts_precision"); result.lines.value(Post.Precision.seconds.rawValue)
        result.lines.key("urls"); result.lines.value(Adapt.unique(links))
        result.lines.endObject()
        result.lines.newline()
        result.entries.append(BatchResult.Entry(createdAt: createdAt, postID: postID, contentID: nil, start: start,
                                                end: result.lines.bytes.count))
        if withoutPlatform { result.postsWithoutPlatform += 1 }
        return true
    }

    /// `Adapt.namespaced` on ASCII bytes: `id` if it starts with the namespace, else the namespace and `id`.
    private static func namespaced(_ id: UnsafeBufferPointer<UInt8>, _ namespace: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if !id.starts(with: namespace) { out += namespace }
        out.append(contentsOf: id)
    }

    private func namespacedValue(_ id: UnsafeBufferPointer<UInt8>, _ namespace: [UInt8], _ scratch: inout [UInt8],
                                 _ writer: inout CanonicalJSONWriter) {
        Self.namespaced(id, namespace, into: &scratch)
        scratch.withUnsafeBufferPointer { writer.value(utf8: $0) }
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

    /// Whether `bytes` are valid UTF-8 as `String(validating:as:)` reads it: no overlong forms,
    /// no surrogates, nothing above U+10FFFF, no cut-off sequence. ASCII is skipped 8 bytes at a time.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            if let base = bytes.baseAddress {
                while index + 8 <= count,
                      UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
            }
            guard index < count else { return true }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var (low, high): (UInt8, UInt8) = (0x80, 0xBF)
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
