/// Figures said as natural frequencies ("of every 100 accounts it flags, about N belong to a
/// campaign"), which non-experts read correctly far more often than percentages or
/// probabilities (Gigerenzer and Hoffrage 1995; Binder et al. 2018).
enum NaturalFrequency {
    /// Three sentences for a method: precision per 100 flagged, recall per 100 campaign accounts,
    /// false positives per 1000 legitimate accounts, each with its interval when there is one.
    /// With a sampling design the design-weighted estimates, said so: the sample's own figures
    /// would speak of the labelled accounts, not of the accounts a method would meet.
    static func sentences(for method: MethodFacts) -> [Bilingual] {
        (method.population == nil ? [] : [DecisionText.frequencyEstimated.text]) + [
            sentence(KlankbordText.frequencyPrecision, method.statedPrecision, base: 100, method: method.name),
            sentence(KlankbordText.frequencyRecall, method.statedRecall, base: 100, method: method.name),
            sentence(KlankbordText.frequencyFalsePositives, method.statedFalsePositiveRate, base: 1000, method: method.name),
        ]
    }

    static func sentence(_ key: KlankbordText, _ estimate: Estimate, base: Int, method: String) -> Bilingual {
        guard estimate.value != nil else {
            return KlankbordText.frequencyUndefined.filled([
                "method": Bilingual(both: method),
                "reason": estimate.note.map { note in ResultNote(rawValue: note.replacingOccurrences(of: " ", with: "-"))?.text
                    ?? Bilingual(both: note) } ?? ChartWords.notDefined.text,
            ])
        }
        return key.filled([
            "method": Bilingual(both: method),
            "n": count(estimate.value, base: base),
            "interval": interval(estimate, base: base),
        ])
    }

    /// The interval clause, or nothing when a bound is missing.
    static func interval(_ estimate: Estimate, base: Int) -> Bilingual {
        guard estimate.hasInterval else { return Bilingual(both: "") }
        return KlankbordText.frequencyInterval.filled(["low": count(estimate.lower, base: base),
                                                       "high": count(estimate.upper, base: base)])
    }

    static func count(_ value: Double?, base: Int) -> Bilingual {
        Bilingual(en: Language.en.numbers.perBase(value, base: base), nl: Language.nl.numbers.perBase(value, base: base))
    }
}
