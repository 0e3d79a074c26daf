import Foundation

extension LeakAudit {
    /// The byte patterns under which `value` may appear in a file, in `LeakForm` order, each
    /// pattern once (under the first form that yields it).
    ///
    /// The plain forms are the value as given, lower-cased, and in NFC and NFD; each of those
    /// is then percent-encoded, JSON-escaped and base64-encoded, since a tool that re-encodes
    /// a value usually normalises or lower-cases it first, if at all.
    static func searchForms(of value: String) -> [(form: LeakForm, bytes: [UInt8])] {
        let plain: [(form: LeakForm, bytes: [UInt8])] = [
            (.raw, Array(value.utf8)),
            (.lowercase, Array(value.lowercased().utf8)),
            (.nfc, Array(value.precomposedStringWithCanonicalMapping.utf8)),
            (.nfd, Array(value.decomposedStringWithCanonicalMapping.utf8)),
        ]
        var bases: [[UInt8]] = []
        for form in plain where !bases.contains(form.bytes) { bases.append(form.bytes) }

        var forms = plain
        for base in bases { forms += percentEncodings(of: base).map { (form: .percentEncoded, bytes: $0) } }
        for base in bases { forms += jsonEscapings(of: base).map { (form: .jsonEscaped, bytes: $0) } }
        for base in bases { forms += base64Fragments(of: base).map { (form: .base64, bytes: $0) } }

        var seen = Set<[UInt8]>()
        return forms.filter { !$0.bytes.isEmpty && seen.insert($0.bytes).inserted }
    }

    /// RFC 3986 percent-encoding with upper- and lower-case hex digits: strictly (every byte
    /// outside the unreserved set), leniently (sub-delimiters, `:`, `@`, `/` and `?` left as
    /// they are, as URL path and query builders do), and as a form field (a space as `+`).
    static func percentEncodings(of bytes: [UInt8]) -> [[UInt8]] {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let lenient = unreserved.union("!$&'()*+,;=:@/?".utf8)
        func encode(_ keep: Set<UInt8>, hex: [UInt8], spaceAsPlus: Bool = false) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3)
            for byte in bytes {
                if keep.contains(byte) {
                    out.append(byte)
                } else if spaceAsPlus && byte == 0x20 {
                    out.append(UInt8(ascii: "+"))
                } else {
                    out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
            return out
        }
        let upper = Array("0123456789ABCDEF".utf8)
        let lower = Array("0123456789abcdef".utf8)
        return [
            encode(unreserved, hex: upper), encode(unreserved, hex: lower),
            encode(lenient, hex: upper), encode(lenient, hex: lower),
            encode(unreserved, hex: upper, spaceAsPlus: true),
        ]
    }

    /// The value inside a JSON string as writers emit it: `\"`, `\\`, the short escapes and
    /// `\u00XX` for other control characters; `/` as is or as `\/`; other characters as UTF-8,
    /// or, for ASCII-only writers, as `\uXXXX` (UTF-16, so two escapes for a surrogate pair)
    /// with lower- or upper-case hex digits.
    static func jsonEscapings(of bytes: [UInt8]) -> [[UInt8]] {
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        func escape(slash: Bool, asciiOnly: Bool, upperHex: Bool) -> [UInt8] {
            let hex = Array((upperHex ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
            var out: [UInt8] = []
            func unicodeEscape(_ unit: UInt16) {
                out += Array("\\u".utf8)
                for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int(unit >> UInt16(shift)) & 0x0F]) }
            }
            for scalar in scalars {
                switch scalar.value {
                case 0x22: out += Array(#"\""#.utf8)
                case 0x5C: out += Array(#"\\"#.utf8)
                case 0x2F where slash: out += Array(#"\/"#.utf8)
                case 0x08: out += Array(#"\b"#.utf8)
                case 0x0C: out += Array(#"\f"#.utf8)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case 0..<0x20: unicodeEscape(UInt16(scalar.value))
                case 0x80... where asciiOnly: for unit in String(scalar).utf16 { unicodeEscape(unit) }
                default: out += Array(String(scalar).utf8)
                }
            }
            return out
        }
        var variants: [[UInt8]] = []
        for slash in [false, true] {
            variants.append(escape(slash: slash, asciiOnly: false, upperHex: false))
            variants.append(escape(slash: slash, asciiOnly: true, upperHex: false))
            variants.append(escape(slash: slash, asciiOnly: true, upperHex: true))
        }
        return variants
    }

    /// The characters of a base64 text (standard and URL-safe alphabets) that are fixed by
    /// `bytes` alone, for each of the three positions the bytes can start at within a
    /// three-byte group of a longer encoded input; characters that also depend on the bytes
    /// before or after are left out, so the fragment is found whatever surrounds the value.
    static func base64Fragments(of bytes: [UInt8]) -> [[UInt8]] {
        let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var fragments: [[UInt8]] = []
        for offset in 0..<3 {
            // Character j covers bits 6j..<6j+6 of the input; the value is bits 8·offset..<8·(offset+count).
            let stream = [UInt8](repeating: 0, count: offset) + bytes + [0, 0]
            let first = (8 * offset + 5) / 6
            let end = 8 * (offset + bytes.count) / 6
            guard first < end else { continue }
            let sextets = (first..<end).map { character in
                let bit = 6 * character
                let pair = Int(stream[bit / 8]) << 8 | Int(stream[bit / 8 + 1])
                return (pair >> (10 - bit % 8)) & 0x3F
            }
            fragments.append(sextets.map { standard[$0] })
            fragments.append(sextets.map { urlSafe[$0] })
        }
        return fragments
    }
}
