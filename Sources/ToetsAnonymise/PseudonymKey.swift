#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import ToetsModel

/// The secret of the keyed pseudonyms. It is read from a file only its owner can read, or from
/// the environment, and is never written to an artefact, a log, the index or a report: only its
/// key id (a digest) is.
package struct PseudonymKey: Sendable {
    /// The shortest key accepted, in bytes.
    package static let minimumBytes = 32

    /// The key material; never printed (the type has no description that shows it).
    private let bytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: bytes) }
    /// A digest of the key, safe to publish; it enters cache keys and names the pseudonyms.
    package let id: String

    /// Why a key was refused.
    package enum LoadError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case readableByOthers(path: String, mode: String)
        case tooShort(source: String, bytes: Int)
        case missing(variable: String)
        case notAbsolute(path: String)
        case none

        package var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "pseudonymisation key \(path) cannot be read: \(reason)"
            case .readableByOthers(let path, let mode):
                "pseudonymisation key \(path) has mode \(mode): group or others may read it. Run `chmod 600 \(path)`; "
                    + "keep the key outside the repository and outside the workspace."
            case .tooShort(let source, let bytes):
                "pseudonymisation key from \(source) has \(bytes) bytes; at least \(PseudonymKey.minimumBytes) are needed "
                    + "(e.g. `head -c 32 /dev/urandom > key; chmod 600 key`)."
            case .missing(let variable):
                "no pseudonymisation key: set \(variable) or give a key file"
            case .notAbsolute(let path):
                "pseudonymisation key file '\(path)' must be an absolute path or start with ~/: "
                    + "keep the key outside the repository and the workspace."
            case .none:
                "no pseudonymisation key: give key_file in the stage's with:, or set \(PseudonymKey.fileVariable) "
                    + "to a key file, or \(PseudonymKey.hexVariable) to the key in hexadecimal. Make a key with "
                    + "`head -c 32 /dev/urandom > ~/.toets-pseudonym.key; chmod 600 ~/.toets-pseudonym.key`."
            }
        }
    }

    package init(bytes: [UInt8], source: String) throws(LoadError) {
        guard bytes.count >= Self.minimumBytes else { throw .tooShort(source: source, bytes: bytes.count) }
        self.bytes = bytes
        var preimage = CanonicalPreimage(domain: "toets/pseudonym-key-id", version: 1)
        preimage.append(Digest.sha256(of: bytes))
        id = "k" + preimage.digest().hex.prefix(10)
    }

    /// The variable naming a key file.
    package static let fileVariable = "TOETS_PSEUDONYM_KEY_FILE"
    /// The variable holding a key in hexadecimal.
    package static let hexVariable = "TOETS_PSEUDONYM_KEY"

    /// The key a stage works under: from `file` (absolute, or `~/…`), else the file in
    /// `$TOETS_PSEUDONYM_KEY_FILE`, else the hex key in `$TOETS_PSEUDONYM_KEY`.
    package static func resolve(file: String?, environment: [String: String]) throws(LoadError) -> PseudonymKey {
        if let path = filePath(file: file, environment: environment) {
            guard path.hasPrefix("/") else { throw .notAbsolute(path: path) }
            return try load(file: path)
        }
        guard environment[hexVariable]?.isEmpty == false else { throw .none }
        return try load(environment: hexVariable, from: environment)
    }

    /// The key file `resolve` reads (`~/` expanded), if the key comes from a file.
    package static func filePath(file: String?, environment: [String: String]) -> String? {
        guard var path = file ?? environment[fileVariable].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        if path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst() }
        return path
    }

    /// Reads the key file at `path`, refusing one that group or others can read.
    package static func load(file path: String) throws(LoadError) -> PseudonymKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .readableByOthers(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "no permission or not a file")
        }
        return try PseudonymKey(bytes: [UInt8](data), source: path)
    }

    /// Reads the key from an environment variable holding it as hexadecimal text.
    package static func load(environment variable: String, from environment: [String: String]) throws(LoadError) -> PseudonymKey {
        guard let text = environment[variable], !text.isEmpty else { throw .missing(variable: variable) }
        var bytes: [UInt8] = []
        var characters = Array(text.utf8)[...]
        while characters.count >= 2, let byte = UInt8(String(decoding: characters.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(byte)
            characters = characters.dropFirst(2)
        }
        guard characters.isEmpty else { throw .unreadable(path: "$" + variable, reason: "not hexadecimal") }
        return try PseudonymKey(bytes: bytes, source: "$" + variable)
    }
}

extension PseudonymKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Only the key id: printing, logging or dumping a key never shows its bytes.
    package var description: String { "pseudonymisation key \(id)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["id": id]) }
}
