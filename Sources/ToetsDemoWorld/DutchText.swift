import ToetsModel

/// Dutch-language material for the demo world: issues, places, sentences, and personal data
/// of the kinds the anonymiser must find (all synthetic, generated from the seed).
enum DutchText {
    static let municipalities = ["Utrecht", "Groningen", "Eindhoven", "Zwolle", "Leeuwarden"]
    static let neighbourhoods = ["Oost", "West", "Centrum", "Noord", "Zuid", "de Wijk", "het Dorp", "Stadshart"]
    static let parties = ["Lokaal Belang", "Stadspartij", "Groen Samen", "Sociaal Lokaal", "Liberaal Stad", "Dorpsbelangen"]
    static let issues: [(tag: String, noun: String)] = [
        ("woningbouw", "nieuwe woningen"), ("parkeren", "de parkeertarieven"), ("fietspad", "het fietspad"),
        ("afval", "de afvalinzameling"), ("ozb", "de OZB"), ("jeugdzorg", "de jeugdzorg"),
        ("veiligheid", "de veiligheid op straat"), ("groen", "meer groen in de wijk"), ("cultuur", "het theater"),
        ("windmolens", "de windmolens"), ("bibliotheek", "de bibliotheek"), ("zwembad", "het zwembad"),
        ("ov", "de buslijn"), ("sport", "de sportvelden"), ("ouderen", "de ouderenzorg"),
    ]
    static let opinions = ["Eindelijk!", "Dit kan echt niet.", "Goed plan.", "Wat een onzin.", "Tijd voor verandering.",
                           "Ik maak me zorgen.", "Heel goed nieuws.", "Waarom duurt dit zo lang?", "Mee eens.",
                           "Daar ga ik niet op stemmen.", "Fijn dat hier aandacht voor is."]
    static let sentences = [
        "Wat vinden jullie van {issue} in {place}?",
        "{opinion} De gemeente moet echt iets doen aan {issue}.",
        "Gisteren de informatieavond over {issue} bezocht. {opinion}",
        "In {place} {hood} wordt al jaren gepraat over {issue}. {opinion}",
        "Op 18 maart stem ik voor {issue}. {opinion}",
        "Mooi gesprek gehad met buren over {issue}.",
        "Heeft iemand het plan voor {issue} al gelezen? {opinion}",
        "{opinion} {issue} in {place} {hood} is een schande.",
        "De raad van {place} besluit volgende week over {issue}.",
        "Vanochtend weer file door {issue}. {opinion}",
    ]
    static let firstNames = ["Sanne", "Daan", "Lotte", "Bram", "Emma", "Thijs", "Fleur", "Jesse", "Anouk", "Ruben",
                             "Iris", "Milan", "Noor", "Sem", "Julia", "Lars", "Femke", "Joris", "Eva", "Stijn",
                             "Fatima", "Mohammed", "Yara", "Ahmet", "Priya", "Kevin", "Marieke", "Henk", "Ingrid", "Kees"]
    static let lastNames = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
                            "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Yilmaz", "El Amrani"]

    /// A sentence about a local issue.
    static func post(_ random: inout SeededRandom, place: String, issue: (tag: String, noun: String)) -> String {
        random.pick(sentences)
            .replacingOccurrences(of: "{issue}", with: issue.noun)
            .replacingOccurrences(of: "{place}", with: place)
            .replacingOccurrences(of: "{hood}", with: random.pick(neighbourhoods))
            .replacingOccurrences(of: "{opinion}", with: random.pick(opinions))
    }

    /// A lightly reworded copy (copy-pasta with small paraphrases): swapped synonyms, dropped or
    /// added filler words, changed punctuation.
    static func paraphrase(_ text: String, _ random: inout SeededRandom) -> String {
        let synonyms: [String: [String]] = [
            "gemeente": ["gemeente", "stad", "raad"], "echt": ["echt", "werkelijk", "gewoon"],
            "moet": ["moet", "moet nu", "zou moeten"], "schande": ["schande", "schandaal", "grof schandaal"],
            "stemmen": ["stemmen", "kiezen", "stemmen!"], "iedereen": ["iedereen", "jullie allemaal", "iedereen nu"],
            "niet": ["niet", "absoluut niet", "niet"], "waarheid": ["waarheid", "echte waarheid", "feiten"],
        ]
        var words = text.split(separator: " ").map(String.init)
        for index in words.indices {
            let key = words[index].lowercased().trimmingCharacters(in: .punctuationCharacters)
            if let options = synonyms[key], random.chance(0.5) { words[index] = random.pick(options) }
        }
        if random.chance(0.3), words.count > 6 { words.remove(at: random.int(1...(words.count - 2))) }
        var result = words.joined(separator: " ")
        if random.chance(0.4) { result += random.pick([" !!", "!", " 👇", " 😡", " #deelmaar", "..."]) }
        return result
    }

    /// A person's name, handle and e-mail address.
    static func person(_ random: inout SeededRandom) -> (name: String, handle: String, email: String) {
        let first = random.pick(firstNames)
        let last = random.pick(lastNames)
        let compact = last.lowercased().replacingOccurrences(of: " ", with: "")
        let handle = random.pick(["\(first.lowercased())_\(compact)", "\(first)\(random.int(1...99))",
                                  "\(first.lowercased())\(compact.prefix(3))", "\(compact)\(random.int(70...2009))"])
        let email = "\(first.lowercased()).\(compact)@\(random.pick(["gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com"]))"
        return ("\(first) \(last)", handle, email)
    }

    // MARK: Personal data with valid check digits

    /// A Dutch citizen service number that passes the 11-test.
    static func bsn(_ random: inout SeededRandom) -> String {
        while true {
            var digits = (0..<8).map { _ in random.int(0...9) }
            digits[0] = random.int(1...9)
            let sum = zip(digits, stride(from: 9, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
            let check = sum % 11
            if check < 10 { return (digits + [check]).map(String.init).joined() }
        }
    }

    /// A Dutch IBAN with valid ISO 13616 check digits, printed in groups of four.
    static func iban(_ random: inout SeededRandom) -> String {
        let bank = random.pick(["ABNA", "RABO", "INGB", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ"])
        let account = (0..<10).map { _ in String(random.int(0...9)) }.joined()
        let bban = bank + account
        // Rearranged: BBAN + "NL00", letters as 10–35, mod 97.
        var remainder = 0
        for character in bban + "NL00" {
            let value = character.isLetter ? Int(character.asciiValue! - 65 + 10) : Int(String(character))!
            for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
        }
        let check = 98 - remainder
        let iban = "NL" + (check < 10 ? "0" : "") + String(check) + bban
        return stride(from: 0, to: iban.count, by: 4).map { start in
            String(iban.dropFirst(start).prefix(4))
        }.joined(separator: " ")
    }

    /// A Dutch mobile or landline number in one of the ways people write them.
    static func phone(_ random: inout SeededRandom) -> String {
        let digits = (0..<8).map { _ in String(random.int(0...9)) }.joined()
        switch random.int(0...3) {
        case 0: return "06-" + digits
        case 1: return "+31 6 " + digits.prefix(4) + " " + digits.suffix(4)
        case 2: return "06 " + digits.prefix(2) + " " + digits.dropFirst(2).prefix(3) + " " + digits.suffix(3)
        default: return "030-" + digits.prefix(7)
        }
    }

    /// A postcode: four digits (not starting with 0) and two letters (not SA, SD or SS).
    static func postcode(_ random: inout SeededRandom) -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTVWXZ")
        while true {
            let pair = String([random.pick(letters), random.pick(letters)])
            if !["SA", "SD", "SS"].contains(pair) { return "\(random.int(1000...9999)) \(pair)" }
        }
    }

    /// A licence plate in one of the RDW side codes.
    static func licencePlate(_ random: inout SeededRandom) -> String {
        let letters = Array("BDFGHJKLNPRSTVXZ")
        let patterns = ["XX-99-99", "99-XX-99", "99-99-XX", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
                        "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"]
        return String(random.pick(patterns).map { character -> Character in
            switch character {
            case "X": random.pick(letters)
            case "9": Character(String(random.int(0...9)))
            default: character
            }
        })
    }

    /// A profile link on one of the platforms the anonymiser knows.
    static func profileURL(_ random: inout SeededRandom, handle: String) -> String {
        random.pick(["https://x.com/\(handle)", "https://t.me/\(handle)", "https://www.tiktok.com/@\(handle)",
                     "https://www.instagram.com/\(handle)/", "https://www.facebook.com/\(handle)",
                     "https://bsky.app/profile/\(handle).bsky.social"])
    }
}
