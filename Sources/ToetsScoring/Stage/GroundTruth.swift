import ToetsModel

/// How the annotators' labels of one account make its ground truth.
package enum LabelRule: String, Sendable, CaseIterable {
    /// Campaign when more annotators say campaign than none, not when fewer; a tie is undecided.
    case majority
    /// Campaign only when every annotator of the account says so.
    case all
    /// Campaign when any annotator says so.
    case any
}

/// One row of a ground-truth CSV (`account_id,label,campaign,annotator,confidence` and an
/// optional `coordination`).
package struct LabelRow: Sendable, Hashable {
    package var account: String
    package var isCampaign: Bool
    /// The campaign id when `isCampaign`; nil when none was given.
    package var campaign: String?
    package var annotator: String
    package var confidence: Double?
    /// The kind of legitimate coordination the annotator names, for a row labelled none.
    package var coordination: String?
    /// The probability the account was drawn into the labelled sample (the sampling design).
    package var inclusionProbability: Double?

    package init(account: String, isCampaign: Bool, campaign: String?, annotator: String, confidence: Double? = nil,
                 coordination: String? = nil, inclusionProbability: Double? = nil) {
        self.inclusionProbability = inclusionProbability
        self.account = account
        self.isCampaign = isCampaign
        self.campaign = campaign
        self.annotator = annotator
        self.confidence = confidence
        self.coordination = coordination
    }
}

/// An account's truth under a label rule.
package struct DecidedLabel: Sendable, Hashable {
    package var isCampaign: Bool
    /// For a campaign account, the campaign most of its campaign votes name (ties: the first in
    /// byte order); nil when none named one.
    package var campaign: String?
    /// For any other account, the kind of legitimate coordination most of its `none` votes name
    /// (ties: the first in byte order); nil when none named one.
    package var coordination: String?
    /// The probability the account was drawn into the labelled sample; nil without a design.
    package var inclusionProbability: Double? = nil
}

