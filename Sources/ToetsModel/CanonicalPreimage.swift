/// The bytes that a digest of structured data is taken over: a domain tag and a version first,
/// then typed, length-prefixed fields, so that no two different values share a preimage.
///
/// Every field starts with a one-byte type marker; strings and lists carry their length as eight
/// big-endian bytes. Child digests, never child bytes, go into a parent.
package struct CanonicalPreimage: Sendable {
    private(set) var bytes: [UInt8] = []

    /// Starts a preimage for `domain` (for example `toets/step-key`) at format `version`.
    package init(domain: String, version: Int) {
        append(domain)
        append(version)
    }

    package mutating func append(_ text: String) {
        bytes.append(UInt8(ascii: "s"))
        appendLength(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func append(_ value: Int) {
        bytes.append(UInt8(ascii: "i"))
        appendLength(Int(bitPattern: UInt(bitPattern: value)))
    }

    package mutating func append(_ digest: Digest) {
        bytes.append(UInt8(ascii: "d"))
        bytes.append(contentsOf: digest.hex.utf8)
    }

    /// Marks the start of a list of `count` items; the items follow.
    package mutating func beginList(count: Int) {
        bytes.append(UInt8(ascii: "l"))
        appendLength(count)
    }

    /// Marks an absent optional value, distinct from every present one.
    package mutating func appendAbsent() {
        bytes.append(UInt8(ascii: "n"))
    }

    /// A sorted name → digest map, as a list of pairs.
    package mutating func append(_ map: [String: Digest]) {
        beginList(count: map.count)
        for (name, digest) in map.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            append(name)
            append(digest)
        }
    }

    private mutating func appendLength(_ length: Int) {
        let value = UInt64(UInt(bitPattern: length))
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// The SHA-256 of the preimage.
    package func digest() -> Digest {
        Digest.sha256(of: bytes)
    }
}
