/// A word of a text, as the name and address recognizers see it: a run of letters, digits,
/// `_` and apostrophes inside a word, in UTF-8 byte offsets. Text is never turned into strings
/// to find words: the tokenizer and the folding below work on bytes.
struct WordToken: Equatable {
    var start: Int
    var end: Int
    /// Bits of `WordToken.Shape`.
    var shape: UInt8

    /// What a token looks like.
    enum Shape {
        /// The first character is an upper-case letter.
        static let capitalised: UInt8 = 1
        /// Two or more letters, all upper case (an acronym or shouting).
        static let allCaps: UInt8 = 2
        /// It holds a digit.
        static let digit: UInt8 = 4
        /// Only digits.
        static let number: UInt8 = 8
        /// It holds a letter.
        static let letter: UInt8 = 16
    }

    func has(_ bit: UInt8) -> Bool { shape & bit != 0 }
    var isCapitalised: Bool { has(Shape.capitalised) && !has(Shape.allCaps) }
}

/// Splits text into `WordToken`s and folds words for look-up: ASCII letters to lower case,
/// Latin letters with diacritics to their base letter (é → e, ş → s, ø → o), combining marks
/// dropped (so NFC and NFD text fold alike), the typographic apostrophe to `'`.
enum WordTokens {
    /// The byte length of the UTF-8 character that starts with `lead`.
    @inline(__always)
    static func length(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Whether the character starting at `index` is part of a word: letters, digits and `_`;
    /// of other scripts every character but general punctuation and symbols (U+2000–U+2BFF),
    /// specials and variation selectors (U+E000–U+FFFF) and emoji (U+10000 and up).
    @inline(__always)
    static func isWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 {
            return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
        if byte < 0xC0 { return false }  // a stray continuation byte
        if byte == 0xC2 { return false }  // Latin-1 punctuation and symbols: no-break space, «, », ©, …
        return byte < 0xE2 || (byte > 0xE2 && byte < 0xEE)
    }

    /// Whether the character at `index` is an apostrophe (`'` or U+2019).
    @inline(__always)
    static func apostropheLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        if bytes[index] == 0x27 { return 1 }
        if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return 3 }
        return 0
    }

    /// The words of `bytes`, appended to `tokens` (which is emptied first).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [WordToken]) {
        tokens.removeAll(keepingCapacity: true)
        var index = 0
        let count = bytes.count
        while index < count {
            // "'t" and "'s" open a word ("in 't Veld", "'s-Hertogenbosch").
            var start = index
            let apostrophe = apostropheLength(bytes, index)
            if apostrophe > 0, index + apostrophe < count, bytes[index + apostrophe] | 0x20 == 0x74 || bytes[index + apostrophe] | 0x20 == 0x73,
               index == 0 || !isWordCharacter(bytes, index - 1),
               index + apostrophe + 1 >= count || !isWordCharacter(bytes, index + apostrophe + 1) {
                start = index
                index += apostrophe
            } else if !isWordCharacter(bytes, index) {
                index += length(bytes[index])
                continue
            }
            var shape: UInt8 = 0
            var letters = 0
            var upper = 0
            var first = true
            while index < count {
                let byte = bytes[index]
                if isWordCharacter(bytes, index) {
                    if byte >= 0x30 && byte <= 0x39 {
                        shape |= WordToken.Shape.digit
                    } else if byte != 0x5F {
                        letters += 1
                        if isUpper(bytes, index) {
                            upper += 1
                            if first { shape |= WordToken.Shape.capitalised }
                        }
                    }
                    first = false
                    index += min(length(byte), count - index)
                    continue
                }
                // An apostrophe between two word characters stays inside ("O'Brien", "d'Ancona").
                let inside = apostropheLength(bytes, index)
                if inside > 0, index + inside < count, index > start, isWordCharacter(bytes, index + inside) {
                    index += inside
                    continue
                }
                break
            }
            if letters > 0 { shape |= WordToken.Shape.letter }
            if letters >= 2 && upper == letters { shape |= WordToken.Shape.allCaps }
            if shape & WordToken.Shape.digit != 0 && letters == 0 { shape |= WordToken.Shape.number }
            if index > start { tokens.append(WordToken(start: start, end: index, shape: shape)) }
        }
    }

    /// Whether the letter at `index` is upper case: A–Z, À–Þ, and the upper-case letters of
    /// Latin Extended-A.
    @inline(__always)
    static func isUpper(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        guard index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        if byte == 0xC3 { return next >= 0x80 && next <= 0x9E && next != 0x97 }
        if byte == 0xC4 || byte == 0xC5 {
            let scalar = (Int(byte & 0x1F) << 6) | Int(next & 0x3F)
            if (0x139...0x148).contains(scalar) || (0x179...0x17E).contains(scalar) { return scalar & 1 == 1 }
            return scalar & 1 == 0 && scalar != 0x138
        }
        return false
    }

    /// Appends the folded form of `bytes[range]` to `out`.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte < 0x80 {
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                index += 1
                continue
            }
            let size = length(byte)
            if size == 2, index + 1 < range.upperBound {
                let scalar = (Int(byte & 0x1F) << 6) | Int(bytes[index + 1] & 0x3F)
                if (0x300...0x36F).contains(scalar) {
                    index += 2  // a combining mark: NFD's diacritic
                    continue
                }
                if (0xC0...0x17F).contains(scalar) {
                    let base = latinBase[scalar - 0xC0]
                    if base != 0 {
                        out.append(base)
                        if scalar == 0xDF { out.append(UInt8(ascii: "s")) }  // ß → ss
                        index += 2
                        continue
                    }
                }
            }
            if size == 3, index + 2 < range.upperBound, byte == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                out.append(0x27)
                index += 3
                continue
            }
            let end = min(index + size, range.upperBound)
            for position in index..<end { out.append(bytes[position]) }
            index = end
        }
    }

    /// Folds a whole string (list entries, display names), for building tables.
    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { fold($0, 0..<$0.count, into: &out) }
        return out
    }

    /// The words of a string, folded: how list entries and display names are split.
    static func foldedWords(_ text: String) -> [[UInt8]] {
        var text = text
        return text.withUTF8 { bytes in
            var tokens: [WordToken] = []
            scan(bytes, into: &tokens)
            return tokens.map { token in
                var out: [UInt8] = []
                fold(bytes, token.start..<token.end, into: &out)
                return out
            }
        }
    }

    /// The base letter of U+00C0…U+017F, lower case; 0 where there is none (×, ÷).
    static let latinBase: [UInt8] = {
        let table = "aaaaaaaceeeeiiiidnooooo-ouuuuytsaaaaaaaceeeeiiiidnooooo-ouuuuyty"  // U+00C0–U+00FF
            + "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
        return table.utf8.map { $0 == UInt8(ascii: "-") ? 0 : $0 }
    }()
}
