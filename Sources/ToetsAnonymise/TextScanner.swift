/// Finds all personal data in a text: what `PIIScanner` finds (links, e-mail, handles, numbers
/// with check rules), then, over the words that are left, declared public names (kept as
/// written), the dataset's own display names and handles (`NameDictionary`), street addresses,
/// dates of birth after a cue, and people's names (`NameRecognizer` rules over the name lists).
/// Words are folded bytes looked up in hash tables; no regular expressions, no strings per word.
package struct TextScanner: Sendable {
    /// Bumped when what is found changes; named in the anonymisation report.
    package static let version = 1

    package let lists: NameLists
    package let dictionary: NameDictionary

    package init(lists: NameLists, dictionary: NameDictionary) {
        self.lists = lists
        self.dictionary = dictionary
    }

    /// What one scan found.
    package struct Result {
        package var matches: [PIIMatch]
        /// Other links (no account in them), for tracking parameters.
        package var links: [Range<Int>]
        /// How many declared public names were left as written.
        package var kept: Int
    }

    /// One word of the text with what the tables say about it.
    struct Word {
        var token: WordToken
        /// Its id in the dictionary's word table, -1 if unknown.
        var id: Int32
        var flags: UInt32
        /// Part of something already found (a link, an e-mail address, a handle, a hashtag).
        var covered: Bool
        /// Only spaces (or one hyphen) stand between it and the word before.
        var joined: Bool
        /// Joined by a hyphen, not a space.
        var hyphen: Bool
        /// The first word of a sentence (or of the text).
        var sentenceStart: Bool
        /// A full stop follows it directly (`J.`, `dhr.`).
        var dot: Bool
        /// Only a full stop and spaces stand between it and the word before (`J. de Vries`).
        var afterDot: Bool
    }

    package func scan(_ text: String) -> Result {
        let base = PIIScanner.scanWithLinks(text)
        var matches = base.matches
        var kept = 0
        var text = text
        text.withUTF8 { bytes in
            var covered = [Bool](repeating: false, count: bytes.count)
            for match in base.matches { for index in match.range { covered[index] = true } }
            for link in base.links { for index in link { covered[index] = true } }
            var words = self.words(bytes, covered: covered)
            kept = keep(&words)
            var found: [PIIMatch] = []
            dictionaryNames(bytes, &words, into: &found)
            addresses(bytes, &words, into: &found)
            birthDates(bytes, &words, covered: &covered, into: &found)
            NameRecognizer(lists: lists).names(bytes, &words, into: &found)
            matches += found
        }
        matches.sort { $0.range.lowerBound < $1.range.lowerBound }
        return Result(matches: matches, links: base.links, kept: kept)
    }

    /// The words of `bytes`, looked up.
    func words(_ bytes: UnsafeBufferPointer<UInt8>, covered: [Bool]) -> [Word] {
        var tokens: [WordToken] = []
        WordTokens.scan(bytes, into: &tokens)
        var words: [Word] = []
        words.reserveCapacity(tokens.count)
        var folded: [UInt8] = []
        folded.reserveCapacity(64)
        var previousEnd = 0
        for token in tokens {
            folded.removeAll(keepingCapacity: true)
            WordTokens.fold(bytes, token.start..<token.end, into: &folded)
            let id = folded.withUnsafeBufferPointer { dictionary.words.id(of: $0) } ?? -1
            var isCovered = covered[token.start] || covered[token.end - 1]
            // A hashtag stays as written; a handle was found already.
            if token.start > 0, bytes[token.start - 1] == UInt8(ascii: "#") || bytes[token.start - 1] == UInt8(ascii: "@") {
                isCovered = true
            }
            var spaces = 0
            var hyphens = 0
            var other = false
            var sentenceEnd = words.isEmpty
            for index in previousEnd..<token.start {
                switch bytes[index] {
                case 0x20: spaces += 1
                case UInt8(ascii: "-"): hyphens += 1
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), 0x0A, 0x0D:
                    other = true
                    sentenceEnd = true
                default:
                    other = true
                }
            }
            // "J. de Vries", "dhr. Jansen": a full stop after an initial or a title ends no sentence.
            let afterDot = !words.isEmpty && words[words.count - 1].dot && bytes[previousEnd] == UInt8(ascii: ".")
                && (previousEnd + 1..<token.start).allSatisfy { bytes[$0] == 0x20 }
            if afterDot, let last = words.last, Self.isInitial(last, bytes) || last.flags & NameLists.Flag.title != 0 {
                sentenceEnd = false
            }
            let dot = token.end < bytes.count && bytes[token.end] == UInt8(ascii: ".")
            words.append(Word(token: token, id: id, flags: id >= 0 ? dictionary.words.flags[Int(id)] : 0, covered: isCovered,
                              joined: !words.isEmpty && !other && (hyphens == 0 && spaces >= 1 || hyphens == 1 && spaces <= 2),
                              hyphen: hyphens == 1, sentenceStart: sentenceEnd, dot: dot, afterDot: afterDot))
            previousEnd = token.end
        }
        return words
    }

    /// One or two letters, the first upper case, and a full stop: `J.`, `Th.`.
    static func isInitial(_ word: Word, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        word.dot && word.token.isCapitalised && !word.token.has(WordToken.Shape.digit)
            && word.token.end - word.token.start <= 2 && bytes[word.token.start] < 0x80
    }

    /// The longest phrase of `trie` that starts at word `start`, over joined words none of which
    /// is covered: its last word and value.
    static func longest(_ trie: PhraseTrie, _ words: [Word], from start: Int) -> (end: Int, value: Int32)? {
        var node: Int32 = 0
        var best: (end: Int, value: Int32)?
        var index = start
        while index < words.count, !words[index].covered, words[index].id >= 0, index == start || words[index].joined {
            guard let next = trie.step(node, words[index].id) else { break }
            node = next
            if let value = trie.value(node) { best = (index, value) }
            index += 1
        }
        return best
    }

    /// Marks the declared public names as covered, so nothing replaces them; their count.
    func keep(_ words: inout [Word]) -> Int {
        guard !dictionary.kept.isEmpty else { return 0 }
        var count = 0
        var index = 0
        while index < words.count {
            if words[index].flags & NameLists.Flag.opensKept != 0, let (end, _) = Self.longest(dictionary.kept, words, from: index) {
                for position in index...end { words[position].covered = true }
                count += 1
                index = end + 1
            } else {
                index += 1
            }
        }
        return count
    }

    /// The dataset's display names and handles, each as its account's name.
    func dictionaryNames(_ bytes: UnsafeBufferPointer<UInt8>, _ words: inout [Word], into found: inout [PIIMatch]) {
        guard !dictionary.names.isEmpty else { return }
        var index = 0
        while index < words.count {
            guard words[index].flags & NameLists.Flag.opensName != 0,
                  let (end, value) = Self.longest(dictionary.names, words, from: index) else {
                index += 1
                continue
            }
            let range = words[index].token.start..<words[end].token.end
            found.append(PIIMatch(kind: .person, range: range, value: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]),
                                                                                 as: UTF8.self),
                                  account: dictionary.accounts[Int(value)]))
            for position in index...end { words[position].covered = true }
            index = end + 1
        }
    }
}

extension PIIMatch {
    init(kind: PIIKind, range: Range<Int>, value: String, account: String?) {
        self.init(kind: kind, range: range, value: value)
        self.account = account
    }
}
