/// A method's card: who made it, which code ran, with which parameters, and how its operating
/// point was fixed (Model Cards, Mitchell et al. 2019, reduced to what the run knows).
package struct MethodCard: Sendable {
    package let method: MethodFacts
    package let language: Language

    package init(_ method: MethodFacts, language: Language) {
        self.method = method
        self.language = language
    }

    /// The file name of the stand-alone card.
    package static func fileName(_ method: String, _ language: Language) -> String {
        "method-\(Slug.make(method)).\(language.code).html"
    }

    private var numbers: NumberFormat { language.numbers }
    private func t(_ key: some Catalogued) -> String { key(language) }
    private func t(_ key: some Catalogued, _ values: [String: String]) -> String { key.filled(values)(language) }

    /// Built into Toets (which kind and version) or an external command; not available when undeclared.
    private var kind: String {
        switch method.kind {
        case MethodFacts.builtIn: t(KlankbordText.cardKindBuiltIn)
        case MethodFacts.external:
            t(method.ranUnsandboxed == true ? KlankbordText.cardKindExternalUnsandboxed : KlankbordText.cardKindExternal)
        default: language.orNotAvailable(method.kind)
        }
    }

    /// The post fields it received: those it declared, or every one, said plainly.
    private var fields: HTMLNode {
        guard !method.kind.isEmpty else { return .text(language.orNotAvailable("")) }
        guard let declared = method.postFields else { return .text(t(KlankbordText.cardFieldsAll)) }
        var nodes: [HTMLNode] = [.text(t(KlankbordText.cardFieldsOnly) + " ")]
        for (position, field) in declared.enumerated() {
            if position > 0 { nodes.append(.text(", ")) }
            nodes.append(.el("code", text: field))
        }
        return .fragment(nodes)
    }

    /// The card as an `<article>`, its heading at `headingLevel`.
    package func article(headingLevel: Int) -> HTMLNode {
        let point = method.operatingPoint
        var scored = numbers.integer(method.accountsScored)
        if method.accountsMissing > 0 {
            scored += " (" + t(ResultsText.missing, ["n": numbers.integer(method.accountsMissing)]) + ")"
        }
        var facts: [(term: String, value: HTMLNode)] = [
            (t(KlankbordText.cardTeam), method.team.node(language)),
            (t(KlankbordText.cardVersion), .text(language.orNotAvailable(method.version))),
            (t(KlankbordText.cardKind), .text(kind)),
        ]
        if method.kind == MethodFacts.external, !method.implementation.isEmpty {
            facts.append((t(KlankbordText.cardCommand), .el("code", text: method.implementation)))
        }
        if let image = method.image {
            facts.append((t(KlankbordText.cardImage), .el("code", text: image)))
        }
        facts += [
            (t(KlankbordText.cardFields), fields),
            (t(KlankbordText.cardSummary), method.summary.node(language)),
            (t(KlankbordText.cardSelfLearning), .text(method.selfLearning.map { $0 ? t(DocumentWords.yes) : t(DocumentWords.no) }
                                                          ?? language.orNotAvailable(""))),
        ]
        facts.append((t(KlankbordText.cardRule), point.rule.node(language)))
        if method.flagsNothing {
            facts.append((t(DecisionText.cardWarning), .text(t(DecisionText.warningFlagsNothing, ["method": method.name]))))
        }
        if let threshold = point.threshold {
            facts.append((t(KlankbordText.cardThreshold), .formatted(numbers.decimal(threshold, digits: 3))))
        }
        facts += [
            (t(KlankbordText.cardHowFixed), point.howFixed.node(language)),
            (t(KlankbordText.cardFixedBefore),
             .text(point.fixedBeforeScoring ? t(KlankbordText.cardFixedBeforeYes) : t(KlankbordText.cardFixedBeforeNo))),
            (t(KlankbordText.cardScored), .formatted(scored)),
            (t(DecisionText.cardFlags), .formatted(numbers.integer(method.flags))),
            (t(KlankbordText.cardProbabilities), .text(method.probabilities ? t(DocumentWords.yes) : t(DocumentWords.no))),
        ]
        let parameters: HTMLNode = method.parameters.isEmpty ? .p(t(KlankbordText.cardNoParameters))
            : DataTable(caption: t(KlankbordText.cardParameters, ["method": method.name]),
                        columns: [t(DocumentWords.parameter), t(DocumentWords.value)],
                        rows: method.parameters.map { [.identifier($0.dottedPath), .identifier($0.value)] }, style: "compact").node
        let code: HTMLNode = method.codeDigests.isEmpty
            ? .p(t(method.kind == MethodFacts.builtIn ? KlankbordText.cardBuiltInCode : KlankbordText.cardNoCode))
            : DataTable(caption: t(KlankbordText.cardCode, ["method": method.name]),
                        columns: [t(DocumentWords.file), t(DocumentWords.digest)],
                        rows: method.codeDigests.map { [.text($0.name), .code($0.digest.hex)] }, style: "compact").node
        return .el("article", [.class("method-card"), .id("card-" + Slug.make(method.name))], [
            .el("h\(headingLevel)", text: method.name),
            .dl(facts),
            parameters,
            code,
        ])
    }

    /// The card as a document of its own.
    package var document: HTMLDocument {
        let title = t(KlankbordText.cardTitle, ["method": method.name])
        return HTMLDocument(language: language, title: title, runningLabel: t(KlankbordText.runningLabel),
                            contents: false,
                            sections: [HTMLDocument.Section(id: "card", heading: title, body: [article(headingLevel: 3)])])
    }
}

/// Turns names into ids and file names: lower-case ASCII letters, digits and `-`.
package enum Slug {
    package static func make(_ name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        while slug.hasPrefix("-") { slug.removeFirst() }
        return slug.isEmpty ? "x" : slug
    }
}

extension MethodCard {
    /// The file name of every card of a run in one document: a fixed name whatever the number of methods.
    package static func collectionFileName(_ language: Language) -> String { "method-cards.\(language.code).html" }

    /// Every method's card in one document, a section each, in the order given.
    package static func collection(_ methods: [MethodFacts], language: Language) -> HTMLDocument {
        let cards = methods.map { MethodCard($0, language: language) }
        let title = language == .nl ? "Methodekaarten" : "Method cards"
        return HTMLDocument(language: language, title: title, runningLabel: KlankbordText.runningLabel(language),
                            contents: false,
                            sections: cards.map { card in
                                HTMLDocument.Section(id: "method-" + Slug.make(card.method.name),
                                                     heading: KlankbordText.cardTitle.filled(["method": card.method.name])(language),
                                                     body: [card.article(headingLevel: 3)])
                            })
    }
}
