import Foundation
import Testing
@testable import ToetsReport

/// The SVG charts: text alternatives, values at the right coordinates, no NaN, styles apart.
@Suite struct ChartTests {
    static func close(_ a: Double?, _ b: Double?, within tolerance: Double = 0.02) -> Bool {
        guard let a, let b else { return false }
        return (a - b).magnitude <= tolerance
    }

    @Test func everyChartInTheReportHasATitleAndDescriptionItPointsTo() throws {
        for language in Language.allCases {
            let html = KlankbordReport(ReportFixture.input, language: language).html + Kamerbrief(ReportFixture.input).html
            let charts = SVGInspection.charts(in: html)
            #expect(charts.count >= 8, "PR, forest, precision@k, differences, DET, calibration, strata, errors, letter")
            for chart in charts {
                let svg = try SVGInspection(chart)
                #expect(svg.attribute(svg.root, "role") == "img")
                let labels = try #require(svg.attribute(svg.root, "aria-labelledby")).split(separator: " ").map(String.init)
                #expect(labels.count == 2)
                let title = try #require(svg.elements("title").first)
                let desc = try #require(svg.elements("desc").first)
                #expect(svg.attribute(title, "id") == labels[0] && svg.attribute(desc, "id") == labels[1])
                #expect((title.stringValue ?? "").count > 5 && (desc.stringValue ?? "").count > 20)
            }
        }
    }

    @Test func everyChartComesWithADataTable() {
        let html = KlankbordReport(ReportFixture.input, language: .en).html
        let figures = html.components(separatedBy: "<figure class=\"chart\"").dropFirst()
        #expect(figures.count == 11)  // 8, and section 7a's ranks, sweep and planted campaigns
        for figure in figures {
            let body = figure.components(separatedBy: "</figure>")[0]
            #expect(body.contains("<details class=\"chart-data\">") && body.contains("<table") && body.contains("<caption>"))
        }
    }

    @Test func forestPlotPutsTheEstimateAndItsIntervalWhereTheAxisSays() throws {
        let chart = ForestPlot(id: "f", title: "Test forest", summary: "One estimate with an interval.", axisLabel: "Value",
                               rows: [.init(label: "m", group: "F1", series: 0,
                                            estimate: Estimate(0.25, lower: 0.1, upper: 0.5))]).render(.en)
        let svg = try SVGInspection(chart.svg)
        let zero = try #require(svg.xTick("0.0")), one = try #require(svg.xTick("1.0"))
        let marker = try #require(svg.elements("circle").first)
        #expect(ChartTests.close(svg.number(marker, "cx"), zero + 0.25 * (one - zero)))
        let whisker = try #require(svg.elements("path").first { svg.attribute($0, "stroke") == Palette.colours[0] })
        let xs = SVGInspection.moves(in: svg.attribute(whisker, "d") ?? "").map(\.0)
        #expect(xs.count == 3, "two caps and the line between them")
        #expect(ChartTests.close(xs.min(), zero + 0.1 * (one - zero)))
        #expect(ChartTests.close(xs.max(), zero + 0.5 * (one - zero)))
        #expect(chart.table.rows == [[.text("m"), .text("F1"), .number("0.250"), .number("0.100"), .number("0.500")]])
    }

    @Test func curveChartMapsPointsOnLinearAxes() throws {
        let chart = CurveChart(id: "c", title: "Test curve", summary: "A line through three points.",
                               x: .init(label: "x"), y: .init(label: "y"), joining: .line,
                               series: [.init(label: "s", style: 0, points: [CurvePoint(0, 1), CurvePoint(0.5, 0.25),
                                                                             CurvePoint(1, 0)])]).render(.en)
        let svg = try SVGInspection(chart.svg)
        let x0 = try #require(svg.xTick("0.0")), x1 = try #require(svg.xTick("1.0"))
        let y0 = try #require(svg.yTick("0.0")), y1 = try #require(svg.yTick("1.0"))
        let line = try #require(svg.elements("path").first { svg.attribute($0, "stroke") == Palette.colours[0] })
        let points = SVGInspection.points(in: svg.attribute(line, "d") ?? "")
        #expect(points.count == 3)
        #expect(ChartTests.close(points[1].0, x0 + 0.5 * (x1 - x0)))
        #expect(ChartTests.close(points[1].1, y0 + 0.25 * (y1 - y0)))
        #expect(ChartTests.close(points[0].1, y1) && ChartTests.close(points[2].0, x1))
    }

