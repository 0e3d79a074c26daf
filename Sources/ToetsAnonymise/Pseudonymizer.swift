import Crypto
import Foundation
import ToetsModel

/// Keyed pseudonyms: `p1.<key id>.<base32 of the first 80 bits of HMAC-SHA256(K, domain ‖ 0x00 ‖
/// platform ‖ 0x00 ‖ normalised value)>`. Equal values give equal pseudonyms under one key, so
/// joins and co-activity survive; without the key they cannot be reversed by trying every handle
/// (ENISA 2019 on unkeyed hashes of small identifier spaces).
package struct Pseudonymizer: Sendable {
    /// What is being pseudonymised; part of the MAC input, so one value in two domains differs.
    package enum Domain: String, Sendable, CaseIterable {
        case account, handle, post, email, phone, iban, bsn, plate, url, invite, content, person, address
        case birthDate = "birth-date"
    }

    package let key: PseudonymKey
    /// The HMAC with the key absorbed, copied for each pseudonym (saving the key schedule).
    private let keyed: KeyedMAC
    /// `p1.<key id>.`
    private let prefix: [UInt8]

    package init(key: PseudonymKey) {
        self.key = key
        keyed = KeyedMAC(mac: HMAC<SHA256>(key: key.key))
        prefix = Array("p1.\(key.id).".utf8)
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
        var mac = keyed.mac
        mac.update(data: message)
        var text = prefix
        text.reserveCapacity(prefix.count + 16)
        mac.finalize().withUnsafeBytes { code in Self.appendBase32(UnsafeRawBufferPointer(rebasing: code.prefix(10)), to: &text) }
        return String(decoding: text, as: UTF8.self)
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
        var output: [UInt8] = []
        bytes.withUnsafeBytes { appendBase32($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    private static func appendBase32(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
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
    }
}

/// An HMAC-SHA256 with its key absorbed. `HMAC` is a value type that swift-crypto does not declare
/// `Sendable`; its state is two SHA-256 contexts copied on write (`isKnownUniquelyReferenced`).
/// Only copies of `mac` are ever updated, never `mac` itself, so threads share it safely.
private struct KeyedMAC: @unchecked Sendable {
    let mac: HMAC<SHA256>
}
