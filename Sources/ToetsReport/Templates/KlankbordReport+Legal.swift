/// Annex F: the legal frame, from the pipeline's governance declaration. Every item is shown:
/// as declared, or as an open question.
extension KlankbordReport {
    /// One item of the declaration: its name and what is declared, nil when nothing is.
    struct LegalItem {
        var name: LegalText
        var value: HTMLNode?
    }

    var governance: GovernanceFacts { input.governance }

    /// Label kinds of this run that reveal special categories, when no art. 9(2) ground is declared.
    var undeclaredSpecialKinds: [(kind: String, category: SpecialCategories.Category)] {
        governance.hasSpecialGround ? [] : SpecialCategories.revealing(input)
    }

    /// The items in the order the annex shows them; sources are counted per file.
    var legalItems: [LegalItem] {
        func declared(_ text: DeclaredText?) -> HTMLNode? { text.map { $0.node(language) } }
        let processors: HTMLNode? = governance.processors.map { list in
            list.isEmpty ? .text(t(LegalText.processorsNone)) : .el("ul", [], list.map { .el("li", [], [$0.node(language)]) })
        }
        var special: [HTMLNode] = []
        if let article = governance.specialArticle {
            special.append(.text(t(LegalText.specialArticle, ["article": SpecialCategories.article(article, language)])))
        }
        if let ground = governance.specialGround { special += [.text(special.isEmpty ? "" : ": "), ground.node(language)] }
        return [
            LegalItem(name: .controller, value: declared(governance.controller)),
            LegalItem(name: .processors, value: processors),
            LegalItem(name: .purposes, value: purposesNode),
            LegalItem(name: .special, value: special.isEmpty ? nil : .fragment(special)),
            LegalItem(name: .retention, value: declared(governance.retention)),
            LegalItem(name: .keyHolder, value: declared(governance.keyHolder)),
            LegalItem(name: .dpia, value: declared(governance.dpia)),
            LegalItem(name: .iama, value: declared(governance.iama)),
            LegalItem(name: .proportionality, value: declared(governance.proportionality)),
        ]
    }

    /// The purposes with their bases; nil when none are declared. A purpose without a basis
    /// shows the open question in its row.
    private var purposesNode: HTMLNode? {
        guard let purposes = governance.purposes, !purposes.isEmpty else { return nil }
        return DataTable(caption: t(LegalText.purposesCaption), columns: [t(LegalText.purposeColumn), t(LegalText.basisColumn)],
                         rows: purposes.map { purpose in
                             [.text(governance.name(of: purpose, language)),
                              .text(purpose.legalBasis.map { $0.marked(language) } ?? t(LegalText.open))]
                         }, style: "compact").node
    }

    /// The names of what is not declared: items, purposes without a basis, and source files
    /// with what is missing for each.
    var openLegalQuestions: [String] {
        var open = legalItems.filter { $0.value == nil }.map { t($0.name) }
        for purpose in governance.purposes ?? [] where purpose.legalBasis == nil {
            open.append(t(LegalText.basisColumn) + ": " + governance.name(of: purpose, language))
        }
        for source in governance.sources {
            let missing = [(LegalText.accessColumn, !source.groundTruth && source.access == nil),
                           (LegalText.routeColumn, source.route == nil), (LegalText.termsColumn, source.terms == nil)]
                .filter(\.1).map { t($0.0).lowercased() }
            if !missing.isEmpty { open.append(source.file + ": " + missing.joined(separator: ", ")) }
        }
        return open
    }

    var legalAnnex: HTMLDocument.Section {
        var body: [HTMLNode] = [.p(t(LegalText.intro))]
        if governance.example { body.append(.p(t(LegalText.example), class: "banner")) }
        if !governance.declared { body.append(.p(t(LegalText.noDeclaration))) }
        let undeclared = undeclaredSpecialKinds
        if !undeclared.isEmpty {
            body.append(.p(t(LegalText.specialFlag, ["kinds": SpecialCategories.list(undeclared, language)]), class: "banner"))
        }
        let items = legalItems
        let open = openLegalQuestions
        let total = items.count + (governance.purposes ?? []).count + governance.sources.count
        body.append(.p(open.isEmpty ? t(LegalText.allDeclared, ["items": numbers.integer(total)])
                       : t(LegalText.openCount, ["open": numbers.integer(open.count), "items": numbers.integer(total)])))
        let revealing = SpecialCategories.revealing(input)
        var kinds = revealing.isEmpty ? t(LegalText.specialKindsNone) : SpecialCategories.list(revealing, language)
        if input.legitimateCoordinationHidden > 0 {
            kinds += " " + t(LegalText.specialHidden, ["n": numbers.integer(input.legitimateCoordinationHidden)])
        }
        body.append(.dl(items.map { item in (term: t(item.name), value: item.value ?? openNode) }
            + [(term: t(LegalText.specialKinds), value: HTMLNode.text(kinds))]))
        body.append(DataTable(
            caption: t(LegalText.sourcesCaption),
            columns: [t(LegalText.fileColumn), t(LegalText.accessColumn), t(LegalText.routeColumn), t(LegalText.termsColumn)],
            rows: governance.sources.map { source in
                [.text(source.groundTruth ? t(LegalText.groundTruthFile, ["file": source.file]) : source.file),
                 .text(source.access.flatMap(LegalText.access).map { t($0) } ?? (source.groundTruth ? "–" : t(LegalText.open))),
                 .text(source.route.map { $0.marked(language) } ?? t(LegalText.open)),
                 .text(source.terms.map { $0.marked(language) } ?? t(LegalText.open))]
            }, style: "compact").node)
        body.append(.p(t(LegalText.sourcesNote), class: "note"))
        if !open.isEmpty { body += [.el("h4", text: t(LegalText.openHeading)), .ul(open)] }
        return HTMLDocument.Section(id: "legal", heading: t(LegalText.heading), body: body)
    }

    private var openNode: HTMLNode { .el("span", [.class("open")], text: t(LegalText.open)) }
}
