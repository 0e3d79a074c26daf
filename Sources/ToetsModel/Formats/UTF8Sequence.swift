/// Valid UTF-8 (RFC 3629), one sequence at a time: the JSON parser, the canonical post readers,
/// ingest's CSV rows and the posts columns file ask it the same question.
package enum UTF8Sequence {
    /// Whether `bytes` are valid UTF-8 as `String(validating:as:)` reads it: no overlong forms,
    /// no surrogates, nothing above U+10FFFF, no cut-off sequence. ASCII is skipped 8 bytes at a time.
    @inlinable
    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = length(bytes, at: index) else { return false }
            index += length
        }
        return true
    }

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
