import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads rendered SVG back as XML, to check what a chart drew rather than how the code drew it.
struct SVGInspection {
    let root: XMLElement

    init(_ svg: String) throws {
        root = try XMLDocument(xmlString: svg, options: []).rootElement()!
    }

    /// Every `<svg>…</svg>` in an HTML text.
    static func charts(in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest[start.lowerBound...].range(of: "</svg>") {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// All elements called `name`, anywhere below the root.
    func elements(_ name: String) -> [XMLElement] {
        (try? root.nodes(forXPath: "//\(name)"))?.compactMap { $0 as? XMLElement } ?? []
    }

    func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }

    func number(_ element: XMLElement, _ name: String) -> Double? {
        attribute(element, name).flatMap(Double.init)
    }

    /// The x of the tick label reading `label` on the x axis (centred labels).
    func xTick(_ label: String) -> Double? {
        elements("text").first { $0.stringValue == label && attribute($0, "text-anchor") == "middle" }
            .flatMap { number($0, "x") }
    }

    /// The y of the tick label reading `label` on the y axis (right-aligned labels, drawn 4 below
    /// the tick line so that they sit centred on it).
    func yTick(_ label: String) -> Double? {
        elements("text").first { $0.stringValue == label && attribute($0, "text-anchor") == "end" }
            .flatMap { number($0, "y") }.map { $0 - 4 }
    }

    /// The points a path's `d` moves to (`M x y`), ignoring the segments drawn from them.
    static func moves(in path: String) -> [(Double, Double)] {
        path.split(separator: "M").compactMap { part in
            let numbers = part.split(whereSeparator: { $0 == " " || $0.isLetter }).prefix(2).compactMap { Double($0) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
    }

    /// The coordinates in a path's `d`, pairwise (for paths of `M` and `L` only).
    static func points(in path: String) -> [(Double, Double)] {
        var numbers: [Double] = []
        var current = ""
        for character in path {
            if character.isNumber || character == "." || character == "-" {
                current.append(character)
            } else {
                if let value = Double(current) { numbers.append(value) }
                current = ""
            }
        }
        if let value = Double(current) { numbers.append(value) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }
}
