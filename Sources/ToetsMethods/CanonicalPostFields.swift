import ToetsModel

/// Reads a posts line exactly as `Post.write(to:)` writes it straight into a co-action input:
/// the fields CNT's rows have (`CoActionInput`) as bytes, the others checked and skipped.
///
/// It takes only lines that `Post.canonical` reads, and reads the same values from them: every
/// key must be the next one the writer writes (an escaped, repeated, extra or missing key is
/// refused), strings must be valid UTF-8 (RFC 3629) without control characters, integers plain
/// decimal digits that fit. It is stricter than `Post.canonical` in one way: a field it keeps
/// may hold no escape at all (its bytes are then the value), and no string a `\u` escape. Any
/// line it refuses is left untouched for the strict reader (`Post.decodeLines`), which reads it
/// or says what is wrong with it.
struct CanonicalPostFields {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Adds the post of `line` to `builder` and returns true, or returns false, adding nothing.
    static func add(_ line: UnsafeBufferPointer<UInt8>, to builder: inout CoActionInput.Builder) -> Bool {
        var reader = CanonicalPostFields(line)
        guard let fields = reader.fields() else { return false }
        let kind: CoActionInput.Builder.Kind = fields.kind == .repost ? .repost : fields.kind == .reply ? .reply : .post
        let empty = UnsafeBufferPointer(rebasing: line[0..<0])
        func slice(_ range: Range<Int>?) -> UnsafeBufferPointer<UInt8> { range.map { UnsafeBufferPointer(rebasing: line[$0]) } ?? empty }
        builder.addMessage(postID: slice(fields.postID), author: slice(fields.authorID), time: fields.createdAt, kind: kind,
                           reference: slice(fields.refPostID), text: slice(fields.text))
        if kind != .repost {
            for url in fields.urls { builder.addURL(slice(url)) }
        }
        return true
    }

    /// What a co-action input reads of a post, as ranges of the line.
    private struct Fields {
        var authorID: Range<Int>
        var createdAt: Int64
        var kind: Post.Kind
        var postID: Range<Int>
        var refPostID: Range<Int>?
        var text: Range<Int>?
        var urls: [Range<Int>]
    }

    /// The line's fields, or nil unless the whole line is canonical.
    private mutating func fields() -> Fields? {
        guard take(UInt8(ascii: "{")),
              key("account_created_at"), optionalInteger(),
              comma(), key("author_handle"), optionalString(),
              comma(), key("author_id"), let authorID = kept(),
              comma(), key("content_id"), optionalString(),
              comma(), key("created_at"), let createdAt = integer(),
              comma() else { return nil }
        if peekKey("display_name") {
            guard key("display_name"), string() != nil, comma() else { return nil }
        }
        guard key("followers"), optionalInteger(),
              comma(), key("hashtags"), strings(keep: false) != nil,
              comma(), key("kind"), let kindRange = kept(), let kind = Post.Kind(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[kindRange]), as: UTF8.self)),
              comma(), key("language"), optionalString(),
              comma(), key("mentions"), strings(keep: false) != nil,
              comma(), key("platform"), string() != nil,
              comma(), key("post_id"), let postID = kept(),
              comma(), key("ref_author_id"), optionalString(),
              comma(), key("ref_post_id"), let refPostID = optionalKept(),
              comma(), key("source_format"), string() != nil,
              comma(), key("text"), let text = optionalKept(),
              comma(), key("thread_id"), optionalString(),
              comma(), key("ts_precision"), string() != nil,
              comma(), key("urls"), let urls = strings(keep: true),
              take(UInt8(ascii: "}")), position == bytes.count else { return nil }
        return Fields(authorID: authorID, createdAt: createdAt, kind: kind, postID: postID, refPostID: refPostID,
                      text: text, urls: urls)
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

    /// `-`, then `0` or digits without a leading zero, that fits (not -0, not -2⁶³).
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

    /// `null` or an integer.
    private mutating func optionalInteger() -> Bool { null() || integer() != nil }

    /// `null` or a string.
    private mutating func optionalString() -> Bool { null() || string() != nil }

    /// A string kept as its bytes: nil if it holds any escape.
    private mutating func kept() -> Range<Int>? {
        guard let (range, escaped) = string(), !escaped else { return nil }
        return range
    }

    /// `null` as `.some(nil)`, a kept string as its range; nil when neither stands there.
    private mutating func optionalKept() -> Range<Int>?? {
        if null() { return .some(nil) }
        return kept().map { .some($0) }
    }

    /// An array of strings without white space; their ranges if `keep` (then without escapes).
    private mutating func strings(keep: Bool) -> [Range<Int>]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var result: [Range<Int>] = []
        if take(UInt8(ascii: "]")) { return result }
        while true {
            if keep {
                guard let item = kept() else { return nil }
                result.append(item)
            } else {
                guard string() != nil else { return nil }
            }
            if take(UInt8(ascii: "]")) { return result }
            guard comma() else { return nil }
        }
    }

    /// A string's content and whether it holds an escape (one of `\" \\ \/ \b \f \n \r \t`; a
    /// `\u` is refused); nil unless its UTF-8 is valid and it has no control character.
    private mutating func string() -> (range: Range<Int>, escaped: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start..<position - 1, escaped)
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
