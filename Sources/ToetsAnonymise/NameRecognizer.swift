/// Dutch person names in text, from the name lists and the shape of the words around them.
/// Precision comes first, since most capitalised words that are also names (Mooi, Goed, Roos,
/// Bos) are ordinary words: a name is found only
/// - after a cue — a title (`dhr.`, `mevr.`, `dr.`, `de heer`), an office (`wethouder`,
///   `burgemeester`) or a phrase (`t.n.v.`, `mijn naam is`, `gesprek met`, `namens`, `groet`) — as
///   the capitalised words that follow (after a title or initials a surname of the lists that is
///   also a word counts: `mw. Kok`, `P.J. Kok`);
/// - after initials (`J.P. de Vries`, `A. Bakker`);
/// - as a first name of the lists followed by a surname of the lists or another capitalised word,
///   with interfixes between (`Sanne de Jong`, `Teunis Kanarievelt`);
/// - as a first name alone, capitalised, not opening a sentence, and not a common word or a place.
/// A surname alone is never taken for a name.
struct NameRecognizer {
    let lists: NameLists

    /// Phrases after which the capitalised words are a name, folded, word by word.
    static let cues: [[String]] = [
        ["t", "n", "v"], ["tnv"], ["ten", "name", "van"], ["mijn", "naam", "is"], ["ik", "heet"], ["ik", "ben"],
        ["gesprek", "met"], ["gesproken", "met"], ["sprak", "met"], ["namens"], ["groet"], ["groeten"], ["gr"], ["mvg"],
        ["contactpersoon"], ["ondergetekende"], ["heet"], ["genaamd"], ["familie"], ["fam"], ["weduwe"],
        // Offices, the titles of election posts (Deduce's prefix list has the forms of address).
        ["wethouder"], ["burgemeester"], ["raadslid"], ["gemeenteraadslid"], ["kamerlid"], ["minister"], ["staatssecretaris"],
        ["gedeputeerde"], ["fractievoorzitter"], ["lijsttrekker"], ["partijleider"], ["commissaris"], ["premier"],
    ]

    typealias Word = TextScanner.Word
    typealias Flag = NameLists.Flag

    /// Appends the names found among the words not yet covered, and covers them.
    func names(_ bytes: UnsafeBufferPointer<UInt8>, _ words: inout [Word], into found: inout [PIIMatch]) {
        let (cueEnds, titled) = cues(bytes, words)
        var index = 0
        while index < words.count {
            if let end = name(at: index, bytes, words, strong: cueEnds[index], titled: titled) {
                let range = words[index].token.start..<words[end].token.end
                found.append(PIIMatch(kind: .person, range: range, value: normalised(bytes, words, index...end)))
                for position in index...end { words[position].covered = true }
                index = end + 1
            } else {
                index += 1
            }
        }
    }

    /// For each word, whether a cue (title or phrase) stands right before it, and whether that
    /// cue is a title.
    private func cues(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [Word]) -> (cued: [Bool], titled: [Bool]) {
        var strong = [Bool](repeating: false, count: words.count + 1)
        var titled = [Bool](repeating: false, count: words.count + 1)
        // A cue reaches over a comma, a colon or a line break, and over the full stop of an
        // abbreviation ("dhr.", "t.n.v.", "mvg."), but not into the next sentence ("… groeten. Vanmiddag").
        func reaches(_ cue: Int) -> Bool {
            guard cue + 1 < words.count else { return false }
            let word = words[cue]
            for index in word.token.end..<words[cue + 1].token.start {
                switch bytes[index] {
                case UInt8(ascii: "!"), UInt8(ascii: "?"): return false
                case UInt8(ascii: "."): if index != word.token.end || word.token.end - word.token.start > 4 { return false }
                default: continue
                }
            }
            return true
        }
        for index in words.indices {
            if words[index].flags & Flag.title != 0 && !words[index].covered && !words[index].token.has(WordToken.Shape.allCaps)
                && reaches(index) {
                strong[index + 1] = true  // dhr. Jansen, mevrouw De Vries
                titled[index + 1] = true
            }
            guard words[index].flags & Flag.opensCue != 0, !words[index].covered else { continue }
            var node: Int32 = 0
            var position = index
            while position < words.count, words[position].id >= 0, !words[position].covered,
                  position == index || words[position].joined || words[position].afterDot,
                  let next = lists.cues.step(node, words[position].id) {
                node = next
                if lists.cues.value(node) != nil && reaches(position) {
                    strong[position + 1] = true
                }
                position += 1
            }
        }
        // A title of two words ("de heer"): the lists' phrases.
        for index in words.indices where words[index].flags & Flag.opensPhrase != 0 {
            if let (end, value) = TextScanner.longest(lists.phrases, words, from: index), UInt32(value) == Flag.title, reaches(end) {
                strong[end + 1] = true
                titled[end + 1] = true
            }
        }
        return (strong, titled)
    }

