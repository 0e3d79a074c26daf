import ToetsAnonymise
import ToetsModel

/// Values for the labelled PII sample: the demo world's generators plus the other ways people
/// write the same data, and look-alikes that are not personal data. Check digits are computed
/// here, not taken from the scanner under test.
enum PIIValues {
    static func value(_ kind: PIIKind, _ random: inout SeededRandom) -> String {
        switch kind {
        case .email: email(&random)
        case .phone: phone(&random)
        case .iban: iban(&random)
        case .bsn: random.chance(0.15) ? dotted(DutchText.bsn(&random)) : DutchText.bsn(&random)
        case .postcode: random.chance(0.3) ? DutchText.postcode(&random).replacingOccurrences(of: " ", with: "") : DutchText.postcode(&random)
        case .licencePlate: plate(&random)
        case .handle: "@" + DutchText.person(&random).handle
        case .profileURL: profile(&random)
        case .invite: invite(&random)
        case .person, .address, .birthDate: preconditionFailure("\(kind) is planted by HeldOutSample")
        }
    }

    static func nearMiss(_ nearMiss: PIISample.NearMiss, _ random: inout SeededRandom) -> String {
        switch nearMiss {
        case .ibanChecksum:
            // One digit changed: mod-97 catches every single substitution.
            var characters = Array(DutchText.iban(&random))
            let last = characters.count - 1
            characters[last] = Character(String((characters[last].wholeNumberValue! + random.int(1...9)) % 10))
            return String(characters)
        case .bsnChecksum, .nineDigits:
            return failingElevenTest(&random)
        case .orderNumber:
            switch random.int(0...2) {
            case 0: return "#" + digits(10, &random, nonZeroFirst: true)
            case 1: return "ORD-2026-" + digits(6, &random)
            default: return digits(12, &random, nonZeroFirst: true)
            }
        case .date:
            let (day, month) = (two(random.int(1...28)), two(random.int(1...12)))
            return random.pick(["\(day)-\(month)-2026", "2026-\(month)-\(day)", "\(day)/\(month)/2025"])
        case .dateTime:
            return "\(two(random.int(1...28)))-\(two(random.int(1...12)))-2026 \(two(random.int(8...22))):\(random.pick(["00", "15", "30"]))"
        case .price:
            return random.pick(["€ \(random.int(1...9)).\(random.int(100...999)),00", "€\(random.int(1...99)),\(random.int(10...99))",
                                "€ \(random.int(1...9)).\(random.int(100...999)).000", "EUR \(random.int(10...99)),95"])
        case .atSign:
            return random.pick(["daar@home", "m@il", "info@gemeente", "@ 20:00", "naam@domein", "het @-teken", "user@host.c", "k@@s"])
        case .ordinaryLink:
            let handle = DutchText.person(&random).handle
            return random.pick([
                "https://nos.nl/artikel/\(random.int(2_400_000...2_599_999))-raad-stemt-in",
                "https://www.\(random.pick(DutchText.municipalities).lowercased()).nl/wonen/parkeren/",
                "https://x.com/search?q=\(random.pick(DutchText.issues).tag)", "https://x.com/hashtag/\(random.pick(DutchText.issues).tag)",
                "https://www.instagram.com/p/C\(token(10, &random))/", "https://www.facebook.com/groups/\(digits(9, &random, nonZeroFirst: true))",
                "https://www.youtube.com/watch?v=\(token(11, &random))", "https://www.tiktok.com/tag/\(handle.lowercased())",
                "www.rijksoverheid.nl/onderwerpen/\(random.pick(DutchText.issues).tag)",
            ])
        case .postcodeLike:
            return "\(random.int(1000...9999)) \(random.pick(["SS", "SA", "SD"]))"
        case .plateLike:
            // Side codes 4 and up never carry vowels; the first side code never carries SS.
            if random.chance(0.2) { return "SS-\(digits(2, &random))-\(digits(2, &random))" }
            return random.pick(["AE-\(digits(2, &random))-IO", "GA-\(digits(3, &random))-B", "\(digits(2, &random))-AB-CD",
                                "\(digits(1, &random))-KAE-\(digits(2, &random))"])
        case .phoneLike:
            return random.pick(["06-\(digits(7, &random))", "+31 6 \(digits(4, &random)) \(digits(3, &random))"])
        case .nameLikeWord, .place, .streetLike, .amount:
            preconditionFailure("\(nearMiss) is planted by HeldOutSample")
        }
    }

    static func email(_ random: inout SeededRandom) -> String {
        guard random.chance(0.2) else { return DutchText.person(&random).email }
        let word = random.pick(["groen", "lokaal", "buurt", "fiets"])
        return "info@\(word)-\(random.pick(DutchText.municipalities).lowercased()).nl"
    }