    @Test func logAxisPutsEachDecadeAnEqualDistanceApart() throws {
        let chart = CurveChart(id: "d", title: "Test DET", summary: "A curve on a log axis.",
                               x: .init(.log, 0.001...1, label: "rate"), y: .init(label: "miss"), joining: .line,
                               series: [.init(label: "s", style: 0, points: [CurvePoint(0.01, 0.5), CurvePoint(0.1, 0.2)])])
            .render(.en)
        let svg = try SVGInspection(chart.svg)
        let a = try #require(svg.xTick("0.001")), b = try #require(svg.xTick("0.01")), c = try #require(svg.xTick("0.1"))
        #expect(ChartTests.close(b - a, c - b))
        let line = try #require(svg.elements("path").first { svg.attribute($0, "stroke") == Palette.colours[0] })
        let points = SVGInspection.points(in: svg.attribute(line, "d") ?? "")
        #expect(ChartTests.close(points.first?.0, b) && ChartTests.close(points.last?.0, c))
    }

    @Test func barHeightsAreProportionalToTheirValues() throws {
        let chart = BarChart(id: "b", title: "Test bars", summary: "Two bars.", categories: ["a"],
                             series: [.init(label: "one", style: 0, values: [Estimate(0.2)]),
                                      .init(label: "two", style: 1, values: [Estimate(0.8)])],
                             valueLabel: "v", domain: 0...1).render(.en)
        let svg = try SVGInspection(chart.svg)
        let bars = svg.elements("rect").filter { svg.attribute($0, "fill")?.hasPrefix("#0072B2") == true
            || svg.attribute($0, "fill")?.hasPrefix("url(#b-hatch-1)") == true }
            .filter { (svg.number($0, "width") ?? 0) > 20 }
        #expect(bars.count == 2)
        let heights = bars.compactMap { svg.number($0, "height") }
        #expect(ChartTests.close(heights[1] / heights[0], 4, within: 0.01))
    }

    @Test func heatMapShowsValuesAndNAndMarksSuppressedCells() throws {
        let chart = HeatMap(id: "h", title: "Test heat map", summary: "Two cells, one suppressed.", rows: ["platform: x"],
                            columns: ["m1", "m2"],
                            cells: [[HeatMap.Cell(estimate: Estimate(2.5), n: 120, suppressed: false),
                                     HeatMap.Cell(estimate: Estimate(9.9), n: 4, suppressed: true)]],
                            suppressedLabel: "suppressed (n < 10)").render(.en)
        let svg = try SVGInspection(chart.svg)
        let texts = svg.elements("text").compactMap(\.stringValue)
        #expect(texts.contains("2.50") && texts.contains("n\u{00A0}=\u{00A0}120") && texts.contains("n\u{00A0}=\u{00A0}4"))
        #expect(texts.contains("suppressed") && !texts.contains("9.90"), "a suppressed value is never printed")
        let cells = svg.elements("rect").filter { svg.attribute($0, "x") != nil && (svg.number($0, "height") ?? 0) > 30 }
        #expect(cells.count == 2)
        #expect(svg.attribute(cells[1], "fill") == "url(#h-suppressed)")
        #expect(svg.attribute(cells[0], "stroke-width") == "2.5", "twice the overall rate gets a heavy border")
        #expect(HeatMap.colour(for: 1) == "#FFFFFF")
        #expect(HeatMap.colour(for: 4) != HeatMap.colour(for: 0.25))
    }

