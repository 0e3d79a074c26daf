#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import ToetsModel
import ToetsStore

/// The Ed25519 key that signs statements and checkpoints. It lives in a file outside the
/// repository and the workspace that only its owner can read; it never enters an artefact, the
/// log, the index or a message: only its public key and key id do.
package struct SigningKey: Sendable {
    /// The first line of a key file; the second holds the 32-byte seed in base64.
    static let header = "toets-ed25519-signing-key v1"
    /// The variable naming a key file.
    package static let fileVariable = "TOETS_SIGNING_KEY_FILE"

    /// The 32-byte seed (swift-crypto's private key type is not `Sendable`; the bytes are).
    private let seed: [UInt8]
    package let publicKey: PublicKey

    init(_ key: Curve25519.Signing.PrivateKey) {
        seed = Array(key.rawRepresentation)
        publicKey = try! PublicKey(rawRepresentation: Array(key.publicKey.rawRepresentation))
    }

    private var key: Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// A new random key.
    package static func generate() -> SigningKey {
        SigningKey(Curve25519.Signing.PrivateKey())
    }

    /// Ed25519 over `message`.
    package func sign(_ message: [UInt8]) -> [UInt8] {
        // swift-crypto's Ed25519 signatures are deterministic (RFC 8032); it only throws for
        // an invalid key, which a loaded key is not.
        Array(try! key.signature(for: message))
    }

    /// The file text: a header line and the seed in base64.
    var fileText: String {
        Self.header + "\n" + Data(seed).base64EncodedString() + "\n"
    }

    /// Writes the key to a new file of mode 0600; refuses an existing file and a path inside a
    /// git work tree or a Toets workspace.
    package func write(to path: String) throws(ProvenanceError) {
        try Self.checkLocation(path, purpose: "write")
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .keyFile(path: path, problem: "exists already; keygen never overwrites a key. "
                                                + "Choose another path, or remove the old key if you mean to replace it") }
            throw .keyFile(path: path, problem: "cannot be created: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // The umask may have narrowed the mode further, never widened it; set it exactly.
        fchmod(fd, 0o600)
        let bytes = Array(fileText.utf8)
        do {
            try bytes.withUnsafeBytes { try FileSystem.writeAll(fd, $0, path: path) }
            try FileSystem.sync(fd, path: path)
        } catch {
            throw .keyFile(path: path, problem: "\(error)")
        }
    }

    /// Reads the key file at `path`, refusing one that group or others can read.
    package static func load(file path: String) throws(ProvenanceError) -> SigningKey {
        try checkLocation(path, purpose: "read")
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFile(path: path, problem: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .keyFile(path: path, problem: "has mode \(String(info.st_mode & 0o777, radix: 8)): group or others may "
                           + "read it. Run `chmod 600 \(path)`; keep the key outside the repository and the workspace")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path: path, problem: "cannot be read (no permission, or not a file)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        guard lines.count == 2, lines[0] == header, let seed = Data(base64Encoded: lines[1]), seed.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else {
            throw .keyFile(path: path, problem: "is not a Toets signing key (make one with `toets keygen --out FILE`)")
        }
        return SigningKey(key)
    }

    /// The key named by `path`, else by `$TOETS_SIGNING_KEY_FILE`; nil when neither is set.
    package static func resolve(file path: String?, environment: [String: String]) throws(ProvenanceError) -> SigningKey? {
        guard var path = path ?? environment[fileVariable].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        if path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst() }
        return try load(file: FileSystem.absolute(path))
    }

    /// Refuses a key path inside a git work tree (it would be one `git add` away from being
    /// published) or inside a Toets workspace.
    static func checkLocation(_ path: String, purpose: String) throws(ProvenanceError) {
        guard let problem = FileSystem.secretLocationProblem(path) else { return }
        throw .keyFile(path: path, problem: problem + "; keep signing keys outside every repository and workspace "
                       + "(e.g. ~/.config/toets/signing.key)")
    }
}

extension SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Only the key id: printing or dumping a key never shows its secret.
    package var description: String { "signing key \(publicKey.keyID)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["keyID": publicKey.keyID]) }
}

/// An Ed25519 public key that statements and checkpoints are checked against.
package struct PublicKey: Hashable, Sendable {
    package let raw: [UInt8]

    package init(rawRepresentation raw: [UInt8]) throws(ProvenanceError) {
        guard raw.count == 32 else { throw .publicKey(source: "raw bytes", problem: "has \(raw.count) bytes, not 32") }
        self.raw = raw
    }

    /// The key id: the hex SHA-256 of the 32 raw key bytes, which anyone can recompute with
    /// `base64 -d | sha256sum` (for interoperability, not domain-tagged like cache keys).
    package var keyID: String { Digest.sha256(of: raw).hex }

    package var base64: String { Data(raw).base64EncodedString() }

    package var hex: String { raw.map { String(format: "%02x", $0) }.joined() }

    /// The text of a `.pub` file.
    package var fileText: String { base64 + "\n" }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    package func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// A key given on the command line: a file holding it, or the key itself, in base64 or hex.
    package static func parse(_ given: String) throws(ProvenanceError) -> PublicKey {
        var text = given
        var source = "--trusted-key \(given)"
        if FileSystem.isRegularFile(given) {
            guard let data = FileManager.default.contents(atPath: given) else {
                throw .publicKey(source: given, problem: "cannot be read")
            }
            text = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty && !$0.hasPrefix("#") } ?? ""
            source = given
            if text == SigningKey.header {
                throw .publicKey(source: given, problem: "is a private signing key; give its public key (the .pub file "
                                 + "keygen wrote, or the base64 it printed)")
            }
        }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.utf8.count == 64, let bytes = hexBytes(text) { return try PublicKey(rawRepresentation: bytes) }
        if let data = Data(base64Encoded: text), data.count == 32 { return try PublicKey(rawRepresentation: Array(data)) }
        throw .publicKey(source: source, problem: "is neither a file nor an Ed25519 public key in base64 (44 characters) "
                         + "or hex (64 characters)")
    }
}

/// Bytes of a hexadecimal string; nil if it is not one.
func hexBytes(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count / 2)
    func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
    var index = 0
    while index < utf8.count {
        guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
        bytes.append(high << 4 | low)
        index += 2
    }
    return bytes
}
