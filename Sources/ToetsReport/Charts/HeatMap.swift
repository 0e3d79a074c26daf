import Foundation

/// A grid of ratios (a stratum's false-positive rate over the overall rate), one cell per row and
/// column, each printed with its value and, beneath it, the absolute harm behind the ratio
/// ("107 of 134" legitimate accounts flagged) or n where that count is not known; suppressed
/// cells are hatched and say so. Column headers shrink, then break at hyphens, to fit their cell.
///
/// Colour runs from blue (below 1) through white (1) to vermillion (above 1) on a log scale,
/// clipped at a quarter and at four. The value is printed in every cell, so the colour is never
/// the only cue, and cells at twice the overall rate or more get a heavy border.
package struct HeatMap: Sendable {
    /// One cell.
    package struct Cell: Sendable, Hashable {
        package var estimate: Estimate
        package var n: Int
        package var suppressed: Bool
        /// The legitimate accounts flagged, of how many legitimate accounts; nil when not known.
        package var harm: Harm?

        package init(estimate: Estimate, n: Int, suppressed: Bool, harm: Harm? = nil) {
            self.estimate = estimate
            self.n = n
            self.suppressed = suppressed
            self.harm = harm
        }
    }

    /// Legitimate accounts flagged, of how many.
    package struct Harm: Sendable, Hashable {
        package var flagged: Int
        package var of: Int

        package init(flagged: Int, of: Int) {
            self.flagged = flagged
            self.of = of
        }
    }

    package var id: String
    package var title: String
    package var summary: String
    package var rows: [String]
    package var columns: [String]
    /// `cells[row][column]`.
    package var cells: [[Cell]]
    /// Said in the legend and in suppressed cells, e.g. "fewer than 10 accounts".
    package var suppressedLabel: String

    package init(id: String, title: String, summary: String, rows: [String], columns: [String], cells: [[Cell]],
                 suppressedLabel: String) {
        precondition(cells.count == rows.count && cells.allSatisfy { $0.count == columns.count },
                     "a heat map needs one cell per row and column")
        self.id = id
        self.title = title
        self.summary = summary
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.suppressedLabel = suppressedLabel
    }

    /// The fill for a ratio: a blend from white towards blue or vermillion by |log2 ratio| ≤ 2.
    static func colour(for ratio: Double) -> String {
        guard ratio.isFinite, ratio > 0 else { return "#FFFFFF" }
        let strength = min(log2(ratio).magnitude / 2, 1)
        // Okabe–Ito blue and vermillion, lightened towards white.
        let target: (Double, Double, Double) = ratio < 1 ? (0, 114, 178) : (213, 94, 0)
        func channel(_ value: Double) -> Int { Int((255 + (value - 255) * strength * 0.85).rounded()) }
        return hex(channel(target.0), channel(target.1), channel(target.2))
    }

    /// Black or white text, whichever reads better on `fill`.
    static func textColour(on fill: String) -> String {
        let bytes = Array(fill.utf8.dropFirst())
        func component(_ offset: Int) -> Double {
            Double(Int(String(decoding: bytes[offset..<offset + 2], as: UTF8.self), radix: 16) ?? 255) / 255
        }
        let luminance = 0.2126 * component(0) + 0.7152 * component(2) + 0.0722 * component(4)
        return luminance < 0.45 ? "#FFFFFF" : "#000000"
    }

    private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [r, g, b].map { String([digits[($0 >> 4) & 15], digits[$0 & 15]]) }.joined()
    }

    /// A cell's second line: the absolute harm behind its ratio where known, else its n.
    static func detail(_ cell: Cell, _ language: Language) -> String {
        let numbers = language.numbers
        guard !cell.suppressed, let harm = cell.harm else { return "n\u{00A0}=\u{00A0}" + numbers.integer(cell.n) }
        return ChartWords.countOf.filled(["n": numbers.integer(harm.flagged), "total": numbers.integer(harm.of)])(language)
            .replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// A column header that fits `width`: at 12 points, else 10, else broken at hyphens into lines
    /// at 10 points, or at 8; a part still too wide (a name with no hyphen) is broken where it must be.
    static func header(_ text: String, width: Double) -> (lines: [String], size: Double) {
        for size in [12.0, 10.0] where fits(text, size: size, width: width) { return ([text], size) }
        for size in [10.0, 8.0] {
            let lines = broken(text, size: size, width: width)
            if lines.allSatisfy({ fits($0, size: size, width: width) }) || size == 8 {
                return (lines.flatMap { fits($0, size: size, width: width) ? [$0] : chopped($0, size: size, width: width) }, size)
            }
        }
        return ([text], 8)
    }

    /// Whether `text` fits `width`; bold text is wider than the plain estimate, so it gets a tenth to spare.
    static func fits(_ text: String, size: Double, width: Double, bold: Bool = true) -> Bool {
        SVGWriter.textWidth(text, size: size) * (bold ? 1.1 : 1) <= width
    }

    /// `text` broken after hyphens into lines as wide as `width` allows.
    static func broken(_ text: String, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in text.split(separator: "-", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? part : line + "-" + part
            if !line.isEmpty, !fits(candidate, size: size, width: width) {
                lines.append(line + "-")
                line = part
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` cut into pieces as wide as `width` allows, each but the last ending in a hyphen.
    static func chopped(_ text: String, size: Double, width: Double) -> [String] {
        let perLine = max(2, Int(width / (size * 0.6 * 1.1)) - 1)
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.count > perLine + 1 {
            pieces.append(String(rest.prefix(perLine)) + "-")
            rest = rest.dropFirst(perLine)
        }
        return pieces + [String(rest)]
    }

    /// The largest size from `sizes` at which `text` fits `width`; the smallest when none does.
    static func size(_ text: String, from sizes: [Double], width: Double, bold: Bool = false) -> Double {
        sizes.first { fits(text, size: $0, width: width, bold: bold) } ?? sizes.last!
    }

    package func render(_ language: Language) -> Chart {
        let numbers = language.numbers
        let width = 640.0, cellHeight = 40.0
        let labelWidth = min(220, max(100, (rows.map { SVGWriter.textWidth($0, size: 12) }.max() ?? 0) + 16))
        let cellWidth = min(140, (width - labelWidth - 12) / Double(max(columns.count, 1)))
        let legendTop = 8.0, legendHeight = 40.0
        let top = legendTop + legendHeight + 30
        let height = top + Double(rows.count) * cellHeight + 16
        var canvas = ChartCanvas(id: id, title: title, summary: summary, width: width, height: height, numbers: numbers)
        canvas.svg.start("defs")
        canvas.svg.raw("<pattern id=\"\(id)-suppressed\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">\n"
            + "<rect width=\"8\" height=\"8\" fill=\"#F2F2F2\"/><path d=\"M-1 1 L1 -1 M0 8 L8 0 M7 9 L9 7\" stroke=\""
            + Palette.suppressed + "\" stroke-width=\"1.5\"/>\n</pattern>\n")
        canvas.svg.end()

        let swatches: [Double] = [0.25, 0.5, 1, 2, 4]
        var legend: [(label: String, key: ChartCanvas.Key)] = swatches.map { ratio in
            (numbers.decimal(ratio, digits: 2), .swatch(fill: HeatMap.colour(for: ratio), stroke: nil))
        }
        legend.append((suppressedLabel, .swatch(fill: "url(#\(id)-suppressed)", stroke: nil)))
        canvas.svg.text(ChartWords.ratioLegend(language), x: 8, y: legendTop + 10, size: 11, weight: "bold")
        canvas.legend(legend, x: 8, y: legendTop + 18, maxWidth: width - 16)

        for (index, column) in columns.enumerated() {
            let (lines, size) = HeatMap.header(column, width: cellWidth - 6)
            for (line, text) in lines.enumerated() {
                canvas.svg.text(text, x: labelWidth + (Double(index) + 0.5) * cellWidth,
                                y: top - 8 - Double(lines.count - 1 - line) * (size + 1), anchor: "middle", size: size,
                                weight: "bold")
            }
        }
        canvas.svg.start("g", ["class": .s("cells")])
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * cellHeight
            let rowSize = HeatMap.size(row, from: [12, 11, 10, 9, 8], width: labelWidth - 10)
            canvas.svg.text(row, x: labelWidth - 8, y: y + cellHeight / 2 + 4, anchor: "end", size: rowSize)
            for (c, cell) in cells[r].enumerated() {
                let x = labelWidth + Double(c) * cellWidth
                let value = cell.suppressed ? nil : cell.estimate.value
                let fill = cell.suppressed ? "url(#\(id)-suppressed)" : value.map(HeatMap.colour(for:)) ?? "#FFFFFF"
                let strong = (value ?? 0) >= 2
                canvas.svg.leaf("rect", ["x": .n(x + 1), "y": .n(y + 1), "width": .n(cellWidth - 2),
                                         "height": .n(cellHeight - 2), "fill": .s(fill),
                                         "stroke": .s(strong ? "#000000" : Palette.grid), "stroke-width": .n(strong ? 2.5 : 1)])
                let ink = cell.suppressed || value == nil ? "#000000" : HeatMap.textColour(on: fill)
                let mainText = cell.suppressed ? ChartWords.suppressed(language)
                    : value.map { numbers.decimal($0, digits: 2) } ?? ChartWords.notDefined(language)
                canvas.svg.text(mainText, x: x + cellWidth / 2, y: y + 18, anchor: "middle",
                                size: HeatMap.size(mainText, from: [12, 10, 9, 8], width: cellWidth - 6, bold: !cell.suppressed),
                                weight: cell.suppressed ? nil : "bold", fill: ink)
                let detail = HeatMap.detail(cell, language)
                canvas.svg.text(detail, x: x + cellWidth / 2, y: y + 32, anchor: "middle",
                                size: HeatMap.size(detail, from: [10, 9, 8, 7], width: cellWidth - 6), fill: ink)
            }
        }
        canvas.svg.end()
        var tableRows: [[DataTable.Cell]] = []
        for (r, row) in rows.enumerated() {
            for (c, column) in columns.enumerated() {
                let cell = cells[r][c]
                tableRows.append([
                    .text(row), .text(column), .number(numbers.integer(cell.n)),
                    .number(cell.harm.map { ChartWords.countOf.filled(["n": numbers.integer($0.flagged),
                                                                        "total": numbers.integer($0.of)])(language) } ?? "–"),
                    cell.suppressed ? .text(ChartWords.suppressed(language))
                        : .number(numbers.estimate(cell.estimate, digits: 2)),
                ])
            }
        }
        let table = DataTable(caption: title, columns: [ChartWords.row(language), ChartWords.column(language), "n",
                                                        ChartWords.legitimateFlagged(language), ChartWords.estimate(language)],
                              rows: tableRows, style: "compact")
        return Chart(id: id, title: title, summary: summary, svg: canvas.finish(), table: table)
    }
}
