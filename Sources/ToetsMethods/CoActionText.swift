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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalisedASCII(text) }
        let scalars = withoutMentions(pythonLowercased(text))
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars {
            if isPythonSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if let scalar = Unicode.Scalar(scalar) { out.append(scalar) }
        }
        return String(out)
    }

    /// The words `similarity` compares: `tokenize`'s tokens (word-boundary segments, without
    /// the horizontal space and the one apostrophe after a boundary), split again at blanks as
    /// `similarity`'s `str.split()` does; a word may come more than once.
    static func tokens(_ text: String) -> [String] {
        let scalars = withoutMentions(pythonLowercased(text))
        let count = scalars.count
        // Raw memory rather than `withUnsafeBufferPointer`: state captured by a closure is
        // checked for exclusive access at run time, which costs more than the tokenising.
        let values = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
        defer { values.deallocate() }
        for index in 0..<count { values[index] = CoActionWordBreak.value(scalars[index]) }
        let boundaries = UnsafeBufferPointer(values)

        var tokens: [String] = []
        var utf8: [UInt8] = []
        // `\b\p{Word_Break=WSegSpace}*'?` matched left to right, as `regex.split` does; each
        // token between matches is split again at blanks.
        var position = 0
        var tokenStart = 0
        while position <= count {
            var end = position
            let isMatch = CoActionWordBreak.isBoundary(boundaries, at: position)
            if isMatch {
                while end < count && CoActionWordBreak.property(values[end]) == .wSegSpace { end += 1 }
                if end < count && scalars[end] == 0x27 { end += 1 }
            }
            if isMatch || position == count {
                for index in tokenStart...max(tokenStart, position) {
                    if index < position && !isPythonSpace(scalars[index]) {
                        appendUTF8(scalars[index], to: &utf8)
                    } else if !utf8.isEmpty {
                        tokens.append(String(decoding: utf8, as: UTF8.self))
                        utf8.removeAll(keepingCapacity: true)
                    }
                }
                tokenStart = end
            }
            position = end > position ? end : position + 1
        }
        return tokens
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// `normalised` for ASCII text, on bytes.
    private static func normalisedASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var inMention = false
        for byte in text.utf8 {
            if inMention {
                // Only `\s` ends a mention; 0x1C–0x1F do not, though `split` treats them as blanks.
                guard isRegexSpace(UInt32(byte)) else { continue }
                inMention = false
            }
            if byte == UInt8(ascii: "@") {
                inMention = true
                continue
            }
            if isPythonSpace(UInt32(byte)) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
            out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalars of Python's `text.lower()`: full lower-case mappings, and capital sigma as
    /// final sigma after a cased letter not followed by one (case-ignorable scalars skipped).
    static func pythonLowercased(_ text: String) -> [UInt32] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? UInt32($0 | 0x20) : UInt32($0) }
        }
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
