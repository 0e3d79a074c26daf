/// Series styles that stay apart for colour-blind readers and on a greyscale printer.
///
/// Colours are Okabe and Ito's eight (2008), ordered so that neighbours differ in lightness as
/// well as hue; yellow, weak on white, comes last. Colour is never the only cue: each series
/// also has its own marker, dash pattern and bar hatching, and every chart has a data table.
package enum Palette {
    /// Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
    package static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                                  "#F0E442"]
    static let dashes: [String?] = [nil, "7 3", "2 3", "9 3 2 3", "4 2", "1 2", "12 4", "6 2 1 2 1 2"]

    /// Grid lines, axes, reference lines and neutral text.
    static let grid = "#D9D9D9"
    static let axis = "#4D4D4D"
    static let reference = "#737373"
    static let suppressed = "#BDBDBD"

    /// The style of series number `index` (0-based); styles repeat after eight series.
    package static func style(_ index: Int) -> SeriesStyle {
        let slot = index % colours.count
        return SeriesStyle(colour: colours[slot], marker: Marker.allCases[index % Marker.allCases.count],
                           dash: dashes[slot], hatch: Hatch.allCases[index % Hatch.allCases.count])
    }
}

/// How one series is drawn.
package struct SeriesStyle: Sendable, Hashable {
    package var colour: String
    package var marker: Marker
    /// An SVG `stroke-dasharray`; nil for a solid line.
    package var dash: String?
    package var hatch: Hatch
}

/// Point markers, told apart by shape alone.
package enum Marker: String, Sendable, Hashable, CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross, plus, star

    /// The marker centred on (x, y), `size` pixels across.
    func draw(_ svg: inout SVGWriter, x: Double, y: Double, size: Double, colour: String) {
        let r = size / 2
        switch self {
        case .circle:
            svg.leaf("circle", ["cx": .n(x), "cy": .n(y), "r": .n(r), "fill": .s(colour), "stroke": .s("#FFFFFF"),
                                "stroke-width": .n(0.75)])
        case .square:
            svg.leaf("rect", ["x": .n(x - r * 0.9), "y": .n(y - r * 0.9), "width": .n(r * 1.8), "height": .n(r * 1.8),
                              "fill": .s(colour), "stroke": .s("#FFFFFF"), "stroke-width": .n(0.75)])
        case .triangle, .triangleDown, .diamond, .star:
            svg.leaf("path", ["d": .s(outline(x: x, y: y, r: r)), "fill": .s(colour), "stroke": .s("#FFFFFF"),
                              "stroke-width": .n(0.75)])
        case .cross, .plus:
            svg.leaf("path", ["d": .s(outline(x: x, y: y, r: r)), "fill": .s("none"), "stroke": .s(colour),
                              "stroke-width": .n(2.25)])
        }
    }

    private func outline(x: Double, y: Double, r: Double) -> String {
        let n = SVGWriter.number
        switch self {
        case .triangle:
            return "M\(n(x)) \(n(y - r * 1.1)) L\(n(x + r)) \(n(y + r * 0.8)) L\(n(x - r)) \(n(y + r * 0.8)) Z"
        case .triangleDown:
            return "M\(n(x)) \(n(y + r * 1.1)) L\(n(x + r)) \(n(y - r * 0.8)) L\(n(x - r)) \(n(y - r * 0.8)) Z"
        case .diamond:
            return "M\(n(x)) \(n(y - r * 1.2)) L\(n(x + r)) \(n(y)) L\(n(x)) \(n(y + r * 1.2)) L\(n(x - r)) \(n(y)) Z"
        case .star:
            // Five points, outer radius r·1.2, inner r·0.5; angles from fixed cosines for determinism.
            let outer = r * 1.2, inner = r * 0.5
            let unit: [(Double, Double)] = [(0, -1), (0.5878, -0.809), (0.9511, -0.309), (0.9511, 0.309),
                                            (0.5878, 0.809), (0, 1), (-0.5878, 0.809), (-0.9511, 0.309),
                                            (-0.9511, -0.309), (-0.5878, -0.809)]
            let points = unit.enumerated().map { i, p in (x + p.0 * (i % 2 == 0 ? outer : inner),
                                                          y + p.1 * (i % 2 == 0 ? outer : inner)) }
            return SVGWriter.path(points) + " Z"
        case .cross:
            return "M\(n(x - r)) \(n(y - r)) L\(n(x + r)) \(n(y + r)) M\(n(x - r)) \(n(y + r)) L\(n(x + r)) \(n(y - r))"
        case .plus:
            return "M\(n(x - r)) \(n(y)) L\(n(x + r)) \(n(y)) M\(n(x)) \(n(y - r)) L\(n(x)) \(n(y + r))"
        case .circle, .square:
            return ""
        }
    }
}

/// Bar fills: the series colour with a white overprint that survives greyscale printing.
package enum Hatch: String, Sendable, Hashable, CaseIterable {
    case solid, diagonal, dots, horizontal, crosshatch, backDiagonal, vertical, grid

    /// A `<pattern>` for this hatch in `colour`, or nil for a plain fill.
    func pattern(id: String, colour: String) -> String? {
        let strokes: String
        switch self {
        case .solid: return nil
        case .diagonal: strokes = "<path d=\"M-1 1 L1 -1 M0 8 L8 0 M7 9 L9 7\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>"
        case .backDiagonal: strokes = "<path d=\"M-1 7 L1 9 M0 0 L8 8 M7 -1 L9 1\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>"
        case .dots: strokes = "<circle cx=\"2\" cy=\"2\" r=\"1.3\" fill=\"#FFFFFF\"/><circle cx=\"6\" cy=\"6\" r=\"1.3\" fill=\"#FFFFFF\"/>"
        case .horizontal: strokes = "<path d=\"M0 2 L8 2 M0 6 L8 6\" stroke=\"#FFFFFF\" stroke-width=\"1.2\"/>"
        case .vertical: strokes = "<path d=\"M2 0 L2 8 M6 0 L6 8\" stroke=\"#FFFFFF\" stroke-width=\"1.2\"/>"
        case .crosshatch: strokes = "<path d=\"M0 0 L8 8 M8 0 L0 8\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        case .grid: strokes = "<path d=\"M0 4 L8 4 M4 0 L4 8\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        }
        return "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">\n"
            + "<rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>" + strokes + "\n</pattern>\n"
    }
}
