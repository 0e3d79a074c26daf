/// Point estimates with interval whiskers, one row each, grouped under headings: a forest plot.
package struct ForestPlot: Sendable {
    /// One estimate.
    package struct Row: Sendable, Hashable {
        package var label: String
        /// Rows with the same group are drawn under one heading, in the order given.
        package var group: String
        /// The series style (usually the method's index).
        package var series: Int
        package var estimate: Estimate

        package init(label: String, group: String, series: Int, estimate: Estimate) {
            self.label = label
            self.group = group
            self.series = series
            self.estimate = estimate
        }
    }

    package var id: String
    package var title: String
    package var summary: String
    package var axisLabel: String
    package var domain: ClosedRange<Double>
    package var rows: [Row]
    /// A vertical line, e.g. at 0 for differences.
    package var reference: Double?

    package init(id: String, title: String, summary: String, axisLabel: String, domain: ClosedRange<Double> = 0...1,
                 rows: [Row], reference: Double? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.axisLabel = axisLabel
        self.domain = domain
        self.rows = rows
        self.reference = reference
    }

    package func render(_ language: Language) -> Chart {
        let numbers = language.numbers
        let rowHeight = 22.0, headingHeight = 24.0, top = 12.0, width = 640.0
        let labelWidth = min(190, max(90, (rows.map { SVGWriter.textWidth($0.label, size: 12) }.max() ?? 0) + 24))
        let valueWidth = 150.0
        let groups = rows.reduce(into: [String]()) { if $0.last != $1.group { $0.append($1.group) } }
        let plotHeight = Double(rows.count) * rowHeight + Double(groups.count) * headingHeight
        let height = top + plotHeight + 48
        var canvas = ChartCanvas(id: id, title: title, summary: summary, width: width, height: height, numbers: numbers)
        let x = Scale(.linear, domain: domain, range: (labelWidth, width - valueWidth))
        let y = Scale(.linear, domain: 0...1, range: (top + plotHeight, top))
        canvas.axes(x: x, y: y, xLabel: axisLabel, yLabel: "", yTicks: false)
        if let reference, x.contains(reference) {
            let px = x.position(reference)
            canvas.svg.leaf("line", ["x1": .n(px), "y1": .n(top), "x2": .n(px), "y2": .n(top + plotHeight),
                                     "stroke": .s(Palette.reference), "stroke-width": .n(1.5),
                                     "stroke-dasharray": .s("4 3")])
        }
        var cy = top
        var previousGroup: String?
        canvas.svg.start("g", ["class": .s("rows")])
        for row in rows {
            if row.group != previousGroup {
                canvas.svg.text(row.group, x: 8, y: cy + 16, size: 12, weight: "bold")
                cy += headingHeight
                previousGroup = row.group
            }
            let mid = cy + rowHeight / 2
            let style = Palette.style(row.series)
            canvas.svg.text(row.label, x: 16, y: mid + 4, size: 12)
            let e = row.estimate
            if let lower = e.lower, let upper = e.upper {
                let x1 = x.position(lower), x2 = x.position(upper)
                canvas.svg.leaf("path", ["d": .s("M\(SVGWriter.number(x1)) \(SVGWriter.number(mid - 5)) V\(SVGWriter.number(mid + 5)) M\(SVGWriter.number(x1)) \(SVGWriter.number(mid)) H\(SVGWriter.number(x2)) M\(SVGWriter.number(x2)) \(SVGWriter.number(mid - 5)) V\(SVGWriter.number(mid + 5))"),
                                         "fill": .s("none"), "stroke": .s(style.colour), "stroke-width": .n(2)])
            }
            if let value = e.value {
                style.marker.draw(&canvas.svg, x: x.position(value), y: mid, size: 10, colour: style.colour)
                canvas.svg.text(numbers.estimate(e), x: width - valueWidth + 10, y: mid + 4, size: 11)
            } else {
                canvas.svg.text(ChartWords.notDefined(language), x: width - valueWidth + 10, y: mid + 4, size: 11,
                                fill: Palette.axis)
            }
            cy += rowHeight
        }
        canvas.svg.end()
        let table = DataTable(
            caption: title,
            columns: [ChartWords.row(language), ChartWords.group(language), ChartWords.estimate(language),
                      ChartWords.lower(language), ChartWords.upper(language)],
            rows: rows.map { row in
                [.text(row.label), .text(row.group), .number(numbers.decimal(row.estimate.value, digits: 3)),
                 .number(numbers.decimal(row.estimate.lower, digits: 3)),
                 .number(numbers.decimal(row.estimate.upper, digits: 3))]
            }, style: "compact")
        return Chart(id: id, title: title, summary: summary, svg: canvas.finish(), table: table)
    }
}
