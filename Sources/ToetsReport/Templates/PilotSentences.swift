/// The sentences about the pilot itself, for the klankbord report and the Kamerbrief alike: who
/// delivered which method, whether the data are simulated, and what the pilot cannot say.
/// Each follows from `ReportInput` alone (the declarations and the run's figures), so no
/// document claims more than the run supports, in either language.
enum PilotSentences {
    /// A sentence and the figures it states, each with where it comes from (in Dutch, as the
    /// Kamerbrief's "Herkomst van de getallen" names sources).
    struct Claim: Sendable {
        var text: Bilingual
        var figures: [(shown: Bilingual, source: String)]
    }

    /// Krippendorff's minimum for tentative conclusions, and for firm ones (Krippendorff 2004, §11.4).
    static let tentativeAgreement = 0.667
    static let firmAgreement = 0.8

    static func integer(_ value: Int) -> Bilingual {
        Bilingual(en: Language.en.numbers.integer(value), nl: Language.nl.numbers.integer(value))
    }

    static func decimal(_ value: Double, digits: Int) -> Bilingual {
        Bilingual(en: Language.en.numbers.decimal(value, digits: digits), nl: Language.nl.numbers.decimal(value, digits: digits))
    }

    /// The banner a document opens with when the pipeline declares its data or labels simulated.
    static func simulatedBanner(_ input: ReportInput) -> Bilingual? {
        input.run.simulatedData ? PilotText.simulatedBanner.text : nil
    }

    /// A method's name for readers: its family in words, the stage name in brackets.
    static func label(_ method: MethodFacts) -> Bilingual {
        let kind = String(method.implementation.split(separator: " ").first ?? "")
        let family = method.kind == MethodFacts.builtIn ? MethodFamily(rawValue: kind)?.text : nil
        let words = family ?? (method.kind == MethodFacts.external ? PilotText.externalFamily.text : nil)
        guard let words else { return Bilingual(both: method.name) }
        return words.map { $0 + " (" + method.name + ")" }
    }

    /// How many methods were tested and who delivered them, from the declarations: built into
    /// Toets, or a team's (with the teams as they declare themselves).
    static func delivery(_ input: ReportInput) -> Claim {
        let builtIn = input.methods.filter { $0.kind == MethodFacts.builtIn }
        let external = input.methods.filter { $0.kind == MethodFacts.external }
        let undeclared = input.methods.count - builtIn.count - external.count
        var figures: [(Bilingual, String)] = [(integer(input.methods.count), "aantal methoden")]
        var parts = [PilotText.deliveryTotal.filled(["n": integer(input.methods.count)])]
        if !builtIn.isEmpty {
            parts.append(PilotText.deliveryBuiltIn.filled(["n": integer(builtIn.count)]))
            figures.append((integer(builtIn.count), "opgaven: methoden die in Toets zitten"))
        }
        if external.isEmpty {
            parts.append(PilotText.deliveryNoExternal.text)
        } else {
            var teams: [DeclaredText] = []
            for method in external where !teams.contains(method.team) && !method.team.isEmpty { teams.append(method.team) }
            let named = Bilingual(en: DecisionSentences.list(teams.map { $0(.en) }, .en),
                                  nl: DecisionSentences.list(teams.map { $0(.nl) }, .nl))
            parts.append(PilotText.deliveryExternal.filled(["n": integer(external.count), "teams": named]))
            figures.append((integer(external.count), "opgaven: methoden van teams"))
        }
        if undeclared > 0 {
            parts.append(PilotText.deliveryUndeclared.filled(["n": integer(undeclared)]))
            figures.append((integer(undeclared), "opgaven: methoden zonder opgave van herkomst"))
        }
        return Claim(text: joined(parts), figures: figures)
    }

    /// What the pilot cannot say, each from the run: origin, simulated data, campaigns and
    /// campaign accounts no method found, the annotators' agreement, and how operating points
    /// were fixed.
    static func limits(_ input: ReportInput) -> [Claim] {
        var claims = [Claim(text: PilotText.attribution.text, figures: [])]
        if input.run.simulatedData { claims.append(Claim(text: PilotText.simulatedLimit.text, figures: [])) }
        claims += missedCampaigns(input)
        if let unfound = unfoundAccounts(input) { claims.append(unfound) }
        if let agreement = agreement(input) { claims.append(agreement) }
        if !input.methods.isEmpty { claims.append(operatingPoints(input)) }
        return claims
    }

