/// Curves on two axes: precision–recall with the prevalence baseline, ROC, DET (log axes) and
/// reliability diagrams.
package struct CurveChart: Sendable {
    /// One curve.
    package struct Series: Sendable, Hashable {
        package var label: String
        package var style: Int
        package var points: [CurvePoint]
        /// Drawn as a marker on the curve: the declared operating point.
        package var highlight: CurvePoint?

        package init(label: String, style: Int, points: [CurvePoint], highlight: CurvePoint? = nil) {
            self.label = label
            self.style = style
            self.points = points
            self.highlight = highlight
        }
    }

    /// How points are joined.
    package enum Joining: Sendable, Hashable {
        /// Straight lines between points.
        case line
        /// Horizontal then vertical, as a curve of thresholds is (precision–recall).
        case step
        /// Markers only, joined by a thin line (reliability diagrams).
        case markers
    }

    /// A line that is not data: a baseline or a diagonal.
    package enum Reference: Sendable, Hashable {
        case horizontal(Double, label: String)
        /// y = x over the visible domain.
        case diagonal(label: String)
    }

    package var id: String
    package var title: String
    package var summary: String
    package var x: Axis
    package var y: Axis
    package var joining: Joining
    package var series: [Series]
    package var references: [Reference]

    /// One axis: kind, domain and label.
    package struct Axis: Sendable, Hashable {
        package var kind: Scale.Kind
        package var domain: ClosedRange<Double>
        package var label: String

        package init(_ kind: Scale.Kind = .linear, _ domain: ClosedRange<Double> = 0...1, label: String) {
            self.kind = kind
            self.domain = domain
            self.label = label
        }
    }

    package init(id: String, title: String, summary: String, x: Axis, y: Axis, joining: Joining, series: [Series],
                 references: [Reference] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.x = x
        self.y = y
        self.joining = joining
        self.series = series
        self.references = references
    }

    package func render(_ language: Language) -> Chart {
        let numbers = language.numbers
        let width = 640.0, left = 64.0, right = 20.0
        let legendLabels = series.map(\.label) + references.map(\.label)
        let legendHeight = ChartCanvas.legendHeight(legendLabels, maxWidth: width - left - right)
        let top = 12 + legendHeight + 8, plotHeight = 300.0
        let height = top + plotHeight + 48
        var canvas = ChartCanvas(id: id, title: title, summary: summary, width: width, height: height, numbers: numbers)
        let xs = Scale(x.kind, domain: x.domain, range: (left, width - right))
        let ys = Scale(y.kind, domain: y.domain, range: (top + plotHeight, top))
        canvas.axes(x: xs, y: ys, xLabel: x.label, yLabel: y.label)

        var legend: [(label: String, key: ChartCanvas.Key)] = []
        canvas.svg.start("g", ["class": .s("references")])
        for reference in references {
            switch reference {
            case .horizontal(let value, let label):
                guard ys.contains(value) else { continue }
                let py = ys.position(value)
                canvas.svg.leaf("line", ["x1": .n(xs.from), "y1": .n(py), "x2": .n(xs.to), "y2": .n(py),
                                         "stroke": .s(Palette.reference), "stroke-width": .n(1.5),
                                         "stroke-dasharray": .s("5 4")])
                legend.append((label, .reference(dash: "5 4")))
            case .diagonal(let label):
                let low = max(xs.lower, ys.lower), high = min(xs.upper, ys.upper)
                guard low < high else { continue }
                canvas.svg.leaf("line", ["x1": .n(xs.position(low)), "y1": .n(ys.position(low)), "x2": .n(xs.position(high)),
                                         "y2": .n(ys.position(high)), "stroke": .s(Palette.reference),
                                         "stroke-width": .n(1.5), "stroke-dasharray": .s("2 3")])
                legend.append((label, .reference(dash: "2 3")))
            }
        }
        canvas.svg.end()

        for item in series {
            let style = Palette.style(item.style)
            let pixels = CurveChart.thinned(item.points.filter { xs.contains($0.x) && ys.contains($0.y) }
                .map { (xs.position($0.x), ys.position($0.y)) })
            canvas.svg.start("g", ["class": .s("series")])
            if pixels.count > 1 {
                let path = joining == .step ? CurveChart.stepPath(pixels) : SVGWriter.path(pixels)
                canvas.svg.leaf("path", ["d": .s(path), "fill": .s("none"), "stroke": .s(style.colour),
                                         "stroke-width": .n(joining == .markers ? 1 : 2),
                                         "stroke-dasharray": .s(style.dash ?? "none"), "stroke-linejoin": .s("round")])
            }
            if joining == .markers {
                for (px, py) in pixels { style.marker.draw(&canvas.svg, x: px, y: py, size: 8, colour: style.colour) }
            }
            if let highlight = item.highlight, xs.contains(highlight.x), ys.contains(highlight.y) {
                style.marker.draw(&canvas.svg, x: xs.position(highlight.x), y: ys.position(highlight.y), size: 11,
                                  colour: style.colour)
            }
            canvas.svg.end()
            legend.append((item.label, .line(style, marker: true)))
        }
        // Series first in the legend, then references, as in the layout computed above.
        let ordered = legend.filter { entry in series.contains { $0.label == entry.label } }
            + legend.filter { entry in !series.contains { $0.label == entry.label } }
        canvas.legend(ordered, x: left, y: 12, maxWidth: width - left - right)
        return Chart(id: id, title: title, summary: summary, svg: canvas.finish(), table: table(language, xs))
    }

    /// The fallback table: each series' y at the x axis ticks.
    private func table(_ language: Language, _ xs: Scale) -> DataTable {
        let numbers = language.numbers
        let ticks = xs.ticks(target: 10)
        let rows: [[DataTable.Cell]] = ticks.map { tick in
            [.number(numbers.decimal(tick, digits: max(xs.tickDigits(target: 10), 1)))]
                + series.map { .number(numbers.decimal(CurveChart.value(of: $0.points, at: tick, joining: joining), digits: 3)) }
        }
        return DataTable(caption: title + " — " + ChartWords.valuesAtTicks(language),
                         columns: [x.label] + series.map { $0.label + ": " + y.label }, rows: rows, style: "compact")
    }

    /// The curve's y at `x`: for steps, the best y among points at or beyond `x` (interpolated
    /// precision); for lines, linear interpolation between neighbours; nil outside the data.
    static func value(of points: [CurvePoint], at x: Double, joining: Joining) -> Double? {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !finite.isEmpty else { return nil }
        if joining == .step {
            return finite.filter { $0.x >= x - 1e-12 }.map(\.y).max()
        }
        let sorted = finite.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard let first = sorted.first, let last = sorted.last, x >= first.x - 1e-12, x <= last.x + 1e-12 else { return nil }
        for (a, b) in zip(sorted, sorted.dropFirst()) where x >= a.x && x <= b.x {
            return b.x == a.x ? max(a.y, b.y) : a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return sorted.last { $0.x <= x + 1e-12 }?.y
    }

    /// Drops points less than half a pixel from the last kept one; always keeps the last.
    static func thinned(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        for point in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if (point.0 - last.0).magnitude >= 0.5 || (point.1 - last.1).magnitude >= 0.5 { kept.append(point) }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// A step path: from each point, horizontally to the next x, then vertically to its y.
    static func stepPath(_ points: [(Double, Double)]) -> String {
        var d = "M" + SVGWriter.number(points[0].0) + " " + SVGWriter.number(points[0].1)
        for point in points.dropFirst() {
            d += " H" + SVGWriter.number(point.0) + " V" + SVGWriter.number(point.1)
        }
        return d
    }
}

extension CurveChart.Reference {
    var label: String {
        switch self {
        case .horizontal(_, let label), .diagonal(let label): label
        }
    }
}
