import ToetsModel

/// The texts of the real (pseudonymised) posts, which planted posts take theirs from.
///
/// A planted text is always a run of whole words of one real text, byte for byte: never words
/// strung together. Every real text passed anonymise's guards (the data's display names and
/// handles, recognised names and other personal data replaced), so a run of one cannot spell an
/// identifier that the real posts do not show already; words drawn one by one and strung together
/// can (two ordinary words may be somebody's display name, which planting cannot know: it sees
/// pseudonymised posts only). Edits cut words from a run's ends, never from inside it, so an
/// edited copy is a run of the same text too.
struct RealTexts {
    /// Distinct texts with at least one word, in the posts' order.
    let texts: [String]
    /// Words in each text (runs of bytes other than a space).
    let wordCounts: [Int]
    /// Per language (`""` where the posts name none), the indices of its texts by word count, then
    /// index.
    let byLanguage: [String: [Int]]
    /// All texts' indices by word count, then index: where a language has too few or too short texts.
    let all: [Int]
    /// The text of each post, as an index into `texts`; -1 where it has none.
    let textOfPost: [Int32]

    init(_ posts: [Post]) {
        var texts: [String] = [], counts: [Int] = [], languages: [String] = []
        var index: [String: Int32] = [:]
        var textOfPost = [Int32](repeating: -1, count: posts.count)
        for (number, post) in posts.enumerated() {
            guard let text = post.text else { continue }
            if let known = index[text] {
                textOfPost[number] = known
                continue
            }
            let words = Self.words(of: Array(text.utf8)).count
            guard words > 0 else { continue }
            index[text] = Int32(texts.count)
            textOfPost[number] = Int32(texts.count)
            texts.append(text)
            counts.append(words)
            languages.append(post.language ?? "")
        }
        func byCount(_ a: Int, _ b: Int) -> Bool { (counts[a], a) < (counts[b], b) }
        var byLanguage: [String: [Int]] = [:]
        for (text, language) in languages.enumerated() { byLanguage[language, default: []].append(text) }
        self.byLanguage = byLanguage.mapValues { $0.sorted(by: byCount) }
        all = texts.indices.sorted(by: byCount)
        self.texts = texts
        wordCounts = counts
        self.textOfPost = textOfPost
    }

    var isEmpty: Bool { texts.isEmpty }

    /// The byte ranges of the words of `bytes`: runs of bytes other than a space.
    static func words(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x20 {
                if let open = start { ranges.append(open..<offset); start = nil }
            } else if start == nil {
                start = offset
            }
        }
        if let open = start { ranges.append(open..<bytes.count) }
        return ranges
    }

    /// A run of `count` words (fewer where no text has as many) of a real text drawn at random
    /// among those of `language` long enough (of any language where it has none), and the text's
    /// index.
    func run(words count: Int, language: String?, _ random: inout SeededRandom) -> (text: String, source: Int) {
        let wanted = max(1, count)
        let own = byLanguage[language ?? ""] ?? []
        let candidates = own.last.map { wordCounts[$0] >= wanted } == true ? own : all
        // The first text with at least `wanted` words, or, where none has, the longest ones.
        var low = 0, high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if wordCounts[candidates[middle]] < wanted { low = middle + 1 } else { high = middle }
        }
        if low == candidates.count {
            let longest = wordCounts[candidates[candidates.count - 1]]
            low = candidates.firstIndex { wordCounts[$0] == longest }!
        }
        let source = candidates[random.int(low...(candidates.count - 1))]
        return (Self.run(of: texts[source], words: wanted, random: &random), source)
    }

    /// A run of `count` whole words of `text` (all of it where it has no more), starting at random.
    static func run(of text: String, words count: Int, random: inout SeededRandom) -> String {
        let bytes = Array(text.utf8)
        let words = Self.words(of: bytes)
        guard count < words.count else { return String(decoding: bytes[words[0].lowerBound..<words[words.count - 1].upperBound], as: UTF8.self) }
        let first = random.int(0...(words.count - count))
        return String(decoding: bytes[words[first].lowerBound..<words[first + count - 1].upperBound], as: UTF8.self)
    }

    /// `text` with words cut from its ends: each word is cut with probability `rate` (one at least
    /// is kept), the cuts shared at random between the start and the end.
    static func trimmed(_ text: String, rate: Double, random: inout SeededRandom) -> String {
        let bytes = Array(text.utf8)
        let words = Self.words(of: bytes)
        guard rate > 0, words.count > 1 else { return text }
        var cut = 0
        for _ in words where random.chance(rate) { cut += 1 }
        cut = min(cut, words.count - 1)
        let front = random.int(0...cut)
        let kept = words[front..<(words.count - (cut - front))]
        return String(decoding: bytes[kept.first!.lowerBound..<kept.last!.upperBound], as: UTF8.self)
    }
}
