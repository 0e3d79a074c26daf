import ToetsAnonymise

/// One value a scanner reported, in the sample's terms.
package struct PIIPrediction: Equatable, Sendable {
    /// The kinds it may count as, most likely first: a scanner that only knows generic links
    /// reports a link that may be a profile link or an invite. A false positive is charged to
    /// the first.
    package var kinds: [PIIKind]
    package var range: Range<Int>

    package init(kinds: [PIIKind], range: Range<Int>) {
        self.kinds = kinds
        self.range = range
    }
}

/// Precision and recall of one scanner on a `PIISample`. The rule: a reported value is right
/// when it overlaps (shares at least one offset with) a gold span of one of its kinds in the same
/// text; a gold span is found when a reported value of its kind overlaps it.
package struct PIIScore: Sendable {
    package struct Counts: Equatable, Sendable {
        package var gold = 0
        package var found = 0
        package var reported = 0
        package var right = 0

        /// Right among reported; nil when nothing was reported.
        package var precision: Double? { reported == 0 ? nil : Double(right) / Double(reported) }
        /// Found among gold; nil when there is no gold.
        package var recall: Double? { gold == 0 ? nil : Double(found) / Double(gold) }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(gold: a.gold + b.gold, found: a.found + b.found, reported: a.reported + b.reported, right: a.right + b.right)
        }
    }

    package var byKind: [PIIKind: Counts] = [:]
    /// False positives by what they overlap: a near miss (its raw value), `other-kind` (a gold
    /// span of another kind), or `plain-text`.
    package var falsePositivesByCause: [String: Int] = [:]
    /// The first few missed gold values per kind, with their text.
    package var missExamples: [PIIKind: [(value: String, text: String)]] = [:]
    /// The first few false positives per kind, with their text.
    package var falsePositiveExamples: [PIIKind: [(value: String, text: String)]] = [:]

    /// The counts of `kind`, zero where it never occurred.
    package func counts(_ kind: PIIKind) -> Counts { byKind[kind] ?? Counts() }

    /// Counts summed over `kinds`.
    package func total(_ kinds: [PIIKind] = PIIKind.allCases) -> Counts {
        kinds.reduce(Counts()) { $0 + counts($1) }
    }
}

extension PIISample {
    /// Which offsets a scanner reports.
    package enum Offsets: Sendable {
        case bytes, characters
    }

    /// Scores `predictions` (one list per text, in sample order) against the gold spans.
    package func score(_ predictions: [[PIIPrediction]], offsets: Offsets, examples: Int = 5) -> PIIScore {
        precondition(predictions.count == texts.count, "one list of predictions per text")
        var score = PIIScore()
        func range(_ span: Span) -> Range<Int> { offsets == .bytes ? span.bytes : span.characters }
        func note(_ list: inout [PIIKind: [(value: String, text: String)]], _ kind: PIIKind, _ value: String, _ text: String) {
            if list[kind, default: []].count < examples { list[kind, default: []].append((value, text)) }
        }
        for (text, found) in zip(texts, predictions) {
            for gold in text.gold {
                score.byKind[gold.kind, default: .init()].gold += 1
                if found.contains(where: { $0.kinds.contains(gold.kind) && $0.range.overlaps(range(gold.span)) }) {
                    score.byKind[gold.kind, default: .init()].found += 1
                } else {
                    note(&score.missExamples, gold.kind, slice(text.text, range(gold.span), offsets), text.text)
                }
            }
            for prediction in found {
                if let gold = text.gold.first(where: { prediction.kinds.contains($0.kind) && prediction.range.overlaps(range($0.span)) }) {
                    score.byKind[gold.kind, default: .init()].reported += 1
                    score.byKind[gold.kind, default: .init()].right += 1
                    continue
                }
                let kind = prediction.kinds[0]
                score.byKind[kind, default: .init()].reported += 1
                let cause = text.decoys.first { prediction.range.overlaps(range($0.span)) }?.nearMiss.rawValue
                    ?? (text.gold.contains { prediction.range.overlaps(range($0.span)) } ? "other-kind" : "plain-text")
                score.falsePositivesByCause["\(kind.rawValue) on \(cause)", default: 0] += 1
                note(&score.falsePositiveExamples, kind, slice(text.text, prediction.range, offsets), text.text)
            }
        }
        return score
    }

    private func slice(_ text: String, _ range: Range<Int>, _ offsets: Offsets) -> String {
        switch offsets {
        case .bytes:
            String(decoding: Array(text.utf8)[range.clamped(to: 0..<text.utf8.count)], as: UTF8.self)
        case .characters:
            String(String.UnicodeScalarView(Array(text.unicodeScalars)[range.clamped(to: 0..<text.unicodeScalars.count)]))
        }
    }
}
