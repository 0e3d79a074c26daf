import Foundation

/// The ground-truth format (DESIGN.md "Formats"): CSV `account_id,label,campaign,annotator,confidence`,
/// one row per annotator and account, and an optional `coordination` column in which an annotator
/// who labels an account `none` may name the kind of legitimate coordination it takes part in.
package enum LabelsFile {
    /// The column naming a kind of legitimate coordination.
    package static let coordinationColumn = "coordination"

    /// The column giving the probability with which the account was drawn into the labelled
    /// sample (the sampling design): 1 for an account every such account is labelled, 0.3 for
    /// one of a group of which 30% were sampled. Optional; when one row gives it, all must.
    package static let inclusionProbabilityColumn = "inclusion_probability"

    /// An `inclusion_probability` field that is not a probability in (0, 1].
    /// The problem does not repeat the field, which could be a note about a person.
    package struct InclusionProblem: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String {
            "field \(LabelsFile.inclusionProbabilityColumn) is not a probability above 0 and at most 1 "
                + "(the chance the account was drawn into the labelled sample, such as 1 or 0.3)"
        }
    }

    /// The inclusion probability a field gives (surrounding spaces ignored), or nil when it is empty.
    package static func inclusionProbability(_ field: String) throws(InclusionProblem) -> Double? {
        let text = field.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        // A short plain decimal: nothing else (a name, a note) can pass this column.
        guard text.utf8.count <= 24, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2D }),
              let value = Double(text), value > 0, value <= 1 else {
            throw InclusionProblem()
        }
        return value
    }

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
