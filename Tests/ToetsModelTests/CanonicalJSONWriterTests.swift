import Testing
import ToetsModel

/// The writer's strings: escaped one way, whatever the run of plain bytes around the escapes.
@Suite struct CanonicalJSONWriterTests {
    /// The escaping the writer promises, byte by byte.
    static func expected(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out + [UInt8(ascii: "\"")]
    }

    @Test func stringsAreEscapedByteForByteAtEveryPositionOfAWord() {
        let pieces = ["a", "bcdefgh", "\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{1F}", "\u{7F}", " ", "!", "#", "[", "]",
                      "é", "€", "😀", "\u{2028}", "x\u{301}", "0123456789abcdefghij"]
        var state: UInt64 = 2026
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<(Int(state >> 60) + 1) * 2 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            var writer = CanonicalJSONWriter()
            writer.appendString(text)
            #expect(writer.bytes == Self.expected(text), "\(text.debugDescription)")
        }
    }
}