    /// The campaigns every method missed entirely, and those every method whose count is published
    /// missed, grouped by the methods whose counts are held back (a held-back count may hide a find,
    /// so those campaigns are never called missed by all).
    static func missedCampaigns(_ input: ReportInput) -> [Claim] {
        guard !input.methods.isEmpty, !input.campaigns.isEmpty else { return [] }
        var groups: [[String]: [String]] = [:]
        for campaign in input.campaigns where campaign.accounts != nil {
            let counts = input.methods.map { method in campaign.found.first { $0.method == method.name }?.count }
            let held = zip(input.methods, counts).filter { $0.1 == nil }.map(\.0.name)
            guard held.count < input.methods.count, counts.allSatisfy({ $0 == nil || $0 == 0 }) else { continue }
            groups[held, default: []].append(campaign.campaign)
        }
        let total = max(input.groundTruth.campaigns, input.campaigns.count)
        guard !groups.isEmpty else { return [Claim(text: PilotText.campaignsMissedNone.text, figures: [])] }
        var claims: [Claim] = []
        if let missed = groups[[]] {
            claims.append(Claim(text: PilotText.campaignsMissed.filled([
                "n": integer(missed.count), "total": integer(total), "campaigns": Bilingual(both: missed.joined(separator: ", ")),
            ]), figures: [(integer(missed.count), "campagnes die geen methode vond"), (integer(total), "grondwaarheid: campagnes")]))
        }
        for held in groups.keys.filter({ !$0.isEmpty }).sorted(by: { groups[$0]![0] < groups[$1]![0] }) {
            let campaigns = groups[held]!
            claims.append(Claim(text: PilotText.campaignsMissedExcept.filled([
                "campaigns": Bilingual(en: DecisionSentences.list(campaigns, .en), nl: DecisionSentences.list(campaigns, .nl)),
                "methods": Bilingual(en: DecisionSentences.list(held, .en), nl: DecisionSentences.list(held, .nl)),
            ]), figures: []))
        }
        return claims
    }

    /// Campaign accounts flagged by no method: the overlap table's row for the empty set of methods.
    static func unfoundAccounts(_ input: ReportInput) -> Claim? {
        let positives = input.groundTruth.positives
        guard !input.methods.isEmpty, positives > 0, let row = input.overlap.first(where: { $0.methods.isEmpty }) else {
            return nil
        }
        let shownPositives = (integer(positives), "grondwaarheid: campagne-accounts")
        guard let n = row.truePositives else {
            let min = input.disclosure?.minCell ?? input.run.suppressionThreshold
            return Claim(text: PilotText.accountsUnfoundFew.filled(["positives": integer(positives), "min": integer(min)]),
                         figures: [shownPositives, (integer(min), "kleinste getal dat wordt getoond")])
        }
        guard n > 0 else {
            return Claim(text: PilotText.accountsAllFound.filled(["positives": integer(positives)]), figures: [shownPositives])
        }
        return Claim(text: PilotText.accountsUnfound.filled(["positives": integer(positives), "n": integer(n)]),
                     figures: [shownPositives, (integer(n), "campagne-accounts die geen methode aanwees")])
    }

    /// The annotators' agreement on the label against Krippendorff's thresholds; nil when it is
    /// firm enough or not measured.
    static func agreement(_ input: ReportInput) -> Claim? {
        guard let alpha = input.groundTruth.agreement.first(where: { $0.name == "Krippendorff's alpha (label)" })?.estimate.value,
              alpha < firmAgreement else { return nil }
        let shown = decimal(alpha, digits: 2), threshold = decimal(tentativeAgreement, digits: 3)
        var figures: [(Bilingual, String)] = [(shown, "grondwaarheid: Krippendorffs alfa (label)"),
                                              (threshold, "drempel voor voorlopige conclusies (Krippendorff)")]
        if alpha < tentativeAgreement {
            return Claim(text: PilotText.agreementLow.filled(["alpha": shown, "threshold": threshold]), figures: figures)
        }
        let firm = decimal(firmAgreement, digits: 1)
        figures.append((firm, "drempel voor stellige conclusies (Krippendorff)"))
        return Claim(text: PilotText.agreementTentative.filled(["alpha": shown, "threshold": threshold, "firm": firm]),
                     figures: figures)
    }

    /// Whether every operating point was fixed before scoring, and what that does not rule out.
    static func operatingPoints(_ input: ReportInput) -> Claim {
        let loose = input.methods.filter { !$0.operatingPoint.fixedBeforeScoring }.map(\.name)
        guard loose.isEmpty else {
            return Claim(text: PilotText.operatingPointsNotAllFixed.filled([
                "methods": Bilingual(en: DecisionSentences.list(loose, .en), nl: DecisionSentences.list(loose, .nl)),
            ]), figures: [])
        }
        return Claim(text: PilotText.operatingPointsFixed.text, figures: [])
    }

    static func joined(_ parts: [Bilingual]) -> Bilingual {
        Bilingual(en: parts.map(\.en).joined(separator: " "), nl: parts.map(\.nl).joined(separator: " "))
    }
}

extension Bilingual {
    /// The same change to both texts.
    func map(_ transform: (String) -> String) -> Bilingual { Bilingual(en: transform(en), nl: transform(nl)) }
}