    /// The demo world's four forms and six more that Dutch posts use, with numbers the numbering
    /// plan assigns (mobile 06-1 to 06-5, subscriber numbers not starting with 0 or 1): the demo
    /// world's own generator draws any digits, which libphonenumber rightly rejects.
    static func phone(_ random: inout SeededRandom) -> String {
        let mobile = String(random.int(1...5)) + digits(7, &random)
        let local = String(random.int(2...9)) + digits(6, &random)
        let area = random.pick(["10", "20", "30", "38", "50", "58"])
        switch random.int(0...9) {
        case 0: return "06-" + mobile
        case 1: return "+31 6 \(mobile.prefix(4)) \(mobile.suffix(4))"
        case 2: return "06 \(mobile.prefix(2)) \(mobile.dropFirst(2).prefix(3)) \(mobile.suffix(3))"
        case 3: return "0\(area)-\(local)"
        case 4: return "+316" + mobile
        case 5: return "0031 6 " + mobile
        case 6: return "06" + mobile
        case 7: return "+31 (0)6 " + mobile
        case 8: return "(0\(area)) \(local.prefix(3)) \(local.suffix(4))"
        default: return "+31 \(area) \(local.prefix(3)) \(local.suffix(4))"
        }
    }

    /// Mostly Dutch IBANs in groups of four, some without spaces, some German.
    static func iban(_ random: inout SeededRandom) -> String {
        if random.chance(0.15) { return withCheckDigits("DE", bban: digits(18, &random)) }
        let iban = DutchText.iban(&random)
        return random.chance(0.3) ? iban.replacingOccurrences(of: " ", with: "") : iban
    }

    /// An IBAN with ISO 13616 check digits, compact.
    static func withCheckDigits(_ country: String, bban: String) -> String {
        var remainder = 0
        for character in bban + country + "00" {
            let value = character.isLetter ? Int(character.asciiValue! - 55) : character.wholeNumberValue!
            remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value
            remainder %= 97
        }
        let check = 98 - remainder
        return country + (check < 10 ? "0" : "") + String(check) + bban
    }

    /// The demo world's plates, without the letter groups the RDW never issues.
    static func plate(_ random: inout SeededRandom) -> String {
        while true {
            let plate = DutchText.licencePlate(&random)
            let groups = plate.split(separator: "-").map(String.init)
            if !groups.contains(where: { ["SS", "SD", "SA", "NSB", "PKK", "PVV", "GVD", "KKK"].contains($0) }) { return plate }
        }
    }

    static func profile(_ random: inout SeededRandom) -> String {
        let handle = DutchText.person(&random).handle
        guard random.chance(0.5) else { return DutchText.profileURL(&random, handle: handle) }
        return random.pick([
            "https://www.youtube.com/@\(handle)", "https://www.threads.net/@\(handle)",
            "https://www.facebook.com/profile.php?id=1000\(digits(11, &random))", "https://x.com/\(handle)?s=21",
            "https://www.instagram.com/\(handle)?igsh=\(token(12, &random))", "www.instagram.com/\(handle)",
            "instagram.com/\(handle)", "x.com/\(handle)",
        ])
    }

    static func invite(_ random: inout SeededRandom) -> String {
        random.pick([
            "https://t.me/+\(token(16, &random))", "t.me/+\(token(16, &random))", "https://t.me/joinchat/\(token(16, &random))",
            "https://chat.whatsapp.com/\(token(22, &random))", "chat.whatsapp.com/\(token(22, &random))",
        ])
    }

    /// Nine digits, the first not 0, whose weighted sum (9…2, −1) is not a multiple of 11.
    static func failingElevenTest(_ random: inout SeededRandom) -> String {
        while true {
            let number = digits(9, &random, nonZeroFirst: true)
            let values = number.compactMap(\.wholeNumberValue)
            let sum = zip(values, [9, 8, 7, 6, 5, 4, 3, 2, -1]).reduce(0) { $0 + $1.0 * $1.1 }
            if sum % 11 != 0 { return number }
        }
    }

    /// `1234.56.782`, as some letters print a BSN.
    static func dotted(_ bsn: String) -> String {
        "\(bsn.prefix(4)).\(bsn.dropFirst(4).prefix(2)).\(bsn.suffix(3))"
    }

    static func digits(_ count: Int, _ random: inout SeededRandom, nonZeroFirst: Bool = false) -> String {
        (0..<count).map { index in String(random.int((nonZeroFirst && index == 0 ? 1 : 0)...9)) }.joined()
    }

    static func token(_ count: Int, _ random: inout SeededRandom) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in random.pick(alphabet) })
    }

    static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
