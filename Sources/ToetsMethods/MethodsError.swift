/// What stops a built-in method: input it cannot read.
package enum MethodsError: Error, Sendable, CustomStringConvertible {
    /// A shares table is malformed: `source` names the file, `line` is 1-based (1 = header).
    case invalidShares(source: String, line: Int, reason: String)
    /// CNT's input CSV is malformed: `line` is 1-based (1 = header).
    case invalidCNTInput(source: String, line: Int, reason: String)

    package var description: String {
        switch self {
        case .invalidShares(let source, let line, let reason):
            return "\(source), line \(line): \(reason). A shares table is CSV with the columns "
                + "object_id, account_id, content_id and timestamp_share (integer epoch seconds)."
        case .invalidCNTInput(let source, let line, let reason):
            return "\(source), line \(line): \(reason). CNT's input is UTF-8 CSV with the columns "
                + CoActionInput.cntColumns.joined(separator: ", ") + " (timestamp in whole seconds, urls separated by spaces)."
        }
    }
}
