/// The check rules of Dutch and international identifiers (shared/reference/dutch-pii.md),
/// which tell a real number from a look-alike.
package enum Checksums {
    /// A BSN: 9 digits (8 with a leading 0 added); weights 9…2 and −1; the sum divisible by 11
    /// and not 0. `123456782` passes.
    package static func isValidBSN(_ text: String) -> Bool {
        isValidBSN(utf8: Array(text.utf8)[...])
    }

    /// The same on UTF-8 bytes, without making a string: anything but the digits 0–9 fails.
    static func isValidBSN(utf8: ArraySlice<UInt8>) -> Bool {
        guard utf8.count == 8 || utf8.count == 9 else { return false }
        var sum = 0
        var weight = utf8.count  // 9…2 for nine digits; a leading 0 with weight 9 adds nothing
        for (offset, byte) in utf8.enumerated() {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            sum += (offset == utf8.count - 1 ? -1 : weight) * Int(byte - 0x30)
            weight -= 1
        }
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
        isValidIBAN(utf8: Array(text.utf8)[...])
    }

    /// The same on UTF-8 bytes, without making a string: anything but spaces and ASCII letters
    /// and digits fails.
    static func isValidIBAN(utf8: ArraySlice<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(utf8.count)
        for byte in utf8 where byte != 0x20 {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            guard isDigit(upper) || isUpper(upper) else { return false }
            compact.append(upper)
        }
        guard compact.count >= 15, let length = ibanLengths[String(decoding: compact[0..<2], as: UTF8.self)],
              compact.count == length, isDigit(compact[2]), isDigit(compact[3]) else { return false }
        if compact[0] == UInt8(ascii: "N") && compact[1] == UInt8(ascii: "L") {
            guard compact[4..<8].allSatisfy(isUpper), compact[8...].allSatisfy(isDigit) else { return false }
        }
        var remainder = 0
        for byte in compact[4...] + compact[0..<4] {
            let value = Int(isUpper(byte) ? byte - 55 : byte - 0x30)
            remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value
            remainder %= 97
        }
        return remainder == 1
    }

    /// A Dutch postcode: four digits not starting with 0, an optional space, two capital
    /// letters other than SA, SD and SS.
    package static func isPostcode(_ text: String) -> Bool {
        isPostcode(utf8: Array(text.utf8)[...])
    }

    /// The same on UTF-8 bytes, without making a string: only ASCII digits and capitals count.
    static func isPostcode(utf8: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(utf8)
        let letters: ArraySlice<UInt8>
        if bytes.count == 7 && bytes[4] == 0x20 {
            letters = bytes[5...]
        } else if bytes.count == 6 {
            letters = bytes[4...]
        } else {
            return false
        }
        guard bytes[0..<4].allSatisfy(isDigit), bytes[0] != UInt8(ascii: "0"), letters.allSatisfy(isUpper) else { return false }
        let (first, second) = (letters[letters.startIndex], letters[letters.startIndex + 1])
        return !(first == UInt8(ascii: "S") && [UInt8(ascii: "A"), UInt8(ascii: "D"), UInt8(ascii: "S")].contains(second))
    }

    /// The RDW side codes 1–14, as letters (X) and digits (9).
    static let sideCodes = ["XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
                            "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"].map { Array($0.utf8) }

    /// Letter groups the RDW never issues.
    static let blockedPlateGroups = ["SS", "SD", "SA", "NSB", "PKK", "PVV", "GVD", "KKK"].map { Array($0.utf8) }

    /// A Dutch licence plate in one of the side codes; from side code 4 on, no vowels and no C
    /// or Q, and none of the letter groups the RDW never issues.
    package static func isLicencePlate(_ text: String) -> Bool {
        isLicencePlate(utf8: Array(text.utf8)[...])
    }

    /// The same on UTF-8 bytes, without making a string: only ASCII letters, digits and dashes.
    static func isLicencePlate(utf8: ArraySlice<UInt8>) -> Bool {
        let plate = utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        guard let code = sideCodes.firstIndex(where: { pattern in
            pattern.count == plate.count && zip(pattern, plate).allSatisfy { p, c in
                p == UInt8(ascii: "-") ? c == p : p == UInt8(ascii: "9") ? isDigit(c) : isUpper(c)
            }
        }) else { return false }
        if code >= 3, plate.contains(where: { "AEIOUCQ".utf8.contains($0) }) { return false }
        let groups = plate.split(separator: UInt8(ascii: "-")).filter { isUpper($0[$0.startIndex]) }
        return !groups.contains { group in blockedPlateGroups.contains { $0.elementsEqual(group) } }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}
