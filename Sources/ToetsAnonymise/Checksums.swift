/// The check rules of Dutch and international identifiers (shared/reference/dutch-pii.md),
/// which tell a real number from a look-alike.
package enum Checksums {
    /// A BSN: 9 digits (8 with a leading 0 added); weights 9…2 and −1; the sum divisible by 11
    /// and not 0. `123456782` passes.
    package static func isValidBSN(_ text: String) -> Bool {
        var digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == text.count, digits.count == 8 || digits.count == 9 else { return false }
        if digits.count == 8 { digits.insert(0, at: 0) }
        let weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return sum != 0 && sum % 11 == 0
    }

    /// IBAN lengths of the countries most often met (ISO 13616 registry).
    static let ibanLengths: [String: Int] = [
        "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "LU": 20, "AT": 20, "CH": 21,
        "DK": 18, "FI": 18, "SE": 24, "NO": 15, "IE": 22, "PT": 25, "PL": 28, "CZ": 24, "HU": 28, "RO": 24,
        "BG": 22, "GR": 27, "HR": 21, "SI": 19, "SK": 24, "LT": 20, "LV": 21, "EE": 20, "MT": 31, "CY": 28,
        "TR": 26, "UA": 29, "RU": 33, "LI": 21, "IS": 26,
    ]

    /// An IBAN (spaces allowed every four characters): known country, its length, and the
    /// ISO 13616 mod-97 check equal to 1; a Dutch one also has four bank letters and ten digits.
    package static func isValidIBAN(_ text: String) -> Bool {
        let compact = text.filter { $0 != " " }.uppercased()
        guard compact.count >= 15, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        let country = String(compact.prefix(2))
        guard let length = ibanLengths[country], compact.count == length,
              compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else { return false }
        if country == "NL" {
            let bban = compact.dropFirst(4)
            guard bban.prefix(4).allSatisfy(\.isLetter), bban.dropFirst(4).allSatisfy(\.isNumber) else { return false }
        }
        var remainder = 0
        for character in compact.dropFirst(4) + compact.prefix(4) {
            let value = character.isLetter ? Int(character.asciiValue! - 55) : character.wholeNumberValue!
            remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value
            remainder %= 97
        }
        return remainder == 1
    }

    /// A Dutch postcode: four digits not starting with 0, an optional space, two capital
    /// letters other than SA, SD and SS.
    package static func isPostcode(_ text: String) -> Bool {
        let characters = Array(text)
        let letters = characters.count == 7 && characters[4] == " " ? Array(characters[5...])
            : characters.count == 6 ? Array(characters[4...]) : []
        guard letters.count == 2, characters.prefix(4).allSatisfy(\.isNumber), characters[0] != "0",
              letters.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        return !["SA", "SD", "SS"].contains(String(letters))
    }

    /// The RDW side codes 1–14, as letters (X) and digits (9).
    static let sideCodes = ["XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
                            "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"]

    /// A Dutch licence plate in one of the side codes; from side code 4 on, no vowels and no C
    /// or Q, and none of the letter groups the RDW never issues.
    package static func isLicencePlate(_ text: String) -> Bool {
        let plate = text.uppercased()
        guard let code = sideCodes.firstIndex(where: { pattern in
            pattern.count == plate.count && zip(pattern, plate).allSatisfy { p, c in
                p == "-" ? c == "-" : p == "9" ? c.isNumber : (c.isASCII && c.isLetter)
            }
        }) else { return false }
        let groups = plate.split(separator: "-").filter { $0.first?.isLetter == true }
        if code >= 3, plate.contains(where: { "AEIOUCQ".contains($0) }) { return false }
        return !groups.contains { ["SS", "SD", "SA", "NSB", "PKK", "PVV", "GVD", "KKK"].contains(String($0)) }
    }
}
