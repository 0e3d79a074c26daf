/// A self-contained HTML document: inline CSS and SVG, no scripts, no external requests (a
/// Content-Security-Policy forbids them, so a mistake shows up as a console error in a browser).
package struct HTMLDocument: Sendable {
    package var language: Language
    /// The `<title>` and the first heading.
    package var title: String
    package var subtitle: String?
    /// Shown at the top of every printed page (beside the title).
    package var runningLabel: String
    /// Marks every page as a draft (the Kamerbrief).
    package var draft: Bool
    /// The sections, in order; the contents list is made from those with `inContents`.
    package var sections: [Section]
    /// Paragraphs before the contents list.
    package var preface: [HTMLNode]
    /// A contents list after the preface.
    package var contents: Bool

    package init(language: Language, title: String, subtitle: String? = nil, runningLabel: String, draft: Bool = false,
                 preface: [HTMLNode] = [], contents: Bool = true, sections: [Section]) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.runningLabel = runningLabel
        self.draft = draft
        self.preface = preface
        self.contents = contents
        self.sections = sections
    }

    /// A titled part of a document, with sub-sections one heading level down.
    package struct Section: Sendable {
        package var id: String
        package var heading: String
        package var body: [HTMLNode]
        package var subsections: [Section]
        /// Starts a new printed page.
        package var pageBreak: Bool

        package init(id: String, heading: String, body: [HTMLNode], subsections: [Section] = [], pageBreak: Bool = false) {
            self.id = id
            self.heading = heading
            self.body = body
            self.subsections = subsections
            self.pageBreak = pageBreak
        }

        func node(level: Int) -> HTMLNode {
            var classes = ["level-\(level)"]
            if pageBreak { classes.append("page-break") }
            return .el("section", [.id(id), .class(classes.joined(separator: " ")), Attribute("aria-labelledby", "h-" + id)],
                       [.el("h\(level)", [.id("h-" + id)], text: heading)] + body
                           + subsections.map { $0.node(level: min(level + 1, 4)) })
        }
    }

    /// The document as UTF-8 HTML text, ending in a newline.
    package var rendered: String {
        let head = HTMLNode.el("head", [], [
            .el("meta", [Attribute("charset", "utf-8")]),
            .el("meta", [Attribute("name", "viewport"), Attribute("content", "width=device-width, initial-scale=1")]),
            .el("meta", [Attribute("http-equiv", "Content-Security-Policy"),
                         Attribute("content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")]),
            .el("title", text: title),
            .el("style", [], [.trusted(Stylesheet.css(language: language, draft: draft))]),
        ])
        var header: [HTMLNode] = [
            .el("p", [.class("running-label")], text: runningLabel),
            .el("h1", [], text: title),
        ]
        if let subtitle { header.append(.el("p", [.class("subtitle")], text: subtitle)) }
        if draft { header.append(.el("p", [.class("draft-mark")], text: DocumentWords.draft(language))) }
        var main: [HTMLNode] = preface
        if contents {
            main.append(.el("nav", [.class("contents"), Attribute("aria-labelledby", "h-contents")], [
                .el("h2", [.id("h-contents")], text: DocumentWords.contents(language)),
                .el("ol", [], sections.map { section in
                    .el("li", [], [.el("a", [Attribute("href", "#" + section.id)], text: section.heading)])
                }),
            ]))
        }
        main += sections.map { $0.node(level: 2) }
        let body = HTMLNode.el("body", [], [
            .el("header", [.class("document-header")], header),
            .el("main", [], main),
        ])
        return "<!DOCTYPE html>\n" + HTMLNode.el("html", [Attribute("lang", language.code)], [head, body]).rendered
    }
}

extension HTMLNode {
    /// A paragraph of free text.
    package static func p(_ text: String, class name: String? = nil) -> HTMLNode {
        .el("p", name.map { [.class($0)] } ?? [], text: text)
    }

    /// A bulleted list of free texts.
    package static func ul(_ items: [String], class name: String? = nil) -> HTMLNode {
        .el("ul", name.map { [.class($0)] } ?? [], items.map { .el("li", text: $0) })
    }

    /// A description list of term and value pairs.
    package static func dl(_ pairs: [(term: String, value: HTMLNode)]) -> HTMLNode {
        .el("dl", [], pairs.flatMap { [HTMLNode.el("dt", text: $0.term), .el("dd", [], [$0.value])] })
    }
}
