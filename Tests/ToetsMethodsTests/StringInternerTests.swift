import Testing
import ToetsModel
@testable import ToetsMethods

struct StringInternerTests {
    @Test func idsFollowFirstAppearanceAndBytesDecideEquality() {
        let column = ["b", "a", "b", "\u{e9}", "e\u{301}", "a", ""]
        let interner = StringInterner(length: column.count) { column[$0] }
        #expect(interner.ids == [0, 1, 0, 2, 3, 1, 4])
        #expect(interner.firstPosition == [0, 1, 3, 4, 6])
    }

    @Test func hashCollisionsStillGiveExactIds() {
        let column = ["x", "y", "x", "z", "y", "w"]
        let colliding = StringInterner(length: column.count, hash: { _ in 42 }) { column[$0] }
        #expect(colliding.ids == [0, 1, 0, 2, 1, 3])
        let twoBuckets = StringInterner(length: column.count, hash: { $0 < "y" ? 1 : 2 }) { column[$0] }
        #expect(twoBuckets.ids == colliding.ids)
    }

    @Test func radixSortIsAStableSort() {
        var random = SeededRandom(seed: 5)
        for count in [0, 1, 100, 5_000] {
            // Few distinct keys, spread over all 64 bits, so ties and every digit are exercised.
            let pool = (0..<50).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) }
            var keys = (0..<count).map { _ in pool[Int.random(in: 0..<pool.count, using: &random)] }
            var values = (0..<count).map { UInt32($0) }
            let expected = zip(keys, values).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            RadixSort.sort(keys: &keys, values: &values)
            #expect(keys == expected.map(\.0), "count \(count)")
            #expect(values == expected.map(\.1), "count \(count)")
        }
    }

    @Test func accountsAreRankedInByteOrder() {
        let names = ["b", "a", "ab", "abcdefgh1", "abcdefgh", "abcdefgh0", "B", "\u{e9}", "e\u{301}", "a\u{0}"]
        let order = EdgeAggregator.byteOrder(names).map { names[$0] }
        #expect(order.map { Array($0.utf8) } == names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
