import Crypto
import Foundation

/// A signed statement of the log's size and root hash, in the signed-note text form of
/// transparency logs (C2SP tlog-checkpoint and signed-note):
///
///     <origin>
///     <size>
///     <root hash, base64>
///
///     — <key name> <base64(4-byte key hash ‖ Ed25519 signature of the text above the blank line)>
///
/// An auditor who keeps one can later prove that the log still holds every entry it counted.
package struct Checkpoint: Sendable, Equatable {
    /// One signature line.
    package struct NoteSignature: Sendable, Equatable {
        package var name: String
        package var keyHash: [UInt8]
        package var signature: [UInt8]
    }

    package var origin: String
    package var size: Int
    package var root: [UInt8]
    /// Lines after the root that a signature also covers (none are written by Toets).
    package var extensions: [String] = []
    package var signatures: [NoteSignature] = []

    /// A checkpoint, signed with `key` when there is one.
    package init(origin: String, size: Int, root: [UInt8], signedWith key: SigningKey?) {
        self.origin = origin
        self.size = size
        self.root = root
        if let key {
            let name = Self.keyName(key.publicKey)
            signatures = [NoteSignature(name: name, keyHash: Self.keyHash(name: name, key: key.publicKey),
                                        signature: key.sign(Array(body.utf8)))]
        }
    }

    private init(origin: String, size: Int, root: [UInt8], extensions: [String], signatures: [NoteSignature]) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
        self.signatures = signatures
    }

    /// The signed text: origin, size, root and extension lines, each ending in a newline.
    package var body: String {
        ([origin, String(size), Data(root).base64EncodedString()] + extensions).map { $0 + "\n" }.joined()
    }

    /// The whole note; without signatures, the body alone (an unsigned checkpoint).
    package var text: String {
        guard !signatures.isEmpty else { return body }
        return body + "\n" + signatures.map {
            "\u{2014} \($0.name) " + Data($0.keyHash + $0.signature).base64EncodedString() + "\n"
        }.joined()
    }

    /// A key's name in signature lines: `toets-` and the first 16 characters of its key id.
    package static func keyName(_ key: PublicKey) -> String {
        "toets-" + key.keyID.prefix(16)
    }

    /// The signed-note key hash: the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key),
    /// 0x01 being the signature type of Ed25519.
    package static func keyHash(name: String, key: PublicKey) -> [UInt8] {
        Array(SHA256.hash(data: Array(name.utf8) + [0x0A, 0x01] + key.raw).prefix(4))
    }

    /// Parses a checkpoint; the problem names the line that is wrong.
    package static func parse(_ bytes: [UInt8], source: String) throws(ProvenanceError) -> Checkpoint {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .checkpoint(source: source, problem: "is not UTF-8 text")
        }
        guard text.hasSuffix("\n") else { throw .checkpoint(source: source, problem: "does not end with a newline") }
        let parts = text.components(separatedBy: "\n\n")
        guard parts.count <= 2 else { throw .checkpoint(source: source, problem: "has more than one blank line") }
        let bodyLines = parts[0].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .dropLast(parts.count == 1 ? 1 : 0)
        guard bodyLines.count >= 3 else { throw .checkpoint(source: source, problem: "needs origin, size and root on lines 1–3") }
        let lines = Array(bodyLines)
        guard !lines[0].isEmpty else { throw .checkpoint(source: source, problem: "line 1: the origin is empty") }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw .checkpoint(source: source, problem: "line 2: '\(lines[1])' is not a tree size")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == 32 else {
            throw .checkpoint(source: source, problem: "line 3: '\(lines[2])' is not a base64 SHA-256 root hash")
        }
        var signatures: [NoteSignature] = []
        if parts.count == 2 {
            let signatureLines = parts[1].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            for (offset, line) in signatureLines.enumerated() {
                let number = lines.count + 2 + offset
                let words = line.split(separator: " ", omittingEmptySubsequences: false)
                guard words.count == 3, words[0] == "\u{2014}", !words[1].isEmpty,
                      let blob = Data(base64Encoded: String(words[2])), blob.count == 4 + 64 else {
                    throw .checkpoint(source: source, problem: "line \(number) is not a signature line "
                                      + "('— NAME BASE64' with a 4-byte key hash and a 64-byte signature)")
                }
                signatures.append(NoteSignature(name: String(words[1]), keyHash: Array(blob.prefix(4)),
                                                signature: Array(blob.dropFirst(4))))
            }
        }
        return Checkpoint(origin: lines[0], size: size, root: Array(root), extensions: Array(lines.dropFirst(3)),
                          signatures: signatures)
    }

    /// What the signatures say, checked against `keys`.
    package func checkSignatures(_ keys: [PublicKey]) -> SignatureCheck {
        var check = SignatureCheck()
        let message = Array(body.utf8)
        for signature in signatures {
            guard let key = keys.first(where: {
                Self.keyName($0) == signature.name && Self.keyHash(name: signature.name, key: $0) == signature.keyHash
            }) else {
                check.unknownKeys.append(signature.name)
                continue
            }
            if key.isValidSignature(signature.signature, for: message) {
                check.validKeys.append(key.keyID)
            } else {
                check.invalidKeys.append(key.keyID)
            }
        }
        return check
    }
}

/// The outcome of checking an object's signatures against a set of keys.
package struct SignatureCheck: Sendable, Equatable {
    /// Key ids whose signature verifies.
    package var validKeys: [String] = []
    /// Key ids of known keys whose signature does not verify: the signed bytes or the signature changed.
    package var invalidKeys: [String] = []
    /// Names or ids of signers not among the keys.
    package var unknownKeys: [String] = []
}