/// The ground truth: the annotators' rows, and what they decide under a rule.
package struct GroundTruth: Sendable {
    package static let columns = ["account_id", "label", "campaign", "annotator", "confidence"]

    package var rows: [LabelRow]

    package init(rows: [LabelRow]) {
        self.rows = rows
    }

    /// Reads a labels CSV; `file` names it in messages. Columns may come in any order; other
    /// columns are ignored; `confidence` and `coordination` may be missing or empty.
    package static func parse(_ bytes: [UInt8], file: String) throws(ScoreError) -> GroundTruth {
        let records: [(fields: [String], line: Int)]
        do {
            records = try CSVScanner().numberedRecords(bytes)
        } catch {
            throw ScoreError.badLabels(file: file, line: error.line, problem: error.problem)
        }
        guard let header = records.first?.fields else {
            throw ScoreError.badLabels(file: file, line: 1, problem: "empty; expected the header " + columns.joined(separator: ","))
        }
        let names = header.map { $0.trimmedSpaces.lowercased() }
        var column: [String: Int] = [:]
        for name in columns.prefix(4) {
            guard let index = names.firstIndex(of: name) else {
                throw ScoreError.badLabels(file: file, line: 1, problem: "no \(name) column; the header is "
                    + header.joined(separator: ",") + " and labels need " + columns.joined(separator: ","))
            }
            column[name] = index
        }
        let confidenceColumn = names.firstIndex(of: "confidence")
        let coordinationColumn = names.firstIndex(of: LabelsFile.coordinationColumn)
        let inclusionColumn = names.firstIndex(of: LabelsFile.inclusionProbabilityColumn)
        var rows: [LabelRow] = []
        // The design is a property of the account: every row of it must give the same probability.
        var design: [String: (probability: Double, line: Int)] = [:]
        for (record, line) in records.dropFirst() where !(record.count == 1 && record[0].isEmpty) {
            guard record.count == header.count else {
                throw ScoreError.badLabels(file: file, line: line, problem: "\(record.count) fields, but the header has \(header.count)")
            }
            let account = record[column["account_id"]!].trimmedSpaces
            guard !account.isEmpty else { throw ScoreError.badLabels(file: file, line: line, problem: "account_id is empty") }
            let isCampaign: Bool
            switch record[column["label"]!].trimmedSpaces.lowercased() {
            case "campaign": isCampaign = true
            case "none": isCampaign = false
            case let other:
                throw ScoreError.badLabels(file: file, line: line, problem: "label '\(other)' is neither campaign nor none")
            }
            let annotator = record[column["annotator"]!].trimmedSpaces
            guard !annotator.isEmpty else { throw ScoreError.badLabels(file: file, line: line, problem: "annotator is empty") }
            let campaign = record[column["campaign"]!].trimmedSpaces
            var confidence: Double?
            if let confidenceColumn, !record[confidenceColumn].isEmpty {
                guard let value = Double(record[confidenceColumn]), (0...1).contains(value) else {
                    throw ScoreError.badLabels(file: file, line: line,
                                               problem: "confidence '\(record[confidenceColumn])' is not a number in [0, 1]")
                }
                confidence = value
            }
            var coordination: String?
            if let coordinationColumn {
                do {
                    coordination = try LabelsFile.coordinationKind(record[coordinationColumn])
                } catch {
                    throw ScoreError.badLabels(file: file, line: line, problem: error.description)
                }
                if isCampaign && coordination != nil {
                    throw ScoreError.badLabels(file: file, line: line, problem: "field coordination names legitimate "
                        + "coordination, but the label is campaign: leave it empty, or label the account none")
                }
            }
            var inclusion: Double?
            if let inclusionColumn {
                do {
                    inclusion = try LabelsFile.inclusionProbability(record[inclusionColumn])
                } catch {
                    throw ScoreError.badLabels(file: file, line: line, problem: error.description)
                }
                guard let inclusion else {
                    throw ScoreError.badLabels(file: file, line: line, problem: "field inclusion_probability is empty; "
                        + "with a sampling design every row gives its account's probability of being in the sample")
                }
                if let earlier = design[account], earlier.probability != inclusion {
                    throw ScoreError.badLabels(file: file, line: line, problem: "inclusion_probability \(DetectionsFile.formatNumber(inclusion)) "
                        + "differs from \(DetectionsFile.formatNumber(earlier.probability)) on line \(earlier.line) for the same "
                        + "account: an account is drawn into the sample once")
                }
                design[account] = (inclusion, line)
            }
            rows.append(LabelRow(account: account, isCampaign: isCampaign,
                                 campaign: isCampaign && !campaign.isEmpty ? campaign : nil,
                                 annotator: annotator, confidence: confidence, coordination: coordination,
                                 inclusionProbability: inclusion))
        }
        return GroundTruth(rows: rows)
    }

    /// Every labelled account's truth under `rule`, and the accounts the rule leaves undecided
    /// (a majority tie). An annotator who labels an account twice counts once, with the later row.
    package func decide(_ rule: LabelRule) -> (labels: [String: DecidedLabel], undecided: Set<String>) {
        var votes: [String: [String: LabelRow]] = [:]
        for row in rows { votes[row.account, default: [:]][row.annotator] = row }
        var labels: [String: DecidedLabel] = [:]
        var undecided: Set<String> = []
        for (account, byAnnotator) in votes {
            let yes = byAnnotator.values.count { $0.isCampaign }, no = byAnnotator.count - yes
            let isCampaign: Bool? = switch rule {
            case .majority: yes > no ? true : (yes < no ? false : nil)
            case .all: no == 0
            case .any: yes > 0
            }
            guard let isCampaign else {
                undecided.insert(account)
                continue
            }
            // A campaign account's campaign comes from its campaign votes, any other account's kind
            // of coordination from its none votes; a vote that names nothing does not count.
            let agreeing = byAnnotator.values.filter { $0.isCampaign == isCampaign }
            let named = Self.mostNamed(agreeing.compactMap { isCampaign ? $0.campaign : $0.coordination })
            labels[account] = DecidedLabel(isCampaign: isCampaign, campaign: isCampaign ? named : nil,
                                           coordination: isCampaign ? nil : named,
                                           inclusionProbability: byAnnotator.values.first?.inclusionProbability)
        }
        return (labels, undecided)
    }

    /// The value named most often (ties: the first in byte order); nil for none.
    private static func mostNamed(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : b.key.utf8.lexicographicallyPrecedes(a.key.utf8) }?.key
    }

    /// Whether the labels carry a sampling design (an inclusion probability per account).
    package var hasDesign: Bool { rows.first?.inclusionProbability != nil }

    /// Sorted distinct annotators.
    package var annotators: [String] { Set(rows.map(\.annotator)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
}

extension String {
    /// Without leading and trailing spaces and tabs; the string itself when it has none, which
    /// is almost always (Foundation's trimming costs a bridge per field).
    var trimmedSpaces: String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        let bytes = Array(utf8)
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.count
        let end = (bytes.lastIndex { !isSpace($0) } ?? -1) + 1
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}
