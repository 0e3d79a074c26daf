/// The languages a report is written in; every text has both (see `Bilingual`).
package enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case en, nl

    /// The value of the HTML `lang` attribute.
    package var code: String { rawValue }

    /// Number formatting for this language.
    package var numbers: NumberFormat { NumberFormat(language: self) }
}

/// A text in both report languages, from one source.
///
/// Templates may hold named slots, `{method}`, filled by `filled(_:)`; both languages must use
/// the same slots (the catalogue tests check this).
package struct Bilingual: Sendable, Hashable {
    package let en: String
    package let nl: String

    package init(en: String, nl: String) {
        self.en = en
        self.nl = nl
    }

    /// The same text in both languages (names, codes).
    package init(both text: String) {
        self.en = text
        self.nl = text
    }

    package func callAsFunction(_ language: Language) -> String {
        switch language {
        case .en: en
        case .nl: nl
        }
    }

    /// The text with `{name}` slots replaced; the values may differ per language.
    package func filled(_ values: [String: Bilingual]) -> Bilingual {
        Bilingual(en: Bilingual.fill(en, values.mapValues(\.en)), nl: Bilingual.fill(nl, values.mapValues(\.nl)))
    }

    /// The text with `{name}` slots replaced by the same value in both languages.
    package func filled(_ values: [String: String]) -> Bilingual {
        filled(values.mapValues { Bilingual(both: $0) })
    }

    /// The slot names a template uses, sorted.
    package static func slots(in template: String) -> [String] {
        var names: Set<String> = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names.sorted()
    }

    private static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            // A slot without a value stays visible rather than vanishing silently.
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// A group of catalogue keys; every key has a text in both languages, which the compiler
/// enforces through an exhaustive switch per group.
package protocol Catalogued: CaseIterable, Sendable {
    var text: Bilingual { get }
}

extension Catalogued {
    package func callAsFunction(_ language: Language) -> String { text(language) }

    package func filled(_ values: [String: String]) -> Bilingual { text.filled(values) }

    package func filled(_ values: [String: Bilingual]) -> Bilingual { text.filled(values) }
}
