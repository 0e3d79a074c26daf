/// Label kinds that reveal special categories of personal data (AVG/GDPR art. 9): a label saying
/// an account belongs to a party's volunteers or its official campaign says which party its
/// owner supports, a political opinion.
///
/// A kind is recognised by the words of its name (`official_campaign` → campaign), so that the
/// kinds of data not seen here are caught too; a pipeline adds its own under
/// `governance: special_categories: kinds:`.
enum SpecialCategories {
    /// What a kind reveals.
    enum Category: String, CaseIterable, Sendable {
        case politicalOpinions, religion, tradeUnion, health, ethnicity

        var name: Bilingual {
            switch self {
            case .politicalOpinions: Bilingual(en: "political opinions", nl: "politieke opvattingen")
            case .religion: Bilingual(en: "religious beliefs", nl: "religieuze overtuigingen")
            case .tradeUnion: Bilingual(en: "trade-union membership", nl: "lidmaatschap van een vakbond")
            case .health: Bilingual(en: "health", nl: "gezondheid")
            case .ethnicity: Bilingual(en: "ethnic origin", nl: "etnische afkomst")
            }
        }

        /// Words of a kind's name that reveal this category.
        var words: Set<String> {
            switch self {
            case .politicalOpinions:
                ["volunteer", "volunteers", "campaign", "campaigns", "party", "parties", "partisan", "politician",
                 "politicians", "political", "activist", "activists", "candidate", "candidates"]
            case .religion: ["religious", "church", "churches", "mosque", "mosques", "faith", "religion", "synagogue"]
            case .tradeUnion: ["union", "unions", "vakbond"]
            case .health: ["health", "patients", "patient"]
            case .ethnicity: ["diaspora", "ethnic", "migrant", "migrants"]
            }
        }
    }

    /// The category `kind` reveals, if any; a kind the pipeline declares counts as revealing one
    /// even where its words do not say which (political opinions: this is an election pilot).
    static func category(of kind: String, declared: [String]) -> Category? {
        let words = kind.lowercased().split { !$0.isLetter }.map(String.init)
        if let found = Category.allCases.first(where: { category in words.contains(where: category.words.contains) }) {
            return found
        }
        return declared.contains(kind) ? .politicalOpinions : nil
    }

    /// "volunteers (political opinions), …" in `language`.
    static func list(_ kinds: [(kind: String, category: Category)], _ language: Language) -> String {
        kinds.map { CoordinationKind.label($0.kind)(language) + " (" + $0.category.name(language) + ")" }.joined(separator: ", ")
    }

    /// An exception of art. 9(2) as `9(2)(j)` (`Governance.articles`), in Dutch as Dutch law cites
    /// it: `9 lid 2 sub j`.
    static func article(_ code: String, _ language: Language) -> String {
        guard language == .nl, code.hasPrefix("9(2)("), code.hasSuffix(")") else { return code }
        return "9 lid 2 sub " + code.dropFirst("9(2)(".count).dropLast()
    }

    /// The label kinds of this run that reveal a special category, with the category, by kind.
    static func revealing(_ input: ReportInput) -> [(kind: String, category: Category)] {
        let kinds = Set(input.legitimateCoordination.filter { $0.accounts > 0 }.map(\.kind) + input.governance.specialKinds)
        return kinds.sorted().compactMap { kind in
            category(of: kind, declared: input.governance.specialKinds).map { (kind, $0) }
        }
    }
}
