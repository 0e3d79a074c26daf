/// The parts every chart shares: the `<svg>` element with its text alternative, axes with grid
/// lines and tick labels, and the legend.
struct ChartCanvas {
    var svg = SVGWriter()
    let id: String
    let width: Double
    let height: Double
    let numbers: NumberFormat

    init(id: String, title: String, summary: String, width: Double, height: Double, numbers: NumberFormat) {
        self.id = id
        self.width = width
        self.height = height
        self.numbers = numbers
        svg.start("svg", [
            "viewBox": .s("0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"),
            "width": .n(width), "height": .n(height), "role": .s("img"),
            "aria-labelledby": .s("\(id)-title \(id)-desc"), "class": .s("chart-svg"),
            "font-family": .s("DejaVu Sans, Verdana, sans-serif"),
        ])
        svg.label("title", id: "\(id)-title", title)
        svg.label("desc", id: "\(id)-desc", summary)
        svg.leaf("rect", ["width": .n(width), "height": .n(height), "fill": .s("#FFFFFF")])
    }

    /// Writes `<defs>` with one hatch pattern per bar series style, ids `<chart>-hatch-<i>`.
    mutating func hatchPatterns(count: Int) {
        let patterns = (0..<count).compactMap { index -> String? in
            let style = Palette.style(index)
            return style.hatch.pattern(id: hatchID(index), colour: style.colour)
        }
        guard !patterns.isEmpty else { return }
        svg.start("defs")
        for pattern in patterns { svg.raw(pattern) }
        svg.end()
    }

    /// The fill of bar series `index`: its pattern, or its plain colour.
    func barFill(_ index: Int) -> String {
        Palette.style(index).hatch == .solid ? Palette.style(index).colour : "url(#\(hatchID(index)))"
    }

    func hatchID(_ index: Int) -> String { "\(id)-hatch-\(index)" }

    /// Grid lines, ticks and labels for `x` along the bottom and `y` along the left.
    mutating func axes(x: Scale, y: Scale, xLabel: String, yLabel: String, xTicks: Bool = true, yTicks: Bool = true) {
        let bottom = y.from, top = y.to, left = x.from, right = x.to
        svg.start("g", ["class": .s("axes")])
        let xDigits = x.tickDigits(), yDigits = y.tickDigits()
        for tick in xTicks ? x.ticks() : [] {
            let px = x.position(tick)
            svg.leaf("line", ["x1": .n(px), "y1": .n(top), "x2": .n(px), "y2": .n(bottom), "stroke": .s(Palette.grid),
                              "stroke-width": .n(1)])
            svg.leaf("line", ["x1": .n(px), "y1": .n(bottom), "x2": .n(px), "y2": .n(bottom + 5),
                              "stroke": .s(Palette.axis), "stroke-width": .n(1)])
            svg.text(numbers.decimal(tick, digits: x.kind != .linear ? Scale.digits(for: tick) : xDigits), x: px, y: bottom + 18, anchor: "middle", size: 11)
        }
        for tick in yTicks ? y.ticks() : [] {
            let py = y.position(tick)
            svg.leaf("line", ["x1": .n(left), "y1": .n(py), "x2": .n(right), "y2": .n(py), "stroke": .s(Palette.grid),
                              "stroke-width": .n(1)])
            svg.leaf("line", ["x1": .n(left - 5), "y1": .n(py), "x2": .n(left), "y2": .n(py),
                              "stroke": .s(Palette.axis), "stroke-width": .n(1)])
            svg.text(numbers.decimal(tick, digits: y.kind != .linear ? Scale.digits(for: tick) : yDigits), x: left - 8, y: py + 4, anchor: "end", size: 11)
        }
        svg.leaf("path", ["d": .s(SVGWriter.path([(left, top), (left, bottom), (right, bottom)])), "fill": .s("none"),
                          "stroke": .s(Palette.axis), "stroke-width": .n(1)])
        if !xLabel.isEmpty { svg.text(xLabel, x: (left + right) / 2, y: bottom + 36, anchor: "middle", size: 12) }
        let middle = (top + bottom) / 2
        svg.text(yLabel, x: 14, y: middle, anchor: "middle", size: 12,
                 extra: ["transform": .s("rotate(-90 14 \(SVGWriter.number(middle)))")])
        svg.end()
    }

    /// What a legend entry shows beside its label.
    enum Key {
        case line(SeriesStyle, marker: Bool)
        case bar(index: Int)
        case reference(dash: String?)
        case swatch(fill: String, stroke: String?)
    }

    /// A legend in rows from (`x`, `y`), wrapping at `maxWidth`; returns the height it took.
    @discardableResult
    mutating func legend(_ entries: [(label: String, key: Key)], x: Double, y: Double, maxWidth: Double) -> Double {
        guard !entries.isEmpty else { return 0 }
        svg.start("g", ["class": .s("legend")])
        var cx = x, cy = y
        let rowHeight = 18.0
        for entry in entries {
            let itemWidth = 30 + SVGWriter.textWidth(entry.label, size: 11) + 14
            if cx > x, cx + itemWidth > x + maxWidth {
                cx = x
                cy += rowHeight
            }
            let mid = cy + 6
            switch entry.key {
            case .line(let style, let marker):
                svg.leaf("line", ["x1": .n(cx), "y1": .n(mid), "x2": .n(cx + 24), "y2": .n(mid), "stroke": .s(style.colour),
                                  "stroke-width": .n(2), "stroke-dasharray": .s(style.dash ?? "none")])
                if marker { style.marker.draw(&svg, x: cx + 12, y: mid, size: 8, colour: style.colour) }
            case .bar(let index):
                svg.leaf("rect", ["x": .n(cx + 4), "y": .n(cy), "width": .n(16), "height": .n(12), "fill": .s(barFill(index)),
                                  "stroke": .s(Palette.axis), "stroke-width": .n(0.5)])
            case .reference(let dash):
                svg.leaf("line", ["x1": .n(cx), "y1": .n(mid), "x2": .n(cx + 24), "y2": .n(mid), "stroke": .s(Palette.reference),
                                  "stroke-width": .n(1.5), "stroke-dasharray": .s(dash ?? "none")])
            case .swatch(let fill, let stroke):
                svg.leaf("rect", ["x": .n(cx + 4), "y": .n(cy), "width": .n(16), "height": .n(12), "fill": .s(fill),
                                  "stroke": .s(stroke ?? Palette.axis), "stroke-width": .n(0.5)])
            }
            svg.text(entry.label, x: cx + 30, y: cy + 10, size: 11)
            cx += itemWidth
        }
        svg.end()
        return cy - y + rowHeight
    }

    /// The height a legend of `labels` needs at `maxWidth`, to lay out the plot before drawing.
    static func legendHeight(_ labels: [String], maxWidth: Double) -> Double {
        guard !labels.isEmpty else { return 0 }
        var rows = 1, cx = 0.0
        for label in labels {
            let itemWidth = 30 + SVGWriter.textWidth(label, size: 11) + 14
            if cx > 0, cx + itemWidth > maxWidth {
                rows += 1
                cx = 0
            }
            cx += itemWidth
        }
        return Double(rows) * 18
    }

    mutating func finish() -> String {
        svg.end()
        return svg.markup
    }
}
