/// The ground-truth format (DESIGN.md "Formats"): CSV `account_id,label,campaign,annotator,confidence`,
/// one row per annotator and account, and an optional `coordination` column in which an annotator
/// who labels an account `none` may name the kind of legitimate coordination it takes part in.
package enum LabelsFile {
    /// The column naming a kind of legitimate coordination.
    package static let coordinationColumn = "coordination"

    /// The kinds a `coordination` field may name: a closed list, so that the column can carry
    /// nothing else (a name, a note) past the anonymise stage. `other` for any other kind.
    package static let kinds = ["news_syndication", "volunteers", "fans", "events", "official_campaign", "other"]

    /// A `coordination` field that is not a kind.
    package struct CoordinationProblem: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String {
            "field \(LabelsFile.coordinationColumn) is not a kind of legitimate coordination: write one of "
                + LabelsFile.kinds.joined(separator: ", ") + " (other for any other kind), or leave it empty"
        }
    }

    /// The kind a `coordination` field names (surrounding spaces ignored), or nil when it is empty.
    ///
    /// Kinds come from a closed list, so that the column can never carry a note or a name past
    /// the anonymise stage into the results. The problem does not repeat the field: a field that
    /// breaks the rule may be the very personal data it keeps out of logs.
    package static func coordinationKind(_ field: String) throws(CoordinationProblem) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        let bytes = Array(field.utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return nil
        }
        let kind = String(decoding: bytes[first...last], as: UTF8.self)
        guard kinds.contains(kind) else { throw CoordinationProblem() }
        return kind
    }
}
