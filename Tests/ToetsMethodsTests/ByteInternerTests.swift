import Testing
import ToetsModel
@testable import ToetsMethods

struct ByteInternerTests {
    static func intern(_ text: String, into interner: inout ByteInterner) -> (id: Int32, inserted: Bool) {
        var text = text
        return text.withUTF8 { interner.intern($0) }
    }

    @Test func idsFollowFirstAppearanceAndBytesDecideEquality() {
        var interner = ByteInterner(capacity: 1)
        let column = ["b", "a", "b", "\u{e9}", "e\u{301}", "a", ""]
        #expect(column.map { Self.intern($0, into: &interner).id } == [0, 1, 0, 2, 3, 1, 4])
        let again = Self.intern("a", into: &interner), new = Self.intern("c", into: &interner)
        #expect(again.id == 1 && !again.inserted)
        #expect(new.id == 5 && new.inserted)
        #expect((0..<interner.count).map { interner.string(Int32($0)) } == ["b", "a", "\u{e9}", "e\u{301}", "", "c"])
    }

    /// Far past the first table size, and with strings that share long prefixes.
    @Test func manyStringsGetTheIdsADictionaryGives() {
        var interner = ByteInterner()
        var reference: [String: Int32] = [:]
        var random = SeededRandom(seed: 3)
        for _ in 0..<20_000 {
            let text = "https://example.org/a/very/long/shared/prefix/" + String(Int.random(in: 0..<6_000, using: &random))
            let expected = reference[text] ?? Int32(reference.count)
            reference[text] = expected
            #expect(Self.intern(text, into: &interner).id == expected)
        }
        #expect(interner.count == reference.count)
        var other = ByteInterner()
        _ = Self.intern("https://example.org/a/very/long/shared/prefix/1", into: &other)
        _ = Self.intern("new", into: &other)
        let ids = interner.intern(contentsOf: other)
        #expect(ids == [reference["https://example.org/a/very/long/shared/prefix/1"]!, Int32(reference.count)])
    }
}
