/// Unicode default word boundaries (UAX #29, rules WB1–WB999), the ones CNT's `tokenize` splits
/// at through the `regex` module's WORD flag. The property data comes from that module
/// (`CoActionWordBreak+Table.swift`), so a boundary falls where CNT's falls even where
/// Swift's own Unicode version differs.
enum CoActionWordBreak {
    /// The Word_Break property values, in the generator's order.
    enum Property: UInt8 {
        case other, cr, lf, newline, extend, zwj, regionalIndicator, format, katakana, hebrewLetter
        case aLetter, singleQuote, doubleQuote, midNumLet, midLetter, midNum, numeric, extendNumLet
        case wSegSpace
    }

    /// The bit a scalar's value carries when it is Extended_Pictographic.
    static let extendedPictographic: UInt8 = 0x20

    /// The property value of each ASCII byte, written to `values`.
    static func values(ofASCII bytes: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<UInt8>) {
        basicPlane.withUnsafeBufferPointer { basicPlane in
            for (index, byte) in bytes.enumerated() { values[index] = basicPlane[Int(byte)] }
        }
    }

    /// The property value (with the Extended_Pictographic bit) of each scalar.
    static func values(of scalars: [UInt32]) -> [UInt8] {
        // The table is read once here rather than per scalar: a global's lazy start is checked
        // on every access.
        basicPlane.withUnsafeBufferPointer { basicPlane in
            scalars.map { $0 < 0x10000 ? basicPlane[Int($0)] : supplementaryValue($0) }
        }
    }

    @inline(__always)
    static func property(_ value: UInt8) -> Property {
        // The generated table holds only raw values of `Property` (0…18) under the 0x20 bit, and
        // a checked conversion here costs a tenth of the tokeniser's time.
        unsafeBitCast(value & 0x1F, to: Property.self)
    }

    /// Whether text with these scalar values has a word boundary before index `position`
    /// (`0...values.count`).
    static func isBoundary(_ values: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let count = values.count
        // WB1, WB2: at the start and end of any text but the empty one.
        if position <= 0 || position >= count { return count > 0 }
        let rawLeft = property(values[position - 1])
        let right = property(values[position])
        // Inside and between words of letters and digits: WB5, WB8–WB10, and WB999 (no rule
        // keeps a letter or digit together with a blank).
        if isLetterOrDigit(rawLeft) && isLetterOrDigit(right) { return false }
        if (isLetterOrDigit(rawLeft) && right == .wSegSpace) || (rawLeft == .wSegSpace && isLetterOrDigit(right)) {
            return true
        }
        // WB3, WB3a, WB3b: CR LF stays together; otherwise break around line breaks.
        if rawLeft == .cr && right == .lf { return false }
        if isLineBreak(rawLeft) || isLineBreak(right) { return true }
        // WB3c: emoji ZWJ sequences; WB3d: horizontal white space.
        if rawLeft == .zwj && values[position] & extendedPictographic != 0 { return false }
        if rawLeft == .wSegSpace && right == .wSegSpace { return false }
        // WB4: Extend, Format and ZWJ attach to what precedes them and are otherwise skipped.
        if isIgnored(right) { return false }
        var leftIndex = position - 1
        while leftIndex >= 0 && isIgnored(property(values[leftIndex])) { leftIndex -= 1 }
        // A run of them at the start of the text stands for itself, like Other.
        let left = leftIndex >= 0 ? property(values[leftIndex]) : .other
        let beforeLeft = leftIndex >= 0 ? previous(values, before: leftIndex) : .other
        let afterRight = next(values, after: position)

        // WB5–WB7c: letters, across some punctuation.
        if isAHLetter(left) && isAHLetter(right) { return false }
        if isAHLetter(left) && (right == .midLetter || isMidNumLetQ(right)) && isAHLetter(afterRight) { return false }
        if isAHLetter(beforeLeft) && (left == .midLetter || isMidNumLetQ(left)) && isAHLetter(right) { return false }
        if left == .hebrewLetter && right == .singleQuote { return false }
        if left == .hebrewLetter && right == .doubleQuote && afterRight == .hebrewLetter { return false }
        if beforeLeft == .hebrewLetter && left == .doubleQuote && right == .hebrewLetter { return false }
        // WB8–WB12: digits, with letters and across some punctuation.
        if left == .numeric && right == .numeric { return false }
        if isAHLetter(left) && right == .numeric { return false }
        if left == .numeric && isAHLetter(right) { return false }
        if beforeLeft == .numeric && (left == .midNum || isMidNumLetQ(left)) && right == .numeric { return false }
        if left == .numeric && (right == .midNum || isMidNumLetQ(right)) && afterRight == .numeric { return false }
        // WB13–WB13b: Katakana and connectors.
        if left == .katakana && right == .katakana { return false }
        if (isAHLetter(left) || left == .numeric || left == .katakana || left == .extendNumLet)
            && right == .extendNumLet { return false }
        if left == .extendNumLet && (isAHLetter(right) || right == .numeric || right == .katakana) { return false }
        // WB15, WB16: regional indicators pair up.
        if right == .regionalIndicator && left == .regionalIndicator {
            var run = 0
            var index = leftIndex
            while index >= 0 {
                let property = property(values[index])
                if property == .regionalIndicator { run += 1 } else if !isIgnored(property) { break }
                index -= 1
            }
            if run % 2 == 1 { return false }
        }
        // WB999
        return true
    }

