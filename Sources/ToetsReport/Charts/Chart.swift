/// A drawn chart with its text alternative and the data behind it.
///
/// The SVG carries `<title>` and `<desc>` (referenced by `aria-labelledby`); the data table is
/// the fallback for readers who cannot see the chart, and for anyone who wants the numbers.
package struct Chart: Sendable, Hashable {
    /// Unique within a document; prefixes every id inside the SVG.
    package var id: String
    package var title: String
    /// The `<desc>`: what the chart shows, in a sentence or two.
    package var summary: String
    package var svg: String
    package var table: DataTable

    /// The chart as an HTML figure: the SVG, a caption, and the data table in a `<details>`.
    package func figure(caption: String, dataLabel: String) -> HTMLNode {
        .el("figure", [.class("chart"), .id("figure-" + id)], [
            .trusted(svg),
            .el("figcaption", text: caption),
            .el("details", [.class("chart-data")], [
                .el("summary", text: dataLabel),
                table.node,
            ]),
        ])
    }
}

/// A table with a caption; the first column heads its row.
package struct DataTable: Sendable, Hashable {
    /// A table cell: free text (guarded) or a value the templates formatted (right-aligned).
    package enum Cell: Sendable, Hashable {
        case text(String)
        case number(String)
        /// Formatted, but not a number (digests, codes): left-aligned, monospace.
        case code(String)
        /// A name or value as declared (a parameter, a field): monospace like code, but free text,
        /// so it passes the identifier guard.
        case identifier(String)
    }

    package var caption: String
    package var columns: [String]
    package var rows: [[Cell]]
    /// Extra class names on the table (`compact`, `wide`).
    package var style: String?

    package init(caption: String, columns: [String], rows: [[Cell]], style: String? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.style = style
    }

    /// A column or row head: free text through the identifier guard first, then made breakable (a
    /// soft hyphen inside an identifier would hide it from the guard).
    static func head(_ text: String) -> HTMLNode {
        .formatted(breakable(IdentifierGuard.scrub(text)))
    }

    /// `text` with soft hyphens in every stretch of more than 14 letters and digits (a long stage
    /// name without hyphens; never a path), so that a column or row head can break there rather than push its table past
    /// the page.
    static func breakable(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.split(separator: "-", omittingEmptySubsequences: false).map { part in
                guard part.count > 14, part.allSatisfy({ $0.isLetter || $0.isNumber }) else { return String(part) }
                var pieces: [String] = []
                var rest = part[...]
                while rest.count > 10 {
                    pieces.append(String(rest.prefix(7)))
                    rest = rest.dropFirst(7)
                }
                return (pieces + [String(rest)]).joined(separator: "\u{00AD}")
            }.joined(separator: "-")
        }.joined(separator: " ")
    }

    package var node: HTMLNode {
        let head = HTMLNode.el("thead", [], [
            .el("tr", [], columns.map { .el("th", [Attribute("scope", "col")], [DataTable.head($0)]) }),
        ])
        let body = HTMLNode.el("tbody", [], rows.map { row in
            .el("tr", [], row.enumerated().map { index, cell in
                let name = index == 0 ? "th" : "td"
                var attributes: [Attribute] = index == 0 ? [Attribute("scope", "row")] : []
                switch cell {
                case .text(let text):
                    return .el(name, attributes, index == 0 ? [DataTable.head(text)] : [.text(text)])
                case .number(let text):
                    attributes.append(.class("num"))
                    // A value and its interval may part on paper, the interval itself may not.
                    guard let open = text.range(of: " (") else { return .el(name, attributes, [.formatted(text)]) }
                    let value = String(text[..<open.lowerBound]), interval = String(text[text.index(after: open.lowerBound)...])
                    return .el(name, attributes, [.formatted(value + " "), .el("span", [.class("interval")], [.formatted(interval)])])
                case .code(let text):
                    attributes.append(.class("code"))
                    return .el(name, attributes, [.formatted(text)])
                case .identifier(let text):
                    attributes.append(.class("code"))
                    return .el(name, attributes, text: text)
                }
            })
        })
        return .el("table", style.map { [.class($0)] } ?? [], [.el("caption", text: caption), head, body])
    }
}
