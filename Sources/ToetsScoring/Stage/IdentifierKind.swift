/// What kind of account ids an artefact holds: pseudonyms made under one key, or raw ids.
///
/// Pseudonyms look like `p1.<key id>.<…>` (`Pseudonymizer`). Pseudonyms made under different
/// keys never match, and neither do a pseudonym and a raw id, so joining such artefacts would
/// silently score every account as missing; the stage refuses instead.
package enum IdentifierKind: Hashable, Sendable, CustomStringConvertible {
    case pseudonyms(keyID: String)
    case raw

    /// The kind of one id.
    package init(_ id: String) {
        let parts = id.utf8.split(separator: UInt8(ascii: "."), maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, id.hasPrefix("p1."), !parts[1].isEmpty, !parts[2].isEmpty {
            self = .pseudonyms(keyID: String(decoding: parts[1], as: UTF8.self))
        } else {
            self = .raw
        }
    }

    package var description: String {
        switch self {
        case .pseudonyms(let keyID): "pseudonyms made under key \(keyID)"
        case .raw: "raw account ids"
        }
    }

    /// Refuses artefacts that mix kinds, and any artefact whose kind differs from the first's
    /// (the labels). Artefacts without ids say nothing and pass.
    package static func check(_ artefacts: [(name: String, ids: [String])]) throws(ScoreError) {
        var reference: (name: String, kind: IdentifierKind)?
        for (name, ids) in artefacts {
            var kinds: Set<IdentifierKind> = []
            for id in ids { kinds.insert(IdentifierKind(id)) }
            guard kinds.count <= 1 else {
                throw .mixedIdentifiers(artefact: name, kinds: kinds.map(\.description).sorted())
            }
            guard let kind = kinds.first else { continue }
            guard let reference else {
                reference = (name, kind)
                continue
            }
            if kind != reference.kind {
                throw .identifierMismatch(first: reference.name, firstKind: reference.kind.description,
                                          second: name, secondKind: kind.description)
            }
        }
    }
}
