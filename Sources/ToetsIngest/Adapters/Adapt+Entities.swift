extension Adapt {
    typealias Entities = (urls: [String], hashtags: [String], mentions: [String])

    /// URLs, hashtags and mentions written in a text, for formats that do not list them.
    /// Words are split at white space; a URL loses trailing punctuation, a hashtag or mention
    /// is the letters, digits and `_` after its `#` or `@`, lower-cased. What counts is the
    /// reading by `Character` (`characterEntities`); `scalarEntities` gives the same, faster,
    /// for the texts it can read.
    static func entities(in text: String) -> Entities {
        var text = text
        return text.withUTF8 { scalarEntities($0) } ?? characterEntities(in: text)
    }

    /// The parts of `text` between spaces (U+0020), none empty: split by byte when the text
    /// is ASCII, by `Character` otherwise (a space followed by a combining mark is no space).
    static func words(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: " ").map(String.init) }
        return text.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `entities(in:)` by `Character`, for any text.
    static func characterEntities(in text: String) -> Entities {
        var urls: [String] = []
        var hashtags: [String] = []
        var mentions: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let token = String(word)
            if token.hasPrefix("http://") || token.hasPrefix("https://") {
                urls.append(String(token.reversed().drop { ".,;:!?)»\"'".contains($0) }.reversed()))
            } else if token.hasPrefix("#") || token.hasPrefix("@") {
                let name = token.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !name.isEmpty else { continue }
                if token.hasPrefix("#") { hashtags.append(name.lowercased()) } else { mentions.append(name.lowercased()) }
            }
        }
        return (urls, hashtags, mentions)
    }

    /// `entities(in:)` scalar by scalar, on the UTF-8 bytes of a text; nil for a text with a
    /// scalar outside `isSingleCharacter`. Within those scalars every scalar is a `Character`
    /// of its own (CR LF aside, which is white space either way), so testing each scalar as
    /// the `Character` it is gives the `Character` reading exactly; ASCII bytes are tested
    /// directly (white space 09–0D and 20, letters `A–Z a–z`, digits `0–9`), no scalar outside
    /// ASCII equals an ASCII character, and only ASCII bytes are compared with the prefixes.
    static func scalarEntities(_ bytes: UnsafeBufferPointer<UInt8>) -> Entities? {
        let count = bytes.count
        var ascii = true
        var position = 0
        while position < count {
            let byte = bytes[position]
            if byte < 0x80 {
                position += 1
                continue
            }
            ascii = false
            let (scalar, length) = decode(bytes, at: position)
            guard isSingleCharacter(scalar) else { return nil }
            position += length
        }
        var urls: [String] = []
        var hashtags: [String] = []
        var mentions: [String] = []
        /// The length of the white-space scalar at `index`, 0 if it is not one.
        func space(at index: Int) -> Int {
            let byte = bytes[index]
            if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
            let (scalar, length) = decode(bytes, at: index)
            return Character(Unicode.Scalar(scalar)!).isWhitespace ? length : 0
        }
        /// The length of the letter, digit or `_` at `index`, 0 if it is none of them.
        func word(at index: Int) -> Int {
            let byte = bytes[index]
            if byte < 0x80 {
                return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                    || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "_") ? 1 : 0
            }
            let (scalar, length) = decode(bytes, at: index)
            let character = Character(Unicode.Scalar(scalar)!)
            return character.isLetter || character.isNumber ? length : 0
        }
        func starts(_ prefix: StaticString, at start: Int, before end: Int) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard end - start >= length else { return false }
            for index in 0..<length where bytes[start + index] != prefix.utf8Start[index] { return false }
            return true
        }
        position = 0
        while position < count {
            var skip = 0
            while position < count {
                skip = space(at: position)
                if skip == 0 { break }
                position += skip
            }
            let start = position
            while position < count && space(at: position) == 0 { position += bytes[position] < 0x80 ? 1 : decode(bytes, at: position).length }
            let end = position
            guard end > start else { break }
            let first = bytes[start]
            if first == UInt8(ascii: "h"), starts("http://", at: start, before: end) || starts("https://", at: start, before: end) {
                var last = end
                while last > start {
                    let byte = bytes[last - 1]
                    if byte < 0x80, Self.urlTrailing.contains(byte) {
                        last -= 1
                    } else if byte == 0xBB, last - 2 >= start, bytes[last - 2] == 0xC2 {  // »
                        last -= 2
                    } else {
                        break
                    }
                }
                urls.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self))
            } else if first == UInt8(ascii: "#") || first == UInt8(ascii: "@") {
                var nameEnd = start + 1
                while nameEnd < end {
                    let length = word(at: nameEnd)
                    if length == 0 { break }
                    nameEnd += length
                }
                guard nameEnd > start + 1 else { continue }
                let nameBytes = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<nameEnd])
                let name = ascii ? String(unsafeUninitializedCapacity: nameBytes.count) { buffer in
                    for (index, byte) in nameBytes.enumerated() {
                        buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    }
                    return nameBytes.count
                } : String(decoding: nameBytes, as: UTF8.self).lowercased()
                if first == UInt8(ascii: "#") { hashtags.append(name) } else { mentions.append(name) }
            }
        }
        return (urls, hashtags, mentions)
    }

    /// The ASCII characters a URL drops from its end (and `»`).
    private static let urlTrailing: [UInt8] = Array(".,;:!?)\"'".utf8)

    /// The scalar that starts at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let byte = UInt32(bytes[index])
        if byte < 0x80 { return (byte, 1) }
        if byte < 0xE0 { return ((byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if byte < 0xF0 {
            return ((byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return ((byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    /// Scalars outside ASCII that are always a `Character` of their own: no grapheme rule
    /// joins them to a neighbour (they are not Extend, ZWJ, SpacingMark, Prepend, a regional
    /// indicator or Hangul) and they are canonically equivalent to no ASCII character. Latin
    /// letters and Latin-1 signs, general punctuation and spaces (not ZWNJ U+200C, ZWJ
    /// U+200D), currency signs, symbols, arrows and dingbats (not KELVIN SIGN U+212A, which is K), the ideographic space, and
    /// emoji (not regional indicators U+1F1E6–1F1FF, not skin tones U+1F3FB–1F3FF). Any other
    /// scalar sends the text to the `Character` reading.
    static func isSingleCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00A0...0x02FF, 0x2000...0x200B, 0x200E...0x206F, 0x20A0...0x20CF, 0x2100...0x2129, 0x212B...0x2BFF, 0x3000: true
        case 0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF: false
        case 0x1F000...0x1FAFF: true
        default: false
        }
    }
}
