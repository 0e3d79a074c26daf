/// The kinds of personal data found in text.
package enum PIIKind: String, Sendable, CaseIterable, Codable {
    case email, phone, iban, bsn, postcode, licencePlate = "licence-plate", handle, profileURL = "profile-url",
         invite
}

/// One piece of personal data in a text: what, where (UTF-8 offsets) and the text itself.
package struct PIIMatch: Equatable, Sendable {
    package var kind: PIIKind
    package var range: Range<Int>
    package var value: String
}

/// Finds personal data in text by scanning its bytes once (shared/reference/dutch-pii.md):
/// links first (profile links and invites; nothing inside a link is reported twice), then
/// e-mail addresses and @handles, then numbers and codes whose check rules hold — IBAN
/// (mod-97), BSN (11-test, nine digits standing alone), phone numbers (Dutch and E.164),
/// postcodes and licence plates.
package enum PIIScanner {
    /// Bumped when what is found changes; named in the anonymisation report.
    package static let version = 1

    package static func scan(_ text: String) -> [PIIMatch] {
        scanWithLinks(text).matches
    }

    /// The personal data in `text`, and the UTF-8 ranges of the other links in it (which hold
    /// no account, but may hold tracking parameters).
    package static func scanWithLinks(_ text: String) -> (matches: [PIIMatch], links: [Range<Int>]) {
        let bytes = Array(text.utf8)
        var matches: [PIIMatch] = []
        var links: [Range<Int>] = []
        var covered = [Bool](repeating: false, count: bytes.count)
        func add(_ kind: PIIKind, _ range: Range<Int>) {
            matches.append(PIIMatch(kind: kind, range: range, value: String(decoding: bytes[range], as: UTF8.self)))
            for index in range { covered[index] = true }
        }
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

        // Links: to the next white space, without trailing punctuation.
        var index = 0
        while index < bytes.count {
            let rest = bytes[index...]
            let start = index
            let isLink = rest.starts(with: Array("http://".utf8)) || rest.starts(with: Array("https://".utf8))
                || rest.starts(with: Array("HTTPS://".utf8))
                || ((index == 0 || !isWord(bytes[index - 1])) && (rest.starts(with: Array("t.me/".utf8))
                    || rest.starts(with: Array("chat.whatsapp.com/".utf8)) || rest.starts(with: Array("www.".utf8))))
            guard isLink else {
                index += 1
                continue
            }
            var end = start
            while end < bytes.count && !isSpace(bytes[end]) { end += 1 }
            while end > start, ".,;:!?)]}'\"»".utf8.contains(bytes[end - 1]) { end -= 1 }
            let link = String(decoding: bytes[start..<end], as: UTF8.self)
            let full = link.lowercased().hasPrefix("http") ? link : "https://" + link
            if let profile = URLCleaner.profile(full) {
                add(profile.isInvite ? .invite : .profileURL, start..<end)
            } else {
                for position in start..<end { covered[position] = true }  // an ordinary link: nothing inside it
                links.append(start..<end)
            }
            index = max(end, start + 1)
        }

        // E-mail addresses and handles, around each '@'.
        for at in bytes.indices where bytes[at] == UInt8(ascii: "@") && !covered[at] {
            let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-".utf8)
            var localStart = at
            while localStart > 0, localCharacters.contains(bytes[localStart - 1]), !covered[localStart - 1] { localStart -= 1 }
            var domainEnd = at + 1
            while domainEnd < bytes.count, isWord(bytes[domainEnd]) && bytes[domainEnd] < 0x80
                || bytes[domainEnd] == UInt8(ascii: ".") || bytes[domainEnd] == UInt8(ascii: "-") { domainEnd += 1 }
            while domainEnd > at + 1, bytes[domainEnd - 1] == UInt8(ascii: ".") { domainEnd -= 1 }
            let domain = bytes[(at + 1)..<domainEnd]
            if localStart < at, let dot = domain.lastIndex(of: UInt8(ascii: ".")), domainEnd - dot > 2,
               bytes[(dot + 1)..<domainEnd].allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) {
                add(.email, localStart..<domainEnd)
                continue
            }
            // A handle: '@' not after a word character, '@', '/' or '.'; 1–30 characters.
            if at > 0, isWord(bytes[at - 1]) || "@/.".utf8.contains(bytes[at - 1]) { continue }
            var end = at + 1
            while end < bytes.count, end - at <= 30,
                  (bytes[end] < 0x80 && isWord(bytes[end])) || bytes[end] == UInt8(ascii: ".") { end += 1 }
            while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            if end > at + 1 && end - at <= 31 { add(.handle, at..<end) }
        }

        // Numbers and codes, at the start of a token.
        index = 0
        while index < bytes.count {
            guard !covered[index], index == 0 || !isWord(bytes[index - 1]) || bytes[index] == UInt8(ascii: "+") else {
                index += 1
                continue
            }
            if let (end, valid) = iban(bytes, at: index) {
                // An IBAN-shaped token that fails mod-97 is skipped whole, not read as a phone number.
                if valid { add(.iban, index..<end) }
                index = end
                continue
            }
            if let end = plate(bytes, at: index) { add(.licencePlate, index..<end); index = end; continue }
            if let end = postcode(bytes, at: index) { add(.postcode, index..<end); index = end; continue }
            if let end = bsn(bytes, at: index) { add(.bsn, index..<end); index = end; continue }
            if let end = phone(bytes, at: index) { add(.phone, index..<end); index = end; continue }
            index += 1
        }
        return (matches.sorted { $0.range.lowerBound < $1.range.lowerBound }, links)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    private static func endsToken(_ bytes: [UInt8], _ end: Int) -> Bool {
        end == bytes.count || !(isDigit(bytes[end]) || isLetter(bytes[end]) || bytes[end] == UInt8(ascii: "_"))
    }

    /// Two letters, two digits, then letters and digits with optional single spaces: the end of
    /// the longest prefix that is a valid IBAN, or of the whole token (not valid) if it has an
    /// IBAN's shape (at least 15 characters); nil otherwise.
    static func iban(_ bytes: [UInt8], at start: Int) -> (end: Int, valid: Bool)? {
        guard start + 4 <= bytes.count, isLetter(bytes[start]), isLetter(bytes[start + 1]), isDigit(bytes[start + 2]),
              isDigit(bytes[start + 3]) else { return nil }
        var end = start
        var ends: [Int] = []
        var characters = 0
        while end < bytes.count, characters < 34 {
            if isLetter(bytes[end]) || isDigit(bytes[end]) {
                characters += 1
                end += 1
                ends.append(end)
            } else if bytes[end] == 0x20, end + 1 < bytes.count, isLetter(bytes[end + 1]) || isDigit(bytes[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        for candidate in ends.reversed() where endsToken(bytes, candidate) {
            if Checksums.isValidIBAN(String(decoding: bytes[start..<candidate], as: UTF8.self)) { return (candidate, true) }
        }
        guard let last = ends.last, characters >= 15 else { return nil }
        return (last, false)
    }

    /// Nine digits standing alone that pass the 11-test.
    static func bsn(_ bytes: [UInt8], at start: Int) -> Int? {
        let end = start + 9
        guard end <= bytes.count, bytes[start..<end].allSatisfy(isDigit), endsToken(bytes, end),
              end == bytes.count || bytes[end] != UInt8(ascii: "-") else { return nil }
        return Checksums.isValidBSN(String(decoding: bytes[start..<end], as: UTF8.self)) ? end : nil
    }

    /// A postcode: `[1-9]\d{3}`, an optional space, two capitals (not SA, SD, SS).
    static func postcode(_ bytes: [UInt8], at start: Int) -> Int? {
        for end in [start + 7, start + 6] where end <= bytes.count && endsToken(bytes, end) {
            if Checksums.isPostcode(String(decoding: bytes[start..<end], as: UTF8.self)) { return end }
        }
        return nil
    }

    /// A licence plate in an RDW side code (8 characters with two dashes).
    static func plate(_ bytes: [UInt8], at start: Int) -> Int? {
        let end = start + 8
        guard end <= bytes.count, endsToken(bytes, end), bytes[start..<end].filter({ $0 == UInt8(ascii: "-") }).count == 2,
              bytes[start..<end].allSatisfy({ isDigit($0) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == UInt8(ascii: "-") })
        else { return nil }
        return Checksums.isLicencePlate(String(decoding: bytes[start..<end], as: UTF8.self)) ? end : nil
    }

    /// A phone number: Dutch (`06-12345678`, `030 123 4567`, `+31 6 …`, `0031 6 …`: ten digits
    /// with the trunk 0) or international E.164 (`+` and 8–15 digits); spaces, dashes, dots and
    /// brackets may separate the digits.
    static func phone(_ bytes: [UInt8], at start: Int) -> Int? {
        var end = start
        var digits: [UInt8] = []
        let plus = bytes[start] == UInt8(ascii: "+")
        if plus { end += 1 }
        var lastDigitEnd = end
        while end < bytes.count, digits.count < 15 {
            let byte = bytes[end]
            if isDigit(byte) {
                digits.append(byte)
                end += 1
                lastDigitEnd = end
            } else if " -.()".utf8.contains(byte), end + 1 < bytes.count, isDigit(bytes[end + 1]) || bytes[end + 1] == UInt8(ascii: "(") {
                end += 1
            } else {
                break
            }
        }
        guard endsToken(bytes, lastDigitEnd) else { return nil }
        let number = String(decoding: digits, as: UTF8.self)
        let dutch: Bool
        if plus {
            dutch = number.hasPrefix("31") ? number.count == 11 : (8...15).contains(number.count)
        } else if number.hasPrefix("0031") {
            dutch = number.count == 13
        } else {
            // Trunk 0 and nine more digits; mobile numbers are 06 followed by eight digits.
            dutch = number.hasPrefix("0") && !number.hasPrefix("00") && number.count == 10
        }
        return dutch ? lastDigitEnd : nil
    }
}
