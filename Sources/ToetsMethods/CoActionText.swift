/// The text rules of CNT 1.5.2 (`similarity.py`): what makes two messages the same text for
/// co-tweet (`message_preprocessor`) and which words they share for co-similar-tweet
/// (`tokenize`, then `similarity`'s split into a set).
///
/// Both lower-case the text as Python's `str.lower` does (full mappings, final sigma), then
/// drop every `@` with the non-blank run after it (`@.*?(?=\s|$)`: mentions, and the rest of an
/// e-mail address after its `@`).
enum CoActionText {
    /// The Unicode version of the Python that runs CNT (3.11): scalars assigned later have no
    /// case there, so they stay as they are.
    static let pythonUnicodeVersion = (major: 14, minor: 0)

    /// `message_preprocessor`: lower case, mentions dropped, runs of blanks as one space, no
    /// blanks at either end.
    static func normalised(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { appendNormalised($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `normalised` of a UTF-8 text to `out`.
    static func appendNormalised(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard text.allSatisfy({ $0 < 0x80 }) else { return appendNormalisedOfUnicode(String(decoding: text, as: UTF8.self), to: &out) }
        // ASCII: the same on bytes, which are their own UTF-8.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { lowered in
            let count = collapsingBlanks(lowered, count: lowercasedWithoutMentionsASCII(text, into: lowered))
            out.append(contentsOf: lowered[..<count])
        }
    }

    /// `appendNormalised` on scalars, right for any text (tests check the ASCII way against it).
    static func appendNormalisedOfUnicode(_ text: String, to out: inout [UInt8]) {
        var scalars = lowercasedWithoutMentions(text)
        let count = scalars.withUnsafeMutableBufferPointer { collapsingBlanks($0, count: $0.count) }
        let first = out.count
        out.append(contentsOf: repeatElement(0, count: 4 * count))
        let end = out.withUnsafeMutableBufferPointer { out in
            scalars[..<count].reduce(first) { at, scalar in at + writeUTF8(scalar, into: out.baseAddress! + at) }
        }
        out.removeSubrange(end...)
    }

    /// Each run of blanks among the first `count` units as one space, and none at either end,
    /// in place; returns how many units are left. A space is written only where at least one
    /// blank was read, so writing never overtakes reading.
    private static func collapsingBlanks<Unit: FixedWidthInteger>(_ units: UnsafeMutableBufferPointer<Unit>, count: Int) -> Int {
        var at = 0
        var pendingSpace = false
        for index in 0..<count {
            let unit = units[index]
            if isPythonSpace(UInt32(unit)) {
                pendingSpace = at > 0
                continue
            }
            if pendingSpace {
                units[at] = 0x20
                at += 1
                pendingSpace = false
            }
            units[at] = unit
            at += 1
        }
        return at
    }

    /// The scalars both rules start from: `pythonLowercased`, then `@` and the rest of its
    /// non-blank run dropped (only `\s` ends it; 0x1C–0x1F do not, though `split` treats them as
    /// blanks).
    private static func lowercasedWithoutMentions(_ text: String) -> [UInt32] {
        withoutMentions(pythonLowercased(text))
    }

    /// `lowercasedWithoutMentions` of ASCII text, on its bytes: written to `out` (room for
    /// `text.count`); returns how many.
    private static func lowercasedWithoutMentionsASCII(_ text: UnsafeBufferPointer<UInt8>,
                                                       into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var inMention = false
        for byte in text {
            if inMention {
                guard isRegexSpace(UInt32(byte)) else { continue }
                inMention = false
            }
            if byte == UInt8(ascii: "@") {
                inMention = true
            } else {
                out[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                count += 1
            }
        }
        return count
    }

    /// The words `similarity` compares: `tokenize`'s tokens (word-boundary segments, without
    /// the horizontal space and the one apostrophe after a boundary), split again at blanks as
    /// `similarity`'s `str.split()` does; a word may come more than once.
    static func tokens(_ text: String) -> [String] {
        var text = text
        var tokens: [String] = []
        text.withUTF8 { text in forEachToken(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) } }
        return tokens
    }

    /// Calls `body` with the UTF-8 bytes of each of `tokens(text)`, in order.
    static func forEachToken(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard text.allSatisfy({ $0 < 0x80 }) else { return forEachTokenOfUnicode(String(decoding: text, as: UTF8.self), body) }
        // ASCII: a scalar is a byte, and a token's bytes are a run of the lowered text.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * text.count) { buffer in
            let lowered = UnsafeMutableBufferPointer(rebasing: buffer[..<text.count])
            let count = lowercasedWithoutMentionsASCII(text, into: lowered)
            let values = UnsafeMutableBufferPointer(rebasing: buffer[text.count..<(text.count + count)])
            CoActionWordBreak.values(ofASCII: UnsafeBufferPointer(rebasing: lowered[..<count]), into: values)
            forEachTokenRange(values: UnsafeBufferPointer(values), scalar: { UInt32(lowered[$0]) }) { words in
                body(UnsafeBufferPointer(rebasing: lowered[words]))
            }
        }
    }

    /// `forEachToken` on scalars, right for any text (tests check the ASCII way against it).
    static func forEachTokenOfUnicode(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let scalars = lowercasedWithoutMentions(text)
        let values = CoActionWordBreak.values(of: scalars)
        // The scalars' UTF-8, and where each one's bytes start.
        var offsets = [Int](repeating: 0, count: scalars.count + 1)
        let utf8 = [UInt8](unsafeUninitializedCapacity: 4 * scalars.count) { utf8, initialized in
            var at = 0
            for (index, scalar) in scalars.enumerated() {
                offsets[index] = at
                at += writeUTF8(scalar, into: utf8.baseAddress! + at)
            }
            offsets[scalars.count] = at
            initialized = at
        }
        values.withUnsafeBufferPointer { values in
            utf8.withUnsafeBufferPointer { utf8 in
                forEachTokenRange(values: values, scalar: { scalars[$0] }) { words in
                    body(UnsafeBufferPointer(rebasing: utf8[offsets[words.lowerBound]..<offsets[words.upperBound]]))
                }
            }
        }
    }

    /// The token loop over scalars with these word-break `values`: `word` gets each token as
    /// the range of its scalars.
    @inline(__always)
    private static func forEachTokenRange(values: UnsafeBufferPointer<UInt8>, scalar: (Int) -> UInt32, word: (Range<Int>) -> Void) {
        let count = values.count
        /// Each run of scalars in `range` that are not blanks.
        func words(_ range: Range<Int>) {
            var start = range.lowerBound
            for index in range where isPythonSpace(scalar(index)) {
                if index > start { word(start..<index) }
                start = index + 1
            }
            if range.upperBound > start { word(start..<range.upperBound) }
        }
        // `\b\p{Word_Break=WSegSpace}*'?` matched left to right, as `regex.split` does; each
        // token between matches is split again at blanks.
        var position = 0
        var tokenStart = 0
        while position <= count {
            var end = position
            let isMatch = CoActionWordBreak.isBoundary(values, at: position)
            if isMatch {
                while end < count && CoActionWordBreak.property(values[end]) == .wSegSpace { end += 1 }
                if end < count && scalar(end) == 0x27 { end += 1 }
            }
            if isMatch || position == count {
                words(tokenStart..<max(tokenStart, position))
                tokenStart = end
            }
            position = end > position ? end : position + 1
        }
    }

    /// Writes a scalar's UTF-8 bytes (1 to 4) at `out`; returns how many.
    @inline(__always)
    private static func writeUTF8(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case ..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }

    /// The scalars of Python's `text.lower()`: full lower-case mappings, and capital sigma as
    /// final sigma after a cased letter not followed by one (case-ignorable scalars skipped).
    static func pythonLowercased(_ text: String) -> [UInt32] {
        let scalars = Array(text.unicodeScalars)
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? value | 0x20 : value)
            } else if value == 0x3A3 {
                out.append(isFinalSigma(scalars, index) ? 0x3C2 : 0x3C3)
            } else if scalar.properties.changesWhenLowercased && knownToPython(scalar) {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.map(\.value))
            } else {
                out.append(value)
            }
        }
        return out
    }

    private static func isFinalSigma(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0 && isCaseIgnorable(scalars[before]) { before -= 1 }
        guard before >= 0 && isCased(scalars[before]) else { return false }
        var after = index + 1
        while after < scalars.count && isCaseIgnorable(scalars[after]) { after += 1 }
        return after == scalars.count || !isCased(scalars[after])
    }

    private static func isCased(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isCased && knownToPython(scalar)
    }

    private static func isCaseIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isCaseIgnorable && knownToPython(scalar)
    }

    /// Whether the scalar was assigned by `pythonUnicodeVersion`.
    private static func knownToPython(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return age.major < pythonUnicodeVersion.major
            || (age.major == pythonUnicodeVersion.major && age.minor <= pythonUnicodeVersion.minor)
    }

    /// Drops each `@` and everything after it up to the next `\s` scalar.
    private static func withoutMentions(_ scalars: [UInt32]) -> [UInt32] {
        guard scalars.contains(0x40) else { return scalars }
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        var inMention = false
        for scalar in scalars {
            if inMention {
                guard isRegexSpace(scalar) else { continue }
                inMention = false
            }
            if scalar == 0x40 { inMention = true } else { out.append(scalar) }
        }
        return out
    }

    /// `\s` of the `regex` module on `str`: Unicode White_Space.
    @inline(__always)
    static func isRegexSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Python's `str.isspace`, which `str.split()` splits at: `\s` and the separators 0x1C–0x1F.
    @inline(__always)
    static func isPythonSpace(_ scalar: UInt32) -> Bool {
        (0x1C...0x1F).contains(scalar) || isRegexSpace(scalar)
    }
}
