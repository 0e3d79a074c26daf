/// Who is responsible for the processing a pipeline does, on which legal basis, and how its data
/// were collected: the pipeline's `governance:` declaration, for the report's legal annex, the
/// IAMA rows, the register prefill and the Kamerbrief.
///
/// Every field is optional: what a pipeline leaves out, the reports show as an open question.
/// Texts are written as one text, or in both report languages as `{en: …, nl: …}`, as under
/// `about:`. The runner gives it to every stage that reads declarations as the parameter
/// `governance` (only when the pipeline declares one), so it enters their keys and provenance.
package struct Governance: Hashable, Sendable {
    /// A declared text: as written (the English form when both are given) and its Dutch form.
    package struct Text: Hashable, Sendable {
        package var text: String
        package var nl: String?

        package init(_ text: String, nl: String? = nil) {
            self.text = text
            self.nl = nl
        }
    }

    /// One purpose of the processing and the legal basis declared for it.
    package struct Purpose: Hashable, Sendable {
        /// The purpose's key in the declaration (`evaluation`, `collection`, …).
        package var name: String
        package var description: Text?
        /// The basis under AVG/GDPR art. 6 (with art. 89 for research, DSA art. 40 for access to
        /// platform data), as the controller words it.
        package var legalBasis: Text?

        package init(name: String, description: Text? = nil, legalBasis: Text? = nil) {
            self.name = name
            self.description = description
            self.legalBasis = legalBasis
        }
    }

    /// How the data of one source file were obtained.
    package struct Source: Hashable, Sendable {
        /// The file's name as a source stage declares it under `files:`.
        package var file: String
        package var access: Access?
        /// How they were collected: the tool, the channel, who collected them.
        package var route: Text?
        /// The terms they were obtained under (platform terms, an agreement, a DSA art. 40 approval).
        package var terms: Text?

        package init(file: String, access: Access? = nil, route: Text? = nil, terms: Text? = nil) {
            self.file = file
            self.access = access
            self.route = route
            self.terms = terms
        }
    }

    /// What kind of access a source file came from; it decides whether the reports may call its
    /// posts public.
    package enum Access: String, CaseIterable, Hashable, Sendable {
        /// Publicly accessible posts (as DSA art. 40(12) means them).
        case `public`
        /// Exports of closed groups or chats (a Telegram group export): not public posts.
        case closedGroup = "closed_group"
        /// Non-public platform data given to vetted researchers (DSA art. 40(4), through the Digital
        /// Services Coordinator).
        case vettedResearcher = "vetted_researcher"
        /// Data people donated themselves (their own data export).
        case donated
    }

    /// The ground for processing special categories of personal data (AVG/GDPR art. 9).
    package struct SpecialCategories: Hashable, Sendable {
        /// The exception of art. 9(2) relied on, as `9(2)(j)`.
        package var article: String?
        /// The ground in words (with UAVG art. 24 where research is the ground).
        package var ground: Text?
        /// Label kinds the pipeline declares as revealing special categories, besides those the
        /// report recognises itself.
        package var kinds: [String] = []

        package init(article: String? = nil, ground: Text? = nil, kinds: [String] = []) {
            self.article = article
            self.ground = ground
            self.kinds = kinds
        }
    }

    /// Whether the declaration is an example (the demo's), not a real organisation's.
    package var example = false
    package var controller: Text?
    package var processors: [Text]?
    package var purposes: [Purpose]?
    package var specialCategories: SpecialCategories?
    package var retention: Text?
    /// Who holds the pseudonymisation key (ENISA/EDPB: kept apart from the data).
    package var keyHolder: Text?
    /// By source file name, sorted.
    package var sources: [Source] = []
    /// Where the DPIA (AVG art. 35) is, or its reference.
    package var dpia: Text?
    /// Where the IAMA is, or its reference.
    package var iama: Text?
    /// Necessity, subsidiarity and proportionality, as the controller weighed them.
    package var proportionality: Text?

    package init() {}

    /// The parameter that carries it to a stage that reads declarations.
    package static let parameter = "governance"

    /// The fields `governance:` may hold.
    package static let fields = ["example", "controller", "processors", "purposes", "special_categories", "retention",
                                 "key_holder", "sources", "dpia", "iama", "proportionality"]
    static let purposeFields = ["purpose", "legal_basis"]
    static let sourceFields = ["access", "route", "terms"]
    static let specialFields = ["article", "ground", "kinds"]

    /// The exceptions of AVG/GDPR art. 9(2), as `article:` takes them.
    package static let articles = "abcdefghij".map { "9(2)(\($0))" }

    /// Read from a mapping with the pipeline's field names (texts as strings or `{en, nl}`);
    /// every problem found, each naming its field below `governance` (`purposes.x.legal_basis`).
    package static func read(_ map: [String: ParamValue]) -> (Governance, [StageParameterError]) {
        var governance = Governance()
        var problems: [StageParameterError] = []
        func problem(_ field: String, _ text: String) { problems.append(StageParameterError(parameter: field, problem: text)) }
        func text(_ value: ParamValue, _ field: String) -> Text? {
            if let plain = value.stringValue, !plain.isEmpty { return Text(plain) }
            if let languages = value.mapValue, Set(languages.keys) == ["en", "nl"],
               let en = languages["en"]?.stringValue, !en.isEmpty, let nl = languages["nl"]?.stringValue, !nl.isEmpty {
                return Text(en, nl: nl)
            }
            problem(field, "takes a text, or the text in both report languages as {en: …, nl: …}")
            return nil
        }
        func mapping(_ value: ParamValue, _ field: String, _ what: String) -> [String: ParamValue]? {
            if let entries = value.mapValue { return entries }
            problem(field, "takes a mapping of " + what)
            return nil
        }
        func unknown(_ name: String, _ field: String, _ known: [String]) {
            problem(field, "'\(name)' is not a field here; it takes " + known.joined(separator: ", "))
        }
        for name in map.keys.sorted() {
            let value = map[name]!
            switch name {
            case "example":
                if let flag = value.boolValue { governance.example = flag } else { problem(name, "takes true or false") }
            case "controller": governance.controller = text(value, name)
            case "retention": governance.retention = text(value, name)
            case "key_holder": governance.keyHolder = text(value, name)
            case "dpia": governance.dpia = text(value, name)
            case "iama": governance.iama = text(value, name)
            case "proportionality": governance.proportionality = text(value, name)
            case "processors":
                // An empty list declares that there are none.
                guard let items = value.listValue else {
                    problem(name, "takes a list of organisations (texts), or [] for none")
                    continue
                }
                governance.processors = items.enumerated().compactMap { text($1, "processors[\($0)]") }
            case "purposes":
                guard let entries = mapping(value, name, "purpose names to {purpose: …, legal_basis: …}") else { continue }
                governance.purposes = entries.keys.sorted().compactMap { key in
                    let field = "purposes.\(key)"
                    guard let entry = mapping(entries[key]!, field, "purpose and legal_basis") else { return nil }
                    var purpose = Purpose(name: key)
                    for sub in entry.keys.sorted() {
                        switch sub {
                        case "purpose": purpose.description = text(entry[sub]!, field + "." + sub)
                        case "legal_basis": purpose.legalBasis = text(entry[sub]!, field + "." + sub)
                        default: unknown(sub, field + "." + sub, purposeFields)
                        }
                    }
                    return purpose
                }
            case "special_categories":
                guard let entry = mapping(value, name, "article, ground and kinds") else { continue }
                var special = SpecialCategories()
                for sub in entry.keys.sorted() {
                    let field = name + "." + sub
                    switch sub {
                    case "article":
                        if let article = entry[sub]!.stringValue, articles.contains(article) { special.article = article } else {
                            problem(field, "takes the exception of AVG/GDPR art. 9(2) relied on, one of "
                                    + articles.joined(separator: ", ") + " (scientific research: 9(2)(j), with UAVG art. 24)")
                        }
                    case "ground": special.ground = text(entry[sub]!, field)
                    case "kinds":
                        let kinds = entry[sub]!.listValue?.compactMap(\.stringValue) ?? []
                        if kinds.isEmpty || kinds.count != entry[sub]!.listValue?.count {
                            problem(field, "takes a list of label kinds (the labels' coordination column), such as [volunteers]")
                        } else {
                            special.kinds = kinds.sorted()
                        }
                    default: unknown(sub, field, specialFields)
                    }
                }
                governance.specialCategories = special
            case "sources":
                guard let entries = mapping(value, name, "source file names to {access: …, route: …, terms: …}") else { continue }
                governance.sources = entries.keys.sorted().compactMap { file in
                    let field = "sources.\(file)"
                    guard let entry = mapping(entries[file]!, field, "access, route and terms") else { return nil }
                    var source = Source(file: file)
                    for sub in entry.keys.sorted() {
                        switch sub {
                        case "access":
                            if let access = entry[sub]!.stringValue.flatMap(Access.init(rawValue:)) { source.access = access } else {
                                problem(field + "." + sub, "takes one of " + Access.allCases.map(\.rawValue).joined(separator: ", ")
                                        + " (a Telegram group export is closed_group, not public)")
                            }
                        case "route": source.route = text(entry[sub]!, field + "." + sub)
                        case "terms": source.terms = text(entry[sub]!, field + "." + sub)
                        default: unknown(sub, field + "." + sub, sourceFields)
                        }
                    }
                    return source
                }
            default:
                unknown(name, name, fields)
            }
        }
        return (governance, problems)
    }

    /// Read back from `value`; nil if it is not a valid declaration.
    package init?(_ value: ParamValue?) {
        guard let map = value?.mapValue else { return nil }
        let (governance, problems) = Governance.read(map)
        guard problems.isEmpty else { return nil }
        self = governance
    }

    /// As a parameter value, in the pipeline's form (what `read` reads).
    package var value: ParamValue {
        func text(_ text: Text) -> ParamValue {
            text.nl.map { .map(["en": .string(text.text), "nl": .string($0)]) } ?? .string(text.text)
        }
        var map: [String: ParamValue] = [:]
        if example { map["example"] = .bool(true) }
        for (name, field) in [("controller", controller), ("retention", retention), ("key_holder", keyHolder),
                              ("dpia", dpia), ("iama", iama), ("proportionality", proportionality)] {
            if let field { map[name] = text(field) }
        }
        if let processors { map["processors"] = .list(processors.map(text)) }
        if let purposes {
            map["purposes"] = .map(Dictionary(uniqueKeysWithValues: purposes.map { purpose in
                var entry: [String: ParamValue] = [:]
                if let description = purpose.description { entry["purpose"] = text(description) }
                if let basis = purpose.legalBasis { entry["legal_basis"] = text(basis) }
                return (purpose.name, .map(entry))
            }))
        }
        if let special = specialCategories {
            var entry: [String: ParamValue] = [:]
            if let article = special.article { entry["article"] = .string(article) }
            if let ground = special.ground { entry["ground"] = text(ground) }
            if !special.kinds.isEmpty { entry["kinds"] = .list(special.kinds.map(ParamValue.string)) }
            map["special_categories"] = .map(entry)
        }
        if !sources.isEmpty {
            map["sources"] = .map(Dictionary(uniqueKeysWithValues: sources.map { source in
                var entry: [String: ParamValue] = [:]
                if let access = source.access { entry["access"] = .string(access.rawValue) }
                if let route = source.route { entry["route"] = text(route) }
                if let terms = source.terms { entry["terms"] = text(terms) }
                return (source.file, .map(entry))
            }))
        }
        return .map(map)
    }
}
