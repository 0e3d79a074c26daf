/// The lines `toets run` prints for an ingest stage: per archive what was read, quarantined,
/// skipped and refused, and which entries gave posts without a platform.
extension IngestReport {
    /// At most this many entries are named for posts without a platform; the report has all.
    static let consolePlatformNotes = 5

    package static func consoleLines(_ report: IngestReport) -> [String] {
        func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
            grouped(number) + " " + (number == 1 ? noun : plural ?? noun + "s")
        }
        var lines: [String] = []
        for (name, counts) in report.perArchive.sorted(by: { $0.key < $1.key }) {
            var text = name + ": " + count(counts.postsRead, "post")
            if counts.duplicatesDropped > 0 { text += " (\(grouped(counts.duplicatesDropped)) dropped as a copy of an earlier one)" }
            text += ", \(grouped(counts.quarantined)) quarantined, \(grouped(counts.entriesSkipped + counts.recordsSkipped)) skipped"
            let skipped = [counts.entriesSkipped > 0 ? count(counts.entriesSkipped, "entry", "entries") : nil,
                           counts.recordsSkipped > 0 ? count(counts.recordsSkipped, "record") : nil].compactMap { $0 }
            if !skipped.isEmpty { text += " (" + skipped.joined(separator: ", ") + ")" }
            lines.append(text + ", \(grouped(counts.entriesRefused)) refused")
        }
        for note in report.platformNotNamed.prefix(consolePlatformNotes) {
            let source = note.key == note.archive ? note.archive : note.archive + "/" + note.entry
            lines.append(count(note.posts, "post") + " from \(source) " + (note.posts == 1 ? "has" : "have")
                         + " platform unknown: \(note.format) does not name one; set it in the ingest stage with "
                         + "`platforms: {\(note.key): x}` (or telegram, tiktok, …)")
        }
        let more = report.platformNotNamed.count - consolePlatformNotes + (report.notListed?.platformNotes ?? 0)
        if more > 0 { lines.append("\(count(more, "more entry", "more entries")) with posts of platform unknown: see the report") }
        return lines
    }

    /// `1204` as `1,204`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}
