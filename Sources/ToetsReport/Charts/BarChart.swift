/// Grouped vertical bars, one group per category and one bar per series, with optional interval
/// whiskers and the value above each bar.
package struct BarChart: Sendable {
    /// One series of bars.
    package struct Series: Sendable, Hashable {
        package var label: String
        package var style: Int
        /// One per category.
        package var values: [Estimate]

        package init(label: String, style: Int, values: [Estimate]) {
            self.label = label
            self.style = style
            self.values = values
        }
    }

    package var id: String
    package var title: String
    package var summary: String
    package var categories: [String]
    package var series: [Series]
    package var valueLabel: String
    /// Nil: from 0 to a nice bound above the largest value or interval bound.
    package var domain: ClosedRange<Double>?
    /// Decimals of the printed values (0 for counts).
    package var digits: Int

    package init(id: String, title: String, summary: String, categories: [String], series: [Series],
                 valueLabel: String, domain: ClosedRange<Double>? = nil, digits: Int = 2) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "a bar chart needs a value per category")
        self.id = id
        self.title = title
        self.summary = summary
        self.categories = categories
        self.series = series
        self.valueLabel = valueLabel
        self.domain = domain
        self.digits = digits
    }

    package func render(_ language: Language) -> Chart {
        let numbers = language.numbers
        let width = 640.0, left = 64.0, right = 16.0
        let legendHeight = ChartCanvas.legendHeight(series.map(\.label), maxWidth: width - left - right)
        let top = 12 + legendHeight + 22, plotHeight = 240.0
        let height = top + plotHeight + 50
        let largest = series.flatMap { $0.values.compactMap { $0.upper ?? $0.value } }.max() ?? 1
        // Counts (no digits) get whole-number ticks: at least 0 to 5.
        let resolved = domain ?? Scale.niceDomain(0, max(largest, digits == 0 ? 5 : 0.1))
        var canvas = ChartCanvas(id: id, title: title, summary: summary, width: width, height: height, numbers: numbers)
        canvas.hatchPatterns(count: series.map(\.style).max().map { $0 + 1 } ?? 0)
        let y = Scale(.linear, domain: resolved, range: (top + plotHeight, top))
        let x = Scale(.linear, domain: 0...Double(max(categories.count, 1)), range: (left, width - right))
        canvas.axes(x: x, y: y, xLabel: "", yLabel: valueLabel, xTicks: false)
        let groupWidth = (x.to - x.from) / Double(max(categories.count, 1))
        let barWidth = min(48, groupWidth * 0.8 / Double(max(series.count, 1)))
        for (c, category) in categories.enumerated() {
            let groupLeft = x.from + Double(c) * groupWidth
            canvas.svg.text(category, x: groupLeft + groupWidth / 2, y: y.from + 18, anchor: "middle", size: 11)
            let barsLeft = groupLeft + (groupWidth - barWidth * Double(series.count)) / 2
            canvas.svg.start("g", ["class": .s("bars")])
            for (s, item) in series.enumerated() {
                let estimate = item.values[c]
                let bx = barsLeft + Double(s) * barWidth
                guard let value = estimate.value else {
                    canvas.svg.text("–", x: bx + barWidth / 2, y: y.from - 4, anchor: "middle", size: 11)
                    continue
                }
                let py = y.position(value)
                canvas.svg.leaf("rect", ["x": .n(bx + 1), "y": .n(py), "width": .n(barWidth - 2),
                                         "height": .n(max(0, y.from - py)), "fill": .s(canvas.barFill(item.style)),
                                         "stroke": .s(Palette.axis), "stroke-width": .n(0.5)])
                var labelY = py - 4
                if let lower = estimate.lower, let upper = estimate.upper {
                    let y1 = y.position(lower), y2 = y.position(upper), mid = bx + barWidth / 2
                    canvas.svg.leaf("path", ["d": .s("M\(SVGWriter.number(mid - 4)) \(SVGWriter.number(y1)) H\(SVGWriter.number(mid + 4)) M\(SVGWriter.number(mid)) \(SVGWriter.number(y1)) V\(SVGWriter.number(y2)) M\(SVGWriter.number(mid - 4)) \(SVGWriter.number(y2)) H\(SVGWriter.number(mid + 4))"),
                                             "fill": .s("none"), "stroke": .s("#000000"), "stroke-width": .n(1.25)])
                    labelY = min(labelY, y2 - 4)
                }
                canvas.svg.text(numbers.decimal(value, digits: digits), x: bx + barWidth / 2, y: labelY, anchor: "middle",
                                size: 10)
            }
            canvas.svg.end()
        }
        canvas.legend(series.map { ($0.label, .bar(index: $0.style)) }, x: left, y: 12, maxWidth: width - left - right)
        var rows: [[DataTable.Cell]] = []
        for (c, category) in categories.enumerated() {
            for item in series {
                let e = item.values[c]
                rows.append([.text(category), .text(item.label), .number(numbers.decimal(e.value, digits: digits)),
                             .number(numbers.decimal(e.lower, digits: digits)),
                             .number(numbers.decimal(e.upper, digits: digits))])
            }
        }
        let table = DataTable(caption: title, columns: [ChartWords.category(language), ChartWords.series(language),
                                                        valueLabel, ChartWords.lower(language), ChartWords.upper(language)],
                              rows: rows, style: "compact")
        return Chart(id: id, title: title, summary: summary, svg: canvas.finish(), table: table)
    }
}
