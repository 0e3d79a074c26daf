/// Valid UTF-8 (RFC 3629), one sequence at a time: the JSON parser, the canonical post readers
/// and ingest's CSV rows ask it the same question.
package enum UTF8Sequence {
    /// The length of the valid UTF-8 sequence of a non-ASCII character at `position` (RFC 3629:
    /// no overlongs, no surrogates, nothing above U+10FFFF); nil if it is not one.
    @inlinable
    package static func length(_ input: UnsafeBufferPointer<UInt8>, at position: Int) -> Int? {
        let first = input[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
    }
    guard position + length <= input.count else { return nil }
    let second = input[position + 1]
    guard second >= low && second <= high else { return nil }
    for offset in 2..<length where input[position + offset] & 0xC0 != 0x80 { return nil }
    return length
    }
}
