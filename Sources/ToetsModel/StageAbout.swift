/// What a stage's authors say about it, for the method cards and the register: who, which
/// version of their method, what it does, and how its operating point was chosen.
///
/// Written under `about:` in a pipeline; a built-in kind has its own, which the pipeline's
/// fields replace one by one. It never enters the stage's own cache key (it cannot change the
/// stage's output) but does enter the key of every stage that reads declarations (the report),
/// through `StageDeclarations`.
package struct StageAbout: Hashable, Sendable {
    /// The organisation or team responsible, never a private person's name or handle.
    package var team: String?
    /// The method's own version, as its team numbers it.
    package var version: String?
    /// What it does, in a sentence or two.
    package var summary: String?
    /// When it flags an account, and how that operating point was chosen.
    package var operatingPoint: String?
    /// Whether it learns from data.
    package var selfLearning: Bool?
    /// Whether the data (or labels) a data or ground-truth stage brings are simulated: no real
    /// person is in them, and the reports say so on their first page.
    package var simulated: Bool?
    /// The Dutch form of each text field declared in both languages (`summary: {en: …, nl: …}`),
    /// by field name; the field itself then holds the English form.
    package var dutch: [String: String] = [:]

    /// The text fields, which may be declared in both report languages.
    package static let texts = ["team", "summary", "operating_point"]

    /// The fields `about:` may hold, as a pipeline writes them.
    package static let fields = ["team", "version", "summary", "operating_point", "self_learning", "simulated"]

    /// The fields that take true or false.
    package static let flags = ["self_learning", "simulated"]

    package init(team: String? = nil, version: String? = nil, summary: String? = nil, operatingPoint: String? = nil,
                 selfLearning: Bool? = nil, simulated: Bool? = nil, dutch: [String: String] = [:]) {
        self.team = team
        self.version = version
        self.summary = summary
        self.operatingPoint = operatingPoint
        self.selfLearning = selfLearning
        self.simulated = simulated
        self.dutch = dutch
    }

    /// These fields, with each field `overrides` gives put in place of this one's.
    package func overridden(by overrides: StageAbout) -> StageAbout {
        StageAbout(team: overrides.team ?? team, version: overrides.version ?? version,
                   summary: overrides.summary ?? summary, operatingPoint: overrides.operatingPoint ?? operatingPoint,
                   selfLearning: overrides.selfLearning ?? selfLearning, simulated: overrides.simulated ?? simulated,
                   // A field the pipeline replaces takes its Dutch form along, or none.
                   dutch: dutch.filter { field, _ in overrides.value.mapValue?[field] == nil }.merging(overrides.dutch) { $1 })
    }

    /// Read from a mapping with the pipeline's field names; the problem with the first field
    /// that is unknown or of the wrong type, as (field, what it takes).
    package init(_ map: [String: ParamValue]) throws(StageParameterError) {
        self.init()
        for (name, value) in map.sorted(by: { $0.key < $1.key }) {
            if Self.flags.contains(name) {
                guard let flag = value.boolValue else {
                    throw StageParameterError(parameter: name, problem: "takes true or false")
                }
                if name == "simulated" { simulated = flag } else { selfLearning = flag }
                continue
            }
            guard Self.fields.contains(name) else {
                throw StageParameterError(parameter: name, problem: "is not a field of about:; it has "
                                          + Self.fields.joined(separator: ", "))
            }
            var text = value.stringValue ?? ""
            if let languages = value.mapValue, Self.texts.contains(name) {
                guard Set(languages.keys) == ["en", "nl"], let english = languages["en"]?.stringValue, !english.isEmpty,
                      let nl = languages["nl"]?.stringValue, !nl.isEmpty else {
                    throw StageParameterError(parameter: name, problem: "takes a text, or the text in both report "
                                              + "languages as {en: …, nl: …}")
                }
                text = english
                dutch[name] = nl
            }
            guard !text.isEmpty else {
                throw StageParameterError(parameter: name, problem: Self.texts.contains(name)
                    ? "takes a text, or the text in both report languages as {en: …, nl: …}" : "takes a text")
            }
            switch name {
            case "team": team = text
            case "version": version = text
            case "summary": summary = text
            default: operatingPoint = text
            }
        }
    }

    /// The fields that are set, as a parameter mapping with the pipeline's field names.
    package var value: ParamValue {
        var map: [String: ParamValue] = [:]
        for (name, text) in [("team", team), ("version", version), ("summary", summary),
                             ("operating_point", operatingPoint)] {
            if let text { map[name] = dutch[name].map { .map(["en": .string(text), "nl": .string($0)]) } ?? .string(text) }
        }
        if let selfLearning { map["self_learning"] = .bool(selfLearning) }
        if let simulated { map["simulated"] = .bool(simulated) }
        return .map(map)
    }
}
