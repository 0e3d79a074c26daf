import Foundation
import ToetsModel

/// Reads what an external command says about its progress, while it runs: the last report line
/// in its progress file (`$TOETS_PROGRESS_FILE`, in its working folder) or else on its standard
/// error. A report is a line
///
///     toets-progress DONE[/TOTAL] [UNIT [PHASE…]]
///
/// such as `toets-progress 1200/5000 accounts scoring pairs` (`?` for a total not known yet),
/// ended by a newline. The command cannot use the file to reach anything else: it is opened
/// without following a link, read only if it is a regular file, and only its last 8 KiB are
/// looked at; what a report says is only shown, cleaned of anything a terminal would act on.
struct CommandProgress: Sendable {
    /// The progress file's name in the command's working folder.
    static let fileName = ".toets-progress"
    /// The word a report line starts with.
    static let marker = "toets-progress "
    /// How much of the end of each file is read.
    static let tailBytes = 8 << 10

    let standardError: String
    let file: String

    /// The latest report, from the progress file if it holds one, else from standard error.
    func read() -> ProgressSnapshot? {
        for path in [file, standardError] {
            if let tail = Self.tail(of: path), let report = Self.lastReport(in: tail) { return report }
        }
        return nil
    }

    /// The last complete report line in `bytes`, if any.
    static func lastReport(in bytes: [UInt8]) -> ProgressSnapshot? {
        guard let end = bytes.lastIndex(of: 0x0A) else { return nil }
        for line in bytes[..<end].split(separator: 0x0A, omittingEmptySubsequences: true).reversed() {
            if let report = parse(String(decoding: line, as: UTF8.self)) { return report }
        }
        return nil
    }

    /// A report line, or nil if `line` is not one.
    static func parse(_ line: String) -> ProgressSnapshot? {
        guard line.hasPrefix(marker) else { return nil }
        let words = line.dropFirst(marker.count).split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard let counts = words.first else { return nil }
        let parts = counts.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let done = count(parts[0]) else { return nil }
        var total: Int64?
        if parts.count == 2 && parts[1] != "?" {
            guard let known = count(parts[1]) else { return nil }
            total = known
        }
        let unit = words.count > 1 ? String(words[1].filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            .prefix(24)) : ""
        let phase = words.count > 2 ? shown(words[2]) : ""
        return ProgressSnapshot(phase: phase, unit: unit, done: done, total: total)
    }

    /// A non-negative count of at most 18 digits.
    private static func count(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }

    /// Text a command wrote, safe to show: no control or formatting characters (escape
    /// sequences, bidirectional overrides), at most 60 characters.
    static func shown(_ text: Substring) -> String {
        let kept = text.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: false
            default: true
            }
        }
        return String(String.UnicodeScalarView(kept).prefix(60)).trimmingCharacters(in: .whitespaces)
    }

    /// The last `tailBytes` of the regular file at `path`, never following a link nor waiting on
    /// a pipe; nil if there is no such file.
    static func tail(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else { return nil }
        let count = Int(min(Int64(status.st_size), Int64(tailBytes)))
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(status.st_size) - off_t(count)) }
        return read > 0 ? Array(bytes.prefix(read)) : nil
    }
}