    /// The last word of the name starting at `start`, if one does.
    private func name(at start: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ words: [Word], strong: Bool,
                      titled: [Bool]) -> Int? {
        let first = words[start]
        guard !first.covered, first.token.has(WordToken.Shape.letter) else { return nil }
        // Initials: "J.P.", "A.", "Th."
        var index = start
        var initials = 0
        while index < words.count, !words[index].covered, TextScanner.isInitial(words[index], bytes),
              index == start || words[index].afterDot || words[index].joined {
            initials += 1
            index += 1
        }
        var parts = 0
        var last = -1
        var firstIsFirstName = false
        while index < words.count, parts < 4 {
            let word = words[index]
            guard !word.covered, index == start || word.joined || word.afterDot && initials > 0 && parts == 0 else { break }
            if word.flags & Flag.interfix != 0 && !word.token.has(WordToken.Shape.allCaps), parts > 0 || initials > 0 || strong {
                // "de", "van der", "'t": only before a capitalised surname.
                var next = index
                while next < words.count, words[next].flags & Flag.interfix != 0, !words[next].covered,
                      next == index || words[next].joined, next - index < 3 { next += 1 }
                guard next < words.count, !words[next].covered, words[next].joined, isSurname(words[next]) else { break }
                last = next
                parts += 1
                index = next + 1
                break  // a surname after an interfix ends the name
            }
            let accepted: Bool
            if parts == 0 && initials == 0 {
                // Not "De" (a first name of the lists, and an interfix and a stop word).
                firstIsFirstName = word.token.isCapitalised && word.flags & Flag.firstName != 0
                    && word.flags & (Flag.place | Flag.interfix | Flag.title) == 0
                // After a title ("mw. Kok", "meneer Bakker") a surname of the lists may be a common word.
                accepted = strong ? (isNamePart(word) || lowerCaseName(word) || titled[start] && isSurname(word)
                                     && word.flags & Flag.surname != 0) : firstIsFirstName
            } else {
                // After a first name that is no common word, a surname of the lists may be one too ("Ilse Kok").
                let surnameAfterFirstName = (firstIsFirstName && words[start].flags & Flag.common == 0 || initials > 0 && parts == 0)
                    && word.flags & Flag.surname != 0 && isSurname(word)
                // A first name that is also a common word ("Roos") needs a surname of the lists after it.
                let commonFirst = parts == 1 && initials == 0 && !strong && words[start].flags & Flag.common != 0
                accepted = (isNamePart(word) || surnameAfterFirstName)
                    && !(word.flags & Flag.place != 0 && word.flags & (Flag.surname | Flag.firstName) == 0)
                    && (!commonFirst || word.flags & Flag.surname != 0)
            }
            guard accepted else { break }
            last = index
            parts += 1
            index += 1
        }
        guard last >= 0 else { return nil }
        // After a cue, one word that is only a place is the place ("5349 GR Sneek").
        if strong && initials == 0 && parts == 1 && words[start].flags & Flag.place != 0
            && words[start].flags & (Flag.firstName | Flag.surname) == 0 { return nil }
        if strong || initials > 0 || parts >= 2 { return last }
        // A first name alone: not where a sentence opens, not a common word or a place.
        let word = words[start]
        guard firstIsFirstName, !word.sentenceStart, word.flags & (Flag.common | Flag.place | Flag.title) == 0
        else { return nil }
        return last
    }

    /// A capitalised word that can be part of a name: not a common word or a title, no digits.
    private func isNamePart(_ word: Word) -> Bool {
        word.token.isCapitalised && !word.token.has(WordToken.Shape.digit)
            && word.flags & (Flag.common | Flag.title | Flag.interfix) == 0
    }

    /// A surname after an interfix: capitalised, no digits; a common word is allowed here
    /// (`de Jong`, `van Dam`).
    private func isSurname(_ word: Word) -> Bool {
        word.token.isCapitalised && !word.token.has(WordToken.Shape.digit) && word.flags & Flag.title == 0
    }

    /// A name written in lower case after a cue ("t.n.v. jan kanarievelt"): a first name of the
    /// lists that is not also a common word.
    private func lowerCaseName(_ word: Word) -> Bool {
        word.flags & Flag.firstName != 0 && word.flags & (Flag.common | Flag.title | Flag.interfix | Flag.place) == 0
            && !word.token.has(WordToken.Shape.digit)
    }

    /// The folded words of the name, joined by single spaces: equal names give equal tokens.
    private func normalised(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [Word], _ range: ClosedRange<Int>) -> String {
        var out: [UInt8] = []
        for index in range {
            if !out.isEmpty { out.append(0x20) }
            WordTokens.fold(bytes, words[index].token.start..<words[index].token.end, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
