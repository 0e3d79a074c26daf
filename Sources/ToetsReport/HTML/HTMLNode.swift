/// A piece of an HTML (or inline SVG) document, rendered to text one way only.
///
/// Text is always escaped, and free text always passes `IdentifierGuard`; the only unescaped
/// content is markup this module builds itself (`trusted`). Attributes keep the order they are
/// given in, so output is byte-deterministic.
package indirect enum HTMLNode: Sendable, Hashable {
    /// An element with attributes and children.
    case element(String, [Attribute], [HTMLNode])
    /// Free text: guarded, then escaped.
    case text(String)
    /// Text the templates formatted from typed values (numbers, digests, seeds): escaped only.
    case formatted(String)
    /// Markup built by this module (the SVG writer's output, the stylesheet).
    case trusted(String)
    case fragment([HTMLNode])

    /// An element.
    package static func el(_ name: String, _ attributes: [Attribute] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes, children)
    }

    /// An element holding one free text.
    package static func el(_ name: String, _ attributes: [Attribute] = [], text: String) -> HTMLNode {
        .element(name, attributes, [.text(text)])
    }

    /// Elements written on a line of their own, so that golden files diff line by line.
    static let blocks: Set<String> = [
        "html", "head", "body", "meta", "title", "style", "header", "footer", "main", "section", "article", "nav",
        "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr",
        "figure", "figcaption", "details", "summary", "div", "aside", "address", "blockquote", "pre", "svg", "hr",
    ]

    /// Elements without an end tag.
    static let voids: Set<String> = ["meta", "br", "hr", "img", "link", "col"]

    /// The node as HTML text.
    package var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch self {
        case .text(let text):
            output += Escape.text(IdentifierGuard.scrub(text))
        case .formatted(let text):
            output += Escape.text(text)
        case .trusted(let markup):
            output += markup
        case .fragment(let nodes):
            for node in nodes { node.render(into: &output) }
        case .element(let name, let attributes, let children):
            let block = HTMLNode.blocks.contains(name)
            if block, !output.isEmpty, !output.hasSuffix("\n") { output += "\n" }
            output += "<" + name
            for attribute in attributes { output += " " + attribute.rendered }
            output += ">"
            if HTMLNode.voids.contains(name) {
                if block { output += "\n" }
                return
            }
            for child in children { child.render(into: &output) }
            if block, children.contains(where: \.isBlock), !output.hasSuffix("\n") { output += "\n" }
            output += "</" + name + ">"
            if block { output += "\n" }
        }
    }

    var isBlock: Bool {
        switch self {
        case .element(let name, _, _): HTMLNode.blocks.contains(name)
        case .fragment(let nodes): nodes.contains(where: \.isBlock)
        case .trusted(let markup): markup.hasPrefix("<svg") || markup.hasSuffix("\n")
        case .text, .formatted: false
        }
    }
}

/// An attribute. Values are built by the templates themselves (ids from `Slug`, classes,
/// internal links, the CSP), never taken from free text, so they are escaped but not guarded.
package struct Attribute: Sendable, Hashable {
    package var name: String
    package var value: String?

    package init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    package static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    package static func id(_ value: String) -> Attribute { Attribute("id", value) }

    var rendered: String {
        guard let value else { return name }
        return name + "=\"" + Escape.attribute(value) + "\""
    }
}

/// HTML and XML escaping, one way.
package enum Escape {
    /// For text content: `&`, `<`, `>`; control characters other than tab and newline, which
    /// HTML and XML do not allow, are dropped.
    package static func text(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20,
                   scalar != "\t", scalar != "\n" { continue }
                result.append(character)
            }
        }
        return result
    }

    /// For attribute values in double quotes: also `"` and `'`.
    package static func attribute(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20 {
                    result += " "
                    continue
                }
                result.append(character)
            }
        }
        return result
    }
}
