import Crypto
import Foundation
import ToetsModel

/// Keyed pseudonyms: `p1.<key id>.<base32 of the first 80 bits of HMAC-SHA256(K, domain ‖ 0x00 ‖
/// platform ‖ 0x00 ‖ normalised value)>`. Equal values give equal pseudonyms under one key, so
/// joins and co-activity survive; without the key they cannot be reversed by trying every handle
/// (ENISA 2019 on unkeyed hashes of small identifier spaces).
package struct Pseudonymizer {
    /// What is being pseudonymised; part of the MAC input, so one value in two domains differs.
    package enum Domain: String, Sendable, CaseIterable {
        case account, handle, post, email, phone, iban, bsn, plate, url, invite, content, person, address
        case birthDate = "birth-date"
    }

    package let key: PseudonymKey
    private let secret: SymmetricKey

    package init(key: PseudonymKey) {
        self.key = key
        secret = key.key
    }

    /// The pseudonym of `value` in `domain` on `platform` (values are normalised first:
    /// handles and e-mail addresses to lower case, phone numbers and IBANs to their digits
    /// and letters).
    package func pseudonym(_ domain: Domain, platform: String, _ value: String) -> String {
        var message = Array(domain.rawValue.utf8)
        message.append(0)
        message += Array(platform.utf8)
        message.append(0)
        message += Array(Self.normalise(value, domain).utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: secret)
        return "p1.\(key.id).\(Self.base32(Array(mac.prefix(10))))"
    }

    static func normalise(_ value: String, _ domain: Domain) -> String {
        switch domain {
        case .handle, .email: value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "@ "))
        case .phone: Self.canonicalPhone(value)
        case .iban, .plate, .bsn, .birthDate: value.uppercased().filter { $0.isLetter || $0.isNumber }
        default: value
        }
    }

    /// A phone number as digits with the Dutch trunk prefix replaced by +31: `06-12345678`,
    /// `+31 6 1234 5678` and `0031612345678` are the same number.
    static func canonicalPhone(_ value: String) -> String {
        var digits = value.filter(\.isNumber)
        if value.trimmingCharacters(in: .whitespaces).hasPrefix("+") { return "+" + digits }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0") { digits = "31" + digits.dropFirst() }
        return "+" + digits
    }

    /// RFC 4648 base32, lower case, without padding.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return output
    }
}
