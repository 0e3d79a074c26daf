/// The kinds of personal data found in text.
package enum PIIKind: String, Sendable, CaseIterable, Codable {
    case email, phone, iban, bsn, postcode, licencePlate = "licence-plate", handle, profileURL = "profile-url",
         invite
    /// Found by `TextScanner` with the name lists: a person's name, a street address, a date of birth.
    case person, address, birthDate = "birth-date"

    /// The kinds `PIIScanner` finds by itself, without name lists.
    package static let withoutLists: [PIIKind] = [.email, .phone, .iban, .bsn, .postcode, .licencePlate, .handle,
                                                   .profileURL, .invite]
}

/// One piece of personal data in a text: what, where (UTF-8 offsets) and the text itself.
package struct PIIMatch: Equatable, Sendable {
    package var kind: PIIKind
    package var range: Range<Int>
    package var value: String
    /// For a display name or handle of the dataset: the raw id of its account.
    package var account: String?

    package init(kind: PIIKind, range: Range<Int>, value: String) {
        self.kind = kind
        self.range = range
        self.value = value
    }
}

/// Finds personal data in text by scanning its bytes once (shared/reference/dutch-pii.md):
/// links first (profile links and invites, also written without a scheme on the known
/// platforms; nothing inside a link is reported twice), then e-mail addresses and @handles,
/// then numbers and codes whose check rules hold — IBAN (mod-97), BSN (11-test, nine digits
/// standing alone), phone numbers (Dutch and E.164; dates are skipped), postcodes and
/// licence plates.
package enum PIIScanner {
    /// Bumped when what is found changes; named in the anonymisation report.
    /// 2: IBANs failing mod-97 no longer hide what follows, dates with times are not phone
    /// numbers, `(020) …` and `+31 (0)6 …` are found, profile links without a scheme too.
    /// 3: BSNs in groups (`1234.56.782`, `1234 56 782`, `123 456 782`).
    package static let version = 3

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
        func isWord(_ byte: UInt8) -> Bool { Self.isWord(byte) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

        // Links: to the next white space, without trailing punctuation.
        var index = 0
        while index < bytes.count {
            let start = index
            guard startsLink(bytes, at: index) else {
                index += 1
                continue
            }
            var end = start
            while end < bytes.count && !isSpace(bytes[end]) { end += 1 }
            while end > start, ".,;:!?)]}'\"»".utf8.contains(bytes[end - 1]) { end -= 1 }
            let link = String(decoding: bytes[start..<end], as: UTF8.self)
            let full = bytes[start] | 0x20 == UInt8(ascii: "h") ? link : "https://" + link  // only http links start with h
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
            var localStart = at
            while localStart > 0, Self.isLocalPart[Int(bytes[localStart - 1])], !covered[localStart - 1] { localStart -= 1 }
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
            if let end = date(bytes, at: index) {
                // With a time after it, a date has a phone number's ten digits: skip it whole.
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

    private static let http = Array("http://".utf8), https = Array("https://".utf8), upperHTTPS = Array("HTTPS://".utf8)
    /// Links written without a scheme: `www.`, chat invites, and the hosts of the platforms whose
    /// profile links `URLCleaner.profile` knows ("instagram.com/naam" is how people write them).
    private static let bareLinkStarts = [
        "www.", "t.me/", "telegram.me/", "chat.whatsapp.com/", "x.com/", "twitter.com/", "instagram.com/", "facebook.com/",
        "fb.com/", "tiktok.com/", "threads.net/", "threads.com/", "youtube.com/", "bsky.app/",
    ].map { Array($0.utf8) }

    /// True when a link starts at `index`: `http://` or `https://` anywhere, a link without a
    /// scheme at the start of a word. Most bytes are decided by the first comparison.
    private static func startsLink(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "h"): return has(bytes, http, at: index) || has(bytes, https, at: index)
        case UInt8(ascii: "H"): return has(bytes, upperHTTPS, at: index)
        case UInt8(ascii: "b"), UInt8(ascii: "c"), UInt8(ascii: "f"), UInt8(ascii: "i"), UInt8(ascii: "t"), UInt8(ascii: "w"),
             UInt8(ascii: "x"), UInt8(ascii: "y"):  // the first letters of bareLinkStarts
            return (index == 0 || !isWord(bytes[index - 1])) && bareLinkStarts.contains { has(bytes, $0, at: index) }
        default: return false
        }
    }

    /// Letters, digits, `_` and any byte of a non-ASCII character.
    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// The bytes of an e-mail address's local part (a practical subset of RFC 5322), by byte value.
    private static let isLocalPart: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// True when `prefix` stands in `bytes` at `index`; compares in place, without slicing.
    private static func has(_ bytes: [UInt8], _ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count, bytes[index] == prefix[0] else { return false }
        for offset in 1..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    /// What may stand between the digits of a phone number: space, dash, dot, brackets.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
    }
    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    private static func endsToken(_ bytes: [UInt8], _ end: Int) -> Bool {
        end == bytes.count || !(isDigit(bytes[end]) || isLetter(bytes[end]) || bytes[end] == UInt8(ascii: "_"))
    }

    /// Two letters, two digits, then letters and digits with optional single spaces: the end of
    /// the prefix that is a valid IBAN, or of the IBAN-shaped part (not valid) if it has at least
    /// 15 characters; nil otherwise.
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
        // Only the prefix with the country's length can pass the check: test that one alone.
        let country = String(decoding: [bytes[start] & 0xDF, bytes[start + 1] & 0xDF], as: UTF8.self)
        if let length = Checksums.ibanLengths[country], length <= ends.count, endsToken(bytes, ends[length - 1]),
           Checksums.isValidIBAN(utf8: bytes[start..<ends[length - 1]]) {
            return (ends[length - 1], true)
        }
        // Not valid: skip only what has an IBAN's shape, the first word and the groups of up to
        // four characters that follow a group of four, so that the words after it are still read.
        guard let last = ends.last else { return nil }
        var shapeEnd = start
        var shapeCharacters = 0
        var previous = 4
        for group in bytes[start..<last].split(separator: 0x20) {
            guard shapeEnd == start || (previous == 4 && group.count <= 4) else { break }
            shapeEnd = group.endIndex
            shapeCharacters += group.count
            previous = group.count
        }
        return shapeCharacters >= 15 ? (shapeEnd, false) : nil
    }

    /// A date written `dd-mm-yyyy` or `dd.mm.yyyy`: its end; nil otherwise.
    static func date(_ bytes: [UInt8], at start: Int) -> Int? {
        let end = start + 10
        guard end <= bytes.count, bytes[start + 2] == UInt8(ascii: "-") || bytes[start + 2] == UInt8(ascii: "."),
              bytes[start + 5] == bytes[start + 2], [0, 1, 3, 4, 6, 7, 8, 9].allSatisfy({ isDigit(bytes[start + $0]) }),
              end == bytes.count || !isDigit(bytes[end]) else { return nil }
        return end
    }

    /// Nine digits standing alone that pass the 11-test, written together or in the groups
    /// letters print them in: `1234.56.782`, `1234 56 782`, `123 456 782` (not `123.456.782`,
    /// which is how large amounts are written).
    static func bsn(_ bytes: [UInt8], at start: Int) -> Int? {
        guard isDigit(bytes[start]) else { return nil }
        for (groups, separator) in bsnLayouts {
            // The 11-test as the digits are read (weights 9…2, then −1), without copying them.
            var end = start
            var sum = 0
            var digits = 0
            var fits = true
            for (number, size) in groups.enumerated() where fits {
                if number > 0 {
                    guard end < bytes.count, bytes[end] == separator else { fits = false; break }
                    end += 1
                }
                guard end + size <= bytes.count else { fits = false; break }
                for index in end..<(end + size) {
                    guard isDigit(bytes[index]) else { fits = false; break }
                    digits += 1
                    sum += (digits == 9 ? -1 : 10 - digits) * Int(bytes[index] - 0x30)
                }
                end += size
            }
            // Not part of a longer number: no digit or dash after it, nor (in groups) its separator and a digit.
            guard fits, endsToken(bytes, end), end == bytes.count || bytes[end] != UInt8(ascii: "-"),
                  groups.count == 1 || end + 1 >= bytes.count || !(bytes[end] == separator && isDigit(bytes[end + 1]))
            else { continue }
            if sum != 0 && sum % 11 == 0 { return end }
        }
        return nil
    }

    private static let bsnLayouts: [(groups: [Int], separator: UInt8)] = [
        ([9], 0), ([4, 2, 3], UInt8(ascii: ".")), ([4, 2, 3], 0x20), ([3, 3, 3], 0x20),
    ]

    /// A postcode: `[1-9]\d{3}`, an optional space, two capitals (not SA, SD, SS).
    static func postcode(_ bytes: [UInt8], at start: Int) -> Int? {
        // Four digits first: most tokens fail here, before any string is made.
        guard start + 6 <= bytes.count, bytes[start] >= UInt8(ascii: "1"), bytes[start] <= UInt8(ascii: "9"),
              isDigit(bytes[start + 1]), isDigit(bytes[start + 2]), isDigit(bytes[start + 3]) else { return nil }
        for end in [start + 7, start + 6] where end <= bytes.count && endsToken(bytes, end) {
            if Checksums.isPostcode(utf8: bytes[start..<end]) { return end }
        }
        return nil
    }

    /// A licence plate in an RDW side code (8 characters with two dashes).
    static func plate(_ bytes: [UInt8], at start: Int) -> Int? {
        let end = start + 8
        guard end <= bytes.count, endsToken(bytes, end) else { return nil }
        var dashes = 0
        for byte in bytes[start..<end] {
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else if !(isDigit(byte) || (byte >= 0x41 && byte <= 0x5A)) {
                return nil
            }
        }
        guard dashes == 2 else { return nil }
        return Checksums.isLicencePlate(utf8: bytes[start..<end]) ? end : nil
    }

    private static let countryCode = Array("31".utf8), trunkZero = Array("(0)".utf8)

    /// "(" and two to four digits, then ")": an area code in brackets.
    private static func opensAreaCode(_ bytes: [UInt8], at start: Int) -> Bool {
        guard bytes[start] == UInt8(ascii: "(") else { return false }
        var end = start + 1
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return (2...4).contains(end - start - 1) && end < bytes.count && bytes[end] == UInt8(ascii: ")")
    }

    /// A phone number: Dutch (`06-12345678`, `030 123 4567`, `+31 6 …`, `0031 6 …`: ten digits
    /// with the trunk 0) or international E.164 (`+` and 8–15 digits); spaces, dashes, dots and
    /// brackets may separate the digits.
    static func phone(_ bytes: [UInt8], at start: Int) -> Int? {
        // A number opens with a digit, '+' or a bracketed area code such as "(020)"; a bracket
        // or space before anything else is not part of it.
        guard isDigit(bytes[start]) || bytes[start] == UInt8(ascii: "+") || opensAreaCode(bytes, at: start) else { return nil }
        var end = start
        var digits: [UInt8] = []
        let plus = bytes[start] == UInt8(ascii: "+")
        if plus { end += 1 }
        var lastDigitEnd = end
        // Where each group of digits ends: a number followed by another ("06-12345678 54-TTR-6")
        // is cut back to the longest run of whole groups that is a phone number.
        var groupEnds: [(digits: Int, end: Int)] = []
        while end < bytes.count, digits.count < 15 {
            let byte = bytes[end]
            if isDigit(byte) {
                digits.append(byte)
                end += 1
                lastDigitEnd = end
                continue
            }
            if end == lastDigitEnd && !digits.isEmpty { groupEnds.append((digits.count, end)) }
            if plus, digits == Self.countryCode, has(bytes, Self.trunkZero, at: end) {
                end += 3  // "+31 (0)6 …": the trunk 0 is written but not dialled
            } else if byte == UInt8(ascii: ")"), end + 2 < bytes.count, bytes[end + 1] == 0x20 || bytes[end + 1] == UInt8(ascii: "-"),
                      isDigit(bytes[end + 2]) {
                end += 2  // "(020) 123 4567"
            } else if isSeparator(byte), end + 1 < bytes.count,
                      isDigit(bytes[end + 1]) || (bytes[end + 1] == UInt8(ascii: "(") && plus && digits == Self.countryCode) {
                // A bracket opens a group only after "+31": "06 (…" is the end of one number.
                end += 1
            } else {
                break
            }
        }
        if groupEnds.last?.end != lastDigitEnd { groupEnds.append((digits.count, lastDigitEnd)) }
        // A group that runs on into a code ("3-RXH-86") belongs to that code, not to the number.
        for group in groupEnds.reversed() where endsToken(bytes, group.end) && !(group.end + 1 < bytes.count
            && bytes[group.end] == UInt8(ascii: "-") && (isLetter(bytes[group.end + 1]) || isDigit(bytes[group.end + 1]))) {
            if isPhoneNumber(digits[..<group.digits], plus: plus) { return group.end }
        }
        return nil
    }

    /// Dutch (ten digits with the trunk 0, `0031` and nine, `+31` and nine) or, after `+`,
    /// international with 8–15 digits.
    private static func isPhoneNumber(_ digits: ArraySlice<UInt8>, plus: Bool) -> Bool {
        let number = String(decoding: digits, as: UTF8.self)
        if plus {
            return number.hasPrefix("31") ? number.count == 11 : (8...15).contains(number.count)
        } else if number.hasPrefix("0031") {
            return number.count == 13
        } else {
            // Trunk 0 and nine more digits; mobile numbers are 06 followed by eight digits.
            return number.hasPrefix("0") && !number.hasPrefix("00") && number.count == 10
        }
    }
}
