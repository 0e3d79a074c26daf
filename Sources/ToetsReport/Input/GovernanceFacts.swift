import ToetsModel

/// The pipeline's governance declaration as the reports show it (the legal annex, the IAMA rows,
/// the register prefill, the Kamerbrief), with every source file upstream, declared or not.
///
/// A field that is nil was not declared: the documents show it as an open question, never leave
/// it out.
package struct GovernanceFacts: Sendable, Hashable, Codable {
    /// One purpose and its legal basis.
    package struct Purpose: Sendable, Hashable, Codable {
        package var name: String
        package var purpose: DeclaredText?
        package var legalBasis: DeclaredText?
    }

    /// One file a source stage upstream brings, with how it was collected where declared.
    package struct Source: Sendable, Hashable, Codable {
        package var file: String
        /// Whether a ground-truth stage brings it (the labels) rather than a data stage.
        package var groundTruth: Bool
        /// `Governance.Access`'s raw value.
        package var access: String?
        package var route: DeclaredText?
        package var terms: DeclaredText?

        package init(file: String, groundTruth: Bool = false, access: String? = nil, route: DeclaredText? = nil,
                     terms: DeclaredText? = nil) {
            self.file = file
            self.groundTruth = groundTruth
            self.access = access
            self.route = route
            self.terms = terms
        }
    }

    /// Whether the pipeline has a `governance:` declaration at all.
    package var declared = false
    /// Whether it is an example (the demo's), not a real organisation's.
    package var example = false
    package var controller: DeclaredText?
    package var processors: [DeclaredText]?
    package var purposes: [Purpose]?
    /// The AVG/GDPR art. 9(2) exception relied on, as `9(2)(j)`.
    package var specialArticle: String?
    package var specialGround: DeclaredText?
    /// Label kinds the declaration names as revealing special categories.
    package var specialKinds: [String] = []
    package var retention: DeclaredText?
    package var keyHolder: DeclaredText?
    package var dpia: DeclaredText?
    package var iama: DeclaredText?
    package var proportionality: DeclaredText?
    /// Every source file upstream, data first, then ground truth, each by name.
    package var sources: [Source] = []

    package init() {}

    /// From the declaration (nil: none) and the files of the source stages upstream.
    package init(_ governance: Governance?, declarations: [String: StageDeclaration]) {
        func text(_ text: Governance.Text?) -> DeclaredText? { text.map { DeclaredText($0.text, nl: $0.nl) } }
        if let governance {
            declared = true
            example = governance.example
            controller = text(governance.controller)
            processors = governance.processors?.compactMap(text)
            purposes = governance.purposes?.map {
                Purpose(name: $0.name, purpose: text($0.description), legalBasis: text($0.legalBasis))
            }
            specialArticle = governance.specialCategories?.article
            specialGround = text(governance.specialCategories?.ground)
            specialKinds = governance.specialCategories?.kinds ?? []
            retention = text(governance.retention)
            keyHolder = text(governance.keyHolder)
            dpia = text(governance.dpia)
            iama = text(governance.iama)
            proportionality = text(governance.proportionality)
        }
        let declaredSources = Dictionary((governance?.sources ?? []).map { ($0.file, $0) }) { first, _ in first }
        // A name two source stages share is one entry: the declaration names files by name.
        let files = Set(declarations.values.filter { $0.kind == "source" }.flatMap { stage in
            (stage.parameters["files"]?.mapValue ?? [:]).keys.map { UpstreamFile(file: $0, groundTruth: stage.role == .groundTruth) }
        })
        sources = files.sorted { ($0.groundTruth ? 1 : 0, $0.file) < ($1.groundTruth ? 1 : 0, $1.file) }.map { entry in
            let source = declaredSources[entry.file]
            return Source(file: entry.file, groundTruth: entry.groundTruth, access: source?.access?.rawValue,
                          route: text(source?.route), terms: text(source?.terms))
        }
    }

    private struct UpstreamFile: Hashable {
        var file: String
        var groundTruth: Bool
    }

    /// A purpose as the documents name it: its declared words, else its key.
    package func name(of purpose: Purpose, _ language: Language) -> String {
        purpose.purpose.map { $0.marked(language) } ?? purpose.name
    }

    /// "purpose: legal basis" for every purpose with a declared basis, in `language`.
    package func legalBases(_ language: Language) -> [String] {
        (purposes ?? []).compactMap { purpose in purpose.legalBasis.map { name(of: purpose, language) + ": " + $0.marked(language) } }
    }

    /// Whether an art. 9(2) ground is declared, by article or in words.
    package var hasSpecialGround: Bool { specialArticle != nil || specialGround != nil }

    /// The data (not ground-truth) sources.
    package var dataSources: [Source] { sources.filter { !$0.groundTruth } }

    /// Whether some data source is declared as anything but public posts: the documents must
    /// then not call the data public.
    package var hasNonPublicSources: Bool {
        dataSources.contains { $0.access != nil && $0.access != Governance.Access.public.rawValue }
    }
}
