/// What every method emits (DESIGN.md "Formats"): CSV `account_id,score,flagged,group`, one row
/// per account the method saw, with a score for ranking, its flag at the method's declared
/// operating point, and the group of a flagged account (empty when none).
package struct Detection: Hashable, Sendable {
    package var accountID: String
    package var score: Double
    package var flagged: Bool
    package var group: String?

    package init(accountID: String, score: Double, flagged: Bool, group: String? = nil) {
        self.accountID = accountID
        self.score = score
        self.flagged = flagged
        self.group = group
    }
}

/// Reads and writes detections files, and says exactly where one is wrong.
package enum DetectionsFile {
    package static let columns = ["account_id", "score", "flagged", "group"]

    /// A detections file that breaks the format: which file, line and field, and what to do.
    package struct Problem: Error, Sendable, CustomStringConvertible, Equatable {
        package var file: String
        package var line: Int
        package var field: String?
        package var problem: String

        package var description: String {
            "\(file) line \(line)" + (field.map { ", field \($0)" } ?? "") + ": \(problem)"
        }
    }

    /// Parses `bytes`; `file` names it in messages. Extra columns after the four are allowed and
    /// ignored; rows must name each account once.
    package static func parse(_ bytes: [UInt8], file: String) throws(Problem) -> [Detection] {
        let records: [(fields: [String], line: Int)]
        do {
            records = try CSVScanner().numberedRecords(bytes)
        } catch {
            throw Problem(file: file, line: error.line, field: nil, problem: error.problem)
        }
        var detections: [Detection] = []
        var seen: [String: Int] = [:]
        let header = records.first?.fields ?? []
        if !header.isEmpty, Array(header.prefix(4)) != columns {
            throw Problem(file: file, line: 1, field: nil, problem: "the header is "
                + "\(header.joined(separator: ",")); detections start with " + columns.joined(separator: ","))
        }
        for (fields, line) in records.dropFirst() where fields != [""] {
            let detection = try detection(fields, header: header, file: file, line: line)
            if let first = seen.updateValue(line, forKey: detection.accountID) {
                throw Problem(file: file, line: line, field: "account_id",
                              problem: "account \(detection.accountID) again (first on line \(first)); one row per account")
            }
            detections.append(detection)
        }
        guard !header.isEmpty else {
            throw Problem(file: file, line: 1, field: nil, problem: "empty; expected the header " + columns.joined(separator: ","))
        }
        return detections
    }

    private static func detection(_ fields: [String], header: [String], file: String, line: Int) throws(Problem) -> Detection {
        guard fields.count == header.count else {
            throw Problem(file: file, line: line, field: nil, problem: "\(fields.count) fields, but the header has \(header.count)")
        }
        guard !fields[0].isEmpty else { throw Problem(file: file, line: line, field: "account_id", problem: "empty") }
        guard let score = Double(fields[1]), score.isFinite else {
            throw Problem(file: file, line: line, field: "score", problem: "'\(fields[1])' is not a finite number")
        }
        let flagged: Bool
        switch fields[2].lowercased() {
        case "true", "1": flagged = true
        case "false", "0": flagged = false
        default: throw Problem(file: file, line: line, field: "flagged", problem: "'\(fields[2])' is not true or false")
        }
        if !flagged && !fields[3].isEmpty {
            throw Problem(file: file, line: line, field: "group", problem: "an account that is not flagged has no group")
        }
        return Detection(accountID: fields[0], score: score, flagged: flagged, group: fields[3].isEmpty ? nil : fields[3])
    }

    /// The canonical bytes: sorted by account id, scores in their shortest exact decimal form.
    package static func write(_ detections: [Detection]) -> [UInt8] {
        var out = Array((columns.joined(separator: ",") + "\n").utf8)
        out.reserveCapacity(out.count + detections.count * 48)
        for detection in detections.sorted(by: { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }) {
            CSVScanner.appendField(detection.accountID, to: &out)
            out.append(UInt8(ascii: ","))
            appendNumber(detection.score, to: &out)
            out.append(contentsOf: detection.flagged ? Self.trueField : Self.falseField)
            CSVScanner.appendField(detection.group ?? "", to: &out)
            out.append(0x0A)
        }
        return out
    }

    private static let trueField = Array(",true,".utf8), falseField = Array(",false,".utf8)

    /// Integers without a fraction, others in Swift's shortest round-trip form.
    package static func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// Appends the bytes of `formatNumber(value)` to `out`; integers without making a string.
    package static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value == value.rounded() && abs(value) < 1e15 else { return out.append(contentsOf: "\(value)".utf8) }
        appendInteger(Int64(value), to: &out)
    }

    /// Appends the decimal digits of `value` (with a minus sign if negative), as `String(value)` has them.
    package static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[first...].reverse()
    }
}
