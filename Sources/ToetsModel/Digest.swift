import Crypto

/// A SHA-256 digest: the identity of every artefact, object and cache key in Toets.
///
/// Stored as 64 lower-case hexadecimal characters so that it reads the same in the index, in
/// logs and on disk; never built from an unchecked string.
package struct Digest: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 64 lower-case hexadecimal characters.
    package let hex: String

    /// Accepts exactly 64 lower-case hexadecimal characters; anything else is not a digest.
    package init?(hex: String) {
        guard hex.utf8.count == 64,
              hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        self.hex = hex
    }

    init(bytes: some Sequence<UInt8>) {
        let table = Array("0123456789abcdef".utf8)
        var chars: [UInt8] = []
        chars.reserveCapacity(64)
        for byte in bytes {
            chars.append(table[Int(byte >> 4)])
            chars.append(table[Int(byte & 0x0f)])
        }
        self.hex = String(decoding: chars, as: UTF8.self)
    }

    /// The SHA-256 of `bytes`.
    package static func sha256(of bytes: some Sequence<UInt8>) -> Digest {
        var hasher = DigestHasher()
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// The first twelve characters and an ellipsis, for messages a person reads.
    package var short: String { String(hex.prefix(12)) + "…" }

    package var description: String { hex }

    package static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.hex < rhs.hex }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = Digest(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a SHA-256 digest: \(text)")
        }
        self = digest
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Incremental SHA-256, so files are hashed while they stream and never held whole in memory.
package struct DigestHasher {
    private var state = SHA256()

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
    }

    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { state.update(bufferPointer: $0) }
    }

    package func finalize() -> Digest {
        Digest(bytes: state.finalize())
    }
}
