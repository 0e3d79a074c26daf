import ToetsModel

/// Pseudonymises ground-truth labels (`account_id,label,campaign,annotator,confidence` and an
/// optional `coordination` and `inclusion_probability`) with the key the posts were pseudonymised with, so that scoring
/// joins on pseudonyms.
package enum LabelsAnonymiser {
    /// The columns passed on; any other column (notes, names) is dropped, since free text
    /// about accounts is personal data. `coordination` passes only as a kind of the controlled
    /// vocabulary (`LabelsFile.coordinationKind`), never as free text.
    package static let columns = ["account_id", "label", "campaign", "annotator", "confidence", LabelsFile.coordinationColumn,
                                  LabelsFile.inclusionProbabilityColumn]

    /// A labels file that cannot be read.
    package struct Problem: Error, CustomStringConvertible {
        package var file: String
        package var line: Int
        package var problem: String
        package var description: String { "\(file) line \(line): \(problem)" }
    }

    package struct Result {
        package var csv: [UInt8]
        package var rows: Int
        package var accounts: Int
        package var droppedColumns: [String]
    }

    /// `text` is the labels CSV named `file` (for messages); `platform` is used for account ids
    /// without a namespace.
    package static func anonymise(_ text: String, file: String, pseudonyms: Pseudonymizer,
                                  platform: String = "unknown") throws(Problem) -> Result {
        let records: [(fields: [String], line: Int)]
        do {
            records = try CSVScanner().numberedRecords(Array(text.utf8))
        } catch {
            throw Problem(file: file, line: error.line, problem: error.problem)
        }
        guard let header = records.first?.fields else { throw Problem(file: file, line: 1, problem: "empty file; expected a header") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let accountColumn = names.firstIndex(of: "account_id") else {
            throw Problem(file: file, line: 1, problem: "no account_id column; the header is \(header.joined(separator: ","))"
                + " and labels need " + columns.joined(separator: ","))
        }
        let kept = columns.compactMap { name in names.firstIndex(of: name).map { (name, $0) } }
        var out = kept.map(\.0).joined(separator: ",") + "\n"
        var accounts: Set<String> = []
        var rows = 0
        for (record, line) in records.dropFirst() where !(record.count == 1 && record[0].isEmpty) {
            guard record.count == header.count else {
                throw Problem(file: file, line: line, problem: "\(record.count) fields, but the header has \(header.count)")
            }
            let account = record[accountColumn].trimmingCharacters(in: .whitespaces)
            guard !account.isEmpty else { throw Problem(file: file, line: line, problem: "field account_id is empty") }
            if account.hasPrefix("p1.") {
                throw Problem(file: file, line: line, problem: "account_id is already a pseudonym; anonymise reads raw labels")
            }
            let pseudonym = pseudonyms.pseudonym(.account, platform: PostAnonymiser.platform(of: account, fallback: platform), account)
            accounts.insert(pseudonym)
            var fields: [String] = []
            for (name, column) in kept {
                switch name {
                case "account_id":
                    fields.append(pseudonym)
                case LabelsFile.coordinationColumn:
                    do {
                        fields.append(try LabelsFile.coordinationKind(record[column]) ?? "")
                    } catch {
                        throw Problem(file: file, line: line, problem: error.description)
                    }
                case LabelsFile.inclusionProbabilityColumn:
                    // The sampling design passes as a number only, never as free text.
                    do {
                        fields.append(try LabelsFile.inclusionProbability(record[column]).map(DetectionsFile.formatNumber) ?? "")
                    } catch {
                        throw Problem(file: file, line: line, problem: error.description)
                    }
                default:
                    fields.append(record[column])
                }
            }
            out += fields.map(CSVScanner.field).joined(separator: ",") + "\n"
            rows += 1
        }
        let dropped = header.indices.filter { !columns.contains(names[$0]) }.map { header[$0] }
        return Result(csv: Array(out.utf8), rows: rows, accounts: accounts.count, droppedColumns: dropped)
    }
}