    @Test func nonFiniteValuesNeverReachTheSVG() throws {
        let bad: [Double] = [.nan, .infinity, -.infinity]
        var svgs: [String] = []
        svgs.append(ForestPlot(id: "f", title: "t", summary: "s", axisLabel: "a", rows: bad.map {
            .init(label: "r", group: "g", series: 0, estimate: Estimate($0, lower: $0, upper: 0.5))
        }).render(.en).svg)
        svgs.append(CurveChart(id: "c", title: "t", summary: "s", x: .init(.log, 0.001...1, label: "x"), y: .init(label: "y"),
                               joining: .step, series: [.init(label: "s", style: 0,
                                                              points: bad.map { CurvePoint($0, 0.5) } + [CurvePoint(0, 0.1),
                                                                      CurvePoint(0.5, .nan), CurvePoint(0.5, 0.5)])],
                               references: [.horizontal(.nan, label: "nan")]).render(.en).svg)
        svgs.append(BarChart(id: "b", title: "t", summary: "s", categories: ["a", "b", "c"],
                             series: [.init(label: "s", style: 0, values: bad.map { Estimate($0) })],
                             valueLabel: "v").render(.en).svg)
        svgs.append(HeatMap(id: "h", title: "t", summary: "s", rows: ["r"], columns: ["a", "b", "c"],
                            cells: [bad.map { HeatMap.Cell(estimate: Estimate($0), n: 3, suppressed: false) }],
                            suppressedLabel: "x").render(.en).svg)
        svgs += SVGInspection.charts(in: KlankbordReport(ReportFixture.input, language: .nl).html)
        for svg in svgs {
            let inspection = try SVGInspection(svg)
            for element in inspection.elements("*") {
                for attribute in element.attributes ?? [] {
                    let value = attribute.stringValue ?? ""
                    #expect(!value.lowercased().contains("nan") && !value.lowercased().contains("inf"),
                            "\(attribute.name ?? "")=\(value)")
                    if ["x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2"].contains(attribute.name ?? "") {
                        #expect(Double(value)?.isFinite == true, "\(attribute.name ?? "")=\(value)")
                    }
                }
            }
        }
    }

    @Test func seriesStylesDifferInMarkerDashAndHatchNotOnlyInColour() {
        let styles = (0..<8).map(Palette.style)
        for i in 0..<8 {
            for j in (i + 1)..<8 {
                #expect(styles[i].colour != styles[j].colour)
                #expect(styles[i].marker != styles[j].marker)
                #expect(styles[i].dash != styles[j].dash)
                #expect(styles[i].hatch != styles[j].hatch)
            }
        }
        // Okabe–Ito: the eight colours of the colour-blind-safe palette, yellow last.
        #expect(Set(Palette.colours) == ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"])
        #expect(Palette.colours.last == "#F0E442")
    }

    @Test func chartLabelsAreEscapedAndGuarded() throws {
        let chart = BarChart(id: "e", title: "A <b> & \"c\"", summary: "Reach us at someone@example.org",
                             categories: ["<script>"], series: [.init(label: "x&y", style: 0, values: [Estimate(1)])],
                             valueLabel: "v").render(.en)
        #expect(!chart.svg.contains("<script>") && chart.svg.contains("&lt;script&gt;"))
        #expect(!chart.svg.contains("someone@example.org"))
        _ = try SVGInspection(chart.svg)
    }
}

@Suite struct PrecisionRecallInterpolationTests {
    @Test func betweenPublishedPointsPrecisionFollowsTheCountsNotAStraightLine() {
        // 10 campaign and 10 other accounts; one published point: recall 0.5 at precision 1 (5 and 0).
        let curve = PrecisionRecallInterpolation.densify([CurvePoint(0.5, 1)], positives: 10, negatives: 10, steps: 2)
        #expect(curve.first == CurvePoint(0, 1))  // the first stretch's own precision
        #expect(curve.contains(CurvePoint(0.5, 1)))
        // Halfway from (5, 0) to (10, 10): 7.5 and 5, precision 0.6 (a straight line would say 0.75).
        #expect(curve.contains(CurvePoint(0.75, 0.6)))
        #expect(curve.last == CurvePoint(1, 0.5))  // everything flagged: the prevalence
        #expect(PrecisionRecallInterpolation.densify([], positives: 10, negatives: 10).isEmpty)
    }
}
