/// Writes SVG markup with fixed number formatting, so the same chart is always the same bytes.
///
/// Coordinates are printed with at most two decimals and a plain `-`; text goes through
/// `IdentifierGuard` and XML escaping like every other text of a report.
struct SVGWriter {
    private(set) var markup = ""
    private var open: [String] = []

    /// A coordinate or length: two decimals at most, trailing zeros dropped, never `-0` or NaN.
    static func number(_ value: Double) -> String {
        // A non-finite coordinate is a bug upstream; draw it at 0 rather than emit invalid SVG.
        guard value.isFinite else { return "0" }
        var text = NumberFormat.fixed(value, digits: 2).replacingOccurrences(of: "−", with: "-")
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Attributes with numeric values formatted by `number`.
    enum Value {
        case n(Double)
        case s(String)

        var rendered: String {
            switch self {
            case .n(let value): SVGWriter.number(value)
            case .s(let text): Escape.attribute(text)
            }
        }
    }

    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, Value> = [:]) {
        markup += "<" + name + SVGWriter.attributes(attributes) + ">"
        if name == "svg" || name == "g" || name == "defs" || name == "pattern" { markup += "\n" }
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        markup += "</" + name + ">\n"
    }

    mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, Value>) {
        markup += "<" + name + SVGWriter.attributes(attributes) + "/>\n"
    }

    /// A text element; `content` is free text and is guarded.
    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       weight: String? = nil, fill: String = "#000000", extra: KeyValuePairs<String, Value> = [:]) {
        markup += "<text x=\"" + SVGWriter.number(x) + "\" y=\"" + SVGWriter.number(y) + "\""
        if anchor != "start" { markup += " text-anchor=\"" + anchor + "\"" }
        markup += " font-size=\"" + SVGWriter.number(size) + "\""
        if let weight { markup += " font-weight=\"" + weight + "\"" }
        if fill != "#000000" { markup += " fill=\"" + fill + "\"" }
        markup += SVGWriter.attributes(extra) + ">" + Escape.text(IdentifierGuard.scrub(content)) + "</text>\n"
    }

    /// Appends markup this module built itself (hatch patterns).
    mutating func raw(_ markup: String) {
        self.markup += markup
    }

    /// A `<title>` or `<desc>` element with an id, for the chart's text alternative.
    mutating func label(_ element: String, id: String, _ content: String) {
        markup += "<" + element + " id=\"" + Escape.attribute(id) + "\">" + Escape.text(IdentifierGuard.scrub(content))
            + "</" + element + ">\n"
    }

    /// A polyline path through `points` (already in pixels).
    static func path(_ points: [(Double, Double)]) -> String {
        var d = ""
        for (index, point) in points.enumerated() {
            d += (index == 0 ? "M" : " L") + number(point.0) + " " + number(point.1)
        }
        return d
    }

    private static func attributes(_ attributes: KeyValuePairs<String, Value>) -> String {
        var text = ""
        for (name, value) in attributes { text += " " + name + "=\"" + value.rendered + "\"" }
        return text
    }

    /// The approximate width of `text` at `size` in DejaVu Sans, for layout (no font metrics here).
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }
}
