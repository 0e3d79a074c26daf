extension TextScanner {
    /// Endings of Dutch street names (folded): a capitalised word with one of them, or a street
    /// of the lists, followed by a house number is an address.
    static let streetEndings: [[UInt8]] = [
        "straat", "laan", "weg", "plein", "gracht", "kade", "dijk", "singel", "steeg", "pad", "hof", "dreef", "markt",
        "park", "plantsoen", "baan", "allee", "wal", "haven", "erf", "brink", "kanaal", "boulevard",
        "vaart", "poort", "straatje", "pleintje", "hofje",
    ].map { Array($0.utf8) }

    /// Street + house number (`Kerkstraat 12`, `Prins Hendrikkade 12-A`, `Oude Gracht 5bis`):
    /// the street is a street of the lists of several words, or one word ending like a street;
    /// the number has one to four digits (not starting with 0), an optional letter and an
    /// optional addition after a dash. A number followed by `:`, `,`, `.` or `/` and a digit, or
    /// `%`, is a time, a price, a date or a share, not a house number.
    func addresses(_ bytes: UnsafeBufferPointer<UInt8>, _ words: inout [Word], into found: inout [PIIMatch]) {
        var index = 0
        var folded: [UInt8] = []
        while index + 1 < words.count {
            let word = words[index]
            guard !word.covered, word.token.has(WordToken.Shape.letter), !word.token.has(WordToken.Shape.digit) else {
                index += 1
                continue
            }
            var streetEnd = -1
            if word.flags & NameLists.Flag.opensStreet != 0, words[index].token.isCapitalised,
               let (end, _) = Self.longest(lists.streets, words, from: index) {
                streetEnd = end
            }
            // Most words have no number after them: nothing more to look at.
            guard streetEnd >= 0 || words[index + 1].token.has(WordToken.Shape.digit)
                && bytes[words[index + 1].token.start] >= 0x31 && bytes[words[index + 1].token.start] <= 0x39 else {
                index += 1
                continue
            }
            if streetEnd < 0 {
                folded.removeAll(keepingCapacity: true)
                WordTokens.fold(bytes, word.token.start..<word.token.end, into: &folded)
                let listed = word.flags & NameLists.Flag.street != 0
                // A place with a street's ending is no street, unless the lists have it as a street too.
                if word.flags & NameLists.Flag.place == 0 || listed, let ending = Self.streetEndings.first(where: { folded.count >= $0.count && folded.suffix($0.count).elementsEqual($0) }),
                   folded.count > ending.count || listed && word.token.isCapitalised,
                   word.token.isCapitalised || listed && folded.count > ending.count {
                    streetEnd = index
                }
            }
            guard streetEnd >= 0, streetEnd + 1 < words.count, let numberEnd = houseNumber(bytes, words, at: streetEnd + 1) else {
                index += 1
                continue
            }
            let range = word.token.start..<numberEnd.byte
            var value: [UInt8] = []
            for position in index...numberEnd.word {
                if !value.isEmpty { value.append(0x20) }
                WordTokens.fold(bytes, words[position].token.start..<words[position].token.end, into: &value)
            }
            found.append(PIIMatch(kind: .address, range: range, value: String(decoding: value, as: UTF8.self)))
            for position in index...numberEnd.word { words[position].covered = true }
            index = numberEnd.word + 1
        }
    }

    /// The house number at word `index` (joined to the street by spaces): its last word and byte.
    private func houseNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [Word], at index: Int) -> (word: Int, byte: Int)? {
        let word = words[index]
        guard !word.covered, word.joined, !word.hyphen else { return nil }
        let start = word.token.start
        var digits = 0
        var position = start
        while position < word.token.end, bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1; digits += 1 }
        guard (1...4).contains(digits), bytes[start] != UInt8(ascii: "0") else { return nil }
        // One letter may follow the digits ("12a"), or "bis"/"hs".
        let rest = word.token.end - position
        guard rest == 0 || rest == 1 && bytes[position] | 0x20 >= 0x61 && bytes[position] | 0x20 <= 0x7A
            || rest == 2 && bytes[position] | 0x20 == 0x68 && bytes[position + 1] | 0x20 == 0x73
            || rest == 3 && bytes[position] | 0x20 == 0x62 && bytes[position + 1] | 0x20 == 0x69 && bytes[position + 2] | 0x20 == 0x73
        else { return nil }
        var end = (word: index, byte: word.token.end)
        if end.byte < bytes.count {
            let next = bytes[end.byte]
            let digitAfter = end.byte + 1 < bytes.count && bytes[end.byte + 1] >= 0x30 && bytes[end.byte + 1] <= 0x39
            if next == UInt8(ascii: "%") || (next == UInt8(ascii: ":") || next == UInt8(ascii: ",") || next == UInt8(ascii: ".")
                || next == UInt8(ascii: "/")) && digitAfter { return nil }
            // An addition after a dash: "12-A", "12-3", "12-bis"; "20-04-2026" is a date.
            if next == UInt8(ascii: "-"), index + 1 < words.count, words[index + 1].token.start == end.byte + 1,
               words[index + 1].token.end - words[index + 1].token.start <= 3 {
                let after = words[index + 1].token.end
                if after < bytes.count, bytes[after] == UInt8(ascii: "-") || bytes[after] == UInt8(ascii: "/")
                    || bytes[after] == UInt8(ascii: ".") && after + 1 < bytes.count && bytes[after + 1] >= 0x30 && bytes[after + 1] <= 0x39 {
                    return nil
                }
                end = (index + 1, words[index + 1].token.end)
            }
        }
        return end
    }

    /// Dates of birth after a cue (`geboren op 12-03-1985`, `geb. 3 april 1990`,
    /// `geboortedatum: 12/03/1985`): the date, as a `birthDate`.
    func birthDates(_ bytes: UnsafeBufferPointer<UInt8>, _ words: inout [Word], covered: inout [Bool],
                    into found: inout [PIIMatch]) {
        for index in words.indices where !words[index].covered && words[index].flags & NameLists.Flag.birthCue != 0 {
            let token = words[index].token
            // After the cue: spaces, a colon, a full stop, "op" or "de".
            var position = token.end
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == UInt8(ascii: ":")
                || bytes[position] == UInt8(ascii: ".") { position += 1 }
            for filler in [Array("op ".utf8), Array("de ".utf8), Array("datum ".utf8)] where has(bytes, filler, at: position) {
                position += filler.count
            }
            guard let end = date(bytes, at: position), !(position..<end).contains(where: { covered[$0] }) else { continue }
            let range = position..<end
            found.append(PIIMatch(kind: .birthDate, range: range,
                                  value: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
            for index in range { covered[index] = true }
            for position in words.indices where words[position].token.start < end && words[position].token.end > range.lowerBound {
                words[position].covered = true
            }
        }
    }

    static let birthCues: [[UInt8]] = ["geboren", "geb", "geboortedatum", "geboortedag", "born", "dob"].map { Array($0.utf8) }
    static let months: [[UInt8]] = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
    ].map { Array($0.utf8) }

    /// A date at `start`: `d-m-yyyy`, `d/m/yy`, `d.m.yyyy` or `d month yyyy`: its end.
    private func date(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        func digits(_ from: Int, _ range: ClosedRange<Int>) -> Int? {
            var end = from
            while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
            return range.contains(end - from) ? end : nil
        }
        guard let dayEnd = digits(start, 1...2), dayEnd < bytes.count else { return nil }
        let separator = bytes[dayEnd]
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") {
            guard let monthEnd = digits(dayEnd + 1, 1...2), monthEnd < bytes.count, bytes[monthEnd] == separator,
                  let yearEnd = digits(monthEnd + 1, 2...4), yearEnd - monthEnd - 1 != 3 else { return nil }
            return yearEnd
        }
        guard separator == 0x20 else { return nil }
        var monthEnd = dayEnd + 1
        while monthEnd < bytes.count, bytes[monthEnd] | 0x20 >= 0x61 && bytes[monthEnd] | 0x20 <= 0x7A { monthEnd += 1 }
        let month = bytes[(dayEnd + 1)..<monthEnd].map { $0 | 0x20 }
        guard Self.months.contains(month) else { return nil }
        if monthEnd < bytes.count, bytes[monthEnd] == UInt8(ascii: ".") { monthEnd += 1 }
        guard monthEnd < bytes.count, bytes[monthEnd] == 0x20, let yearEnd = digits(monthEnd + 1, 4...4) else { return nil }
        return yearEnd
    }

    private func has(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[index + offset] | 0x20 != prefix[offset] { return false }
        return true
    }
}
