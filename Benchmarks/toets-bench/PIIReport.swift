import Foundation
import ToetsAnonymise
import ToetsDemoWorld

/// The precision and recall table of the PII benchmark, with the causes of false positives and
/// examples of what each scanner missed or reported wrongly.
struct PIIReport {
    var toets: PIIScore
    var presidio: PIIScore
    var presidioRecognizers: [String]
    var examples: Int

    /// The kinds Presidio has a recognizer for (see scripts/bench/presidio_pii.py).
    static let presidioKinds: [PIIKind] = [.email, .phone, .iban, .profileURL, .invite]

    func print() {
        let uncovered = PIIKind.allCases.filter { !Self.presidioKinds.contains($0) }
        Swift.print("""

            Match rule: a reported value is right when it has the same kind as a gold span in the same text and
            overlaps it (at least one shared byte; Presidio: character); a gold span is found when a reported
            value of its kind overlaps it. Precision = right / reported, recall = found / gold.
            Presidio runs \(presidioRecognizers.joined(separator: ", ")); its URL counts as profile-url or invite,
            whichever gold span it overlaps, else as a false profile-url. Presidio has no recognizer for
            \(uncovered.map(\.rawValue).joined(separator: ", ")): those gold spans count as its misses.

            """)
        Swift.print(row("kind", "gold", "Toets reported", "precision", "recall", "Presidio reported", "precision", "recall"))
        for kind in PIIKind.allCases { Swift.print(row(kind.rawValue, toets.counts(kind), presidio.counts(kind))) }
        Swift.print(row("all kinds", toets.total(), presidio.total()))
        Swift.print(row("Presidio's kinds", toets.total(Self.presidioKinds), presidio.total(Self.presidioKinds)))
        for (name, score, skipping) in [("Toets", toets, []), ("Presidio", presidio, uncovered)] {
            let causes = score.falsePositivesByCause.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            Swift.print("\n\(name) false positives by what they overlap: "
                + (causes.isEmpty ? "none" : causes.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            examples("missed", score.missExamples, skipping: skipping)
            examples("reported wrongly", score.falsePositiveExamples)
        }
    }

    /// Up to `examples` examples per kind, leaving out `skipping` (kinds a scanner cannot report).
    private func examples(_ what: String, _ list: [PIIKind: [(value: String, text: String)]], skipping: [PIIKind] = []) {
        for kind in PIIKind.allCases where !skipping.contains(kind) {
            guard let shown = list[kind], !shown.isEmpty else { continue }
            Swift.print("  \(what) \(kind.rawValue): " + shown.prefix(examples).map { example in
                "«\(example.value)» in “\(Self.context(of: example.value, in: example.text))”"
            }.joined(separator: "; "))
        }
    }

    /// Up to 40 characters either side of the first occurrence of `value`, on one line.
    static func context(of value: String, in text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        guard let range = oneLine.range(of: value) else { return oneLine }
        let start = oneLine.index(range.lowerBound, offsetBy: -40, limitedBy: oneLine.startIndex) ?? oneLine.startIndex
        let end = oneLine.index(range.upperBound, offsetBy: 40, limitedBy: oneLine.endIndex) ?? oneLine.endIndex
        return (start == oneLine.startIndex ? "" : "…") + oneLine[start..<end] + (end == oneLine.endIndex ? "" : "…")
    }

    private func row(_ kind: String, _ toets: PIIScore.Counts, _ presidio: PIIScore.Counts) -> String {
        func rate(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "—" }
        return row(kind, String(toets.gold), String(toets.reported), rate(toets.precision), rate(toets.recall),
                   String(presidio.reported), rate(presidio.precision), rate(presidio.recall))
    }

    private func row(_ columns: String...) -> String {
        let widths = [18, 8, 16, 10, 8, 19, 10, 8]
        return zip(columns, widths).enumerated().map { index, pair in
            index == 0 ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined()
    }
}