    /// The property of the first scalar after `index` that WB4 does not skip.
    private static func next(_ values: UnsafeBufferPointer<UInt8>, after index: Int) -> Property {
        var index = index + 1
        while index < values.count {
            let property = property(values[index])
            if !isIgnored(property) { return property }
            index += 1
        }
        return .other
    }

    /// The property of the last scalar before `index` that WB4 does not skip.
    private static func previous(_ values: UnsafeBufferPointer<UInt8>, before index: Int) -> Property {
        var index = index - 1
        while index >= 0 {
            let property = property(values[index])
            if !isIgnored(property) { return property }
            index -= 1
        }
        return .other
    }

    @inline(__always) private static func isLineBreak(_ p: Property) -> Bool { p == .cr || p == .lf || p == .newline }
    @inline(__always) private static func isIgnored(_ p: Property) -> Bool { p == .extend || p == .format || p == .zwj }
    @inline(__always) private static func isAHLetter(_ p: Property) -> Bool { p == .aLetter || p == .hebrewLetter }
    @inline(__always) private static func isLetterOrDigit(_ p: Property) -> Bool { isAHLetter(p) || p == .numeric }
    @inline(__always) private static func isMidNumLetQ(_ p: Property) -> Bool { p == .midNumLet || p == .singleQuote }

    /// The runs of `packedRuns`: first scalar and value, ascending.
    private static let runs: (starts: [UInt32], values: [UInt8]) = {
        var starts: [UInt32] = []
        var values: [UInt8] = []
        for word in packedRuns.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            // The generator writes only hexadecimal words.
            let packed = UInt32(word, radix: 16) ?? 0
            starts.append(packed >> 8)
            values.append(UInt8(packed & 0xFF))
        }
        return (starts, values)
    }()

    /// The values of U+0000…U+FFFF, looked up directly.
    private static let basicPlane: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        let (starts, values) = runs
        for index in starts.indices where starts[index] < 0x10000 {
            let end = index + 1 < starts.count ? min(Int(starts[index + 1]), 0x10000) : 0x10000
            for scalar in Int(starts[index])..<end { table[scalar] = values[index] }
        }
        return table
    }()

    private static func supplementaryValue(_ scalar: UInt32) -> UInt8 {
        let (starts, values) = runs
        // The last run starting at or before `scalar`.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= scalar { low = middle } else { high = middle }
        }
        return values[low]
    }
}
