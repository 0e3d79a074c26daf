/// A text the pipeline declares (a team, a summary, an operating point) or the results carry: as
/// written, and its Dutch form where one was declared (`summary: {en: …, nl: …}`) or the
/// catalogue has one.
///
/// A Dutch document shows the Dutch form; where there is none it shows the text as written,
/// marked as not given in Dutch, so that the reader knows why it is in another language.
package struct DeclaredText: Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    /// As written (the English form when both are declared).
    package var text: String
    package var nl: String?

    package init(_ text: String, nl: String? = nil) {
        self.text = text
        self.nl = nl
    }

    package init(stringLiteral text: String) {
        self.init(text)
    }

    /// Both forms from the catalogue.
    package init(_ bilingual: Bilingual) {
        self.init(bilingual.en, nl: bilingual.nl)
    }

    package var isEmpty: Bool { text.isEmpty }

    /// The text in `language`, as written where it has no form in that language.
    package func callAsFunction(_ language: Language) -> String {
        language == .nl ? nl ?? text : text
    }

    /// Whether a `language` document must show it as written, in whatever language that is.
    package func untranslated(in language: Language) -> Bool {
        language == .nl && nl == nil && !text.isEmpty
    }

    /// The text in `language` as one string, for a table cell or a field: as written where it has
    /// no form in that language, followed by the note saying so.
    package func marked(_ language: Language) -> String {
        untranslated(in: language) ? text + " " + DocumentWords.notGivenInDutch(language) : self(language)
    }

    /// The text in `language` as a node: as written where it has no form in that language, with a note saying so.
    package func node(_ language: Language) -> HTMLNode {
        guard !text.isEmpty else { return .text(language.orNotAvailable("")) }
        guard untranslated(in: language) else { return .text(self(language)) }
        return .fragment([.el("span", [.class("untranslated")], text: text),
                          .el("span", [.class("note")], text: " " + DocumentWords.notGivenInDutch(language))])
    }
}
