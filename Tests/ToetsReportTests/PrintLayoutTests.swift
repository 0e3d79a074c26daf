import Foundation
import Testing
@testable import ToetsReport

/// The printed documents read well: no heading or table caption left alone at the foot of a page,
/// no table continued on a page without its header, no two words printed over each other and none
/// pushed past the page's margins (a heat map's labels that overlap or are clipped). Checked on the
/// words and their boxes that poppler's pdftotext finds in weasyprint's PDFs.
@Suite struct PrintLayoutTests {
    /// A word and its box on a page, in points from the top left.
    struct Word: Equatable {
        var text: String
        var xMin, yMin, xMax, yMax: Double
    }

    /// One printed page: its size and its words.
    struct Page {
        var width, height: Double
        var words: [Word]

        /// The words of the body, without the running header and the page number in the margins.
        var body: [Word] { words.filter { $0.yMin > PrintLayoutTests.topMargin - 2 && $0.yMax < height - PrintLayoutTests.bottomMargin + 2 } }

        /// Visual lines of the body: words on one baseline, left to right, top to bottom.
        var lines: [(y: Double, text: String, words: [Word])] {
            var rows: [(y: Double, words: [Word])] = []
            for word in body.sorted(by: { $0.yMax < $1.yMax }) {
                if let last = rows.indices.last, abs(rows[last].y - word.yMax) < 2 {
                    rows[last].words.append(word)
                } else {
                    rows.append((word.yMax, [word]))
                }
            }
            return rows.map { row in
                let sorted = row.words.sorted { $0.xMin < $1.xMin }
                return (row.y, sorted.map(\.text).joined(separator: " "), sorted)
            }
        }
    }

    /// The page margins of the stylesheet, in points (22 mm top, 18 mm at the sides, 20 mm below).
    static let topMargin = 22 / 25.4 * 72, sideMargin = 18 / 25.4 * 72, bottomMargin = 20 / 25.4 * 72

    /// The pages of `pdf` as pdftotext's `-bbox` sees them.
    static func pages(_ pdf: [UInt8]) throws -> [Page] {
        let (xhtml, _) = try PDFRenderingTests.poppler("pdftotext", ["-bbox", "{pdf}", "-"], pdf: pdf)
        var pages: [Page] = []
        for line in xhtml.split(separator: "\n") {
            let text = String(line)
            if text.contains("<page ") {
                pages.append(Page(width: number(text, "width"), height: number(text, "height"), words: []))
            } else if text.contains("<word "), let start = text.firstIndex(of: ">"), let end = text.range(of: "</word>") {
                let content = String(text[text.index(after: start)..<end.lowerBound])
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\u{00A0}", with: " ")
                pages[pages.count - 1].words.append(Word(text: content, xMin: number(text, "xMin"), yMin: number(text, "yMin"),
                                                         xMax: number(text, "xMax"), yMax: number(text, "yMax")))
            }
        }
        return pages
    }

    static func number(_ line: String, _ attribute: String) -> Double {
        guard let start = line.range(of: " \(attribute)=\"") else { return 0 }
        return Double(line[start.upperBound...].prefix { $0 != "\"" }) ?? 0
    }

    /// The markup inside every element `tag` in `html`.
    static func inner(_ tag: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)"), let close = rest[open.upperBound...].range(of: "</\(tag)>") {
            result.append(String(rest[open.upperBound..<close.lowerBound].drop { $0 != ">" }.dropFirst()))
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// The text of every element `tag` in `html`, tags stripped and spaces collapsed.
    static func texts(_ tag: String, in html: String) -> [String] {
        inner(tag, in: html).map(plain)
    }

    /// Markup to the words it prints.
    static func plain(_ markup: String) -> String {
        var text = "", inTag = false
        for character in markup {
            if character == "<" { inTag = true; text.append(" ") } else if character == ">" { inTag = false } else if !inTag {
                text.append(character)
            }
        }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\u{00A0}", with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every printed document of `input`, with the HTML it was printed from.
    static func printed(_ input: ReportInput) throws -> [(name: String, html: String, pages: [Page])] {
        var bundle = ReportBundle(input)
        try bundle.addPDFs(PDFRenderer())
        return try ReportBundle.printed.map { name in
            let html = try #require(bundle[name]).text
            let pdf = try #require(bundle[String(name.dropLast(".html".count)) + ".pdf"])
            return (name, html, try pages(pdf.bytes))
        }
    }

    /// Every printed document of every input, named `input: document`, printed once for all the tests here.
    static let documents: Result<[(name: String, html: String, pages: [Page])], any Error> = Result {
        try inputs.flatMap { inputName, input in
            try printed(input).map { ("\(inputName): \($0.name)", $0.html, $0.pages) }
        }
    }

    /// The fixture, and a harder one: six methods with long names, one without a hyphen to break
    /// at, long stratum labels, and sixty campaigns, so that tables run over pages.
    static var inputs: [(name: String, input: ReportInput)] {
        var hard = ReportFixture.input
        let names = ["account-signals", "coordinatedsharingdetector", "co-share-example-team"]
        for (index, name) in names.enumerated() {
            var method = ReportFixture.methods[index]
            method.name = name
            hard.methods.append(method)
        }
        let all = hard.methods.map(\.name)
        hard.strata += [("municipality", "súdwest-fryslân"), ("platform", "telegram + (other)")].flatMap { dimension, cell in
            all.map { method in
                var stratum = StratumCell(dimension: dimension, cell: cell, method: method, accounts: 140, negatives: 134,
                                          suppressed: false, falsePositiveRateRatio: Estimate(1.14, lower: 0.9, upper: 1.4))
                stratum.falsePositives = 107
                return stratum
            }
        }
        hard.campaigns = (1...60).map { number in
            CampaignRecall(campaign: "C\(number)", accounts: 40 + number, found: all.map { MethodCount($0, 10 + number % 20) })
        }
        return [("fixture", ReportFixture.input), ("long names", hard)]
    }

    @Test(.enabled(if: PDFRenderingTests.toolsPresent, Comment(rawValue: PDFRenderingTests.skipNote)))
    func noHeadingOrCaptionIsLeftAloneAtTheFootOfAPage() throws {
        for document in try Self.documents.get() {
            let headings = ["h1", "h2", "h3", "h4", "caption"].flatMap { Self.texts($0, in: document.html) }
                .filter { $0.count >= 4 }
            let contents = [DocumentWords.contents(.en), DocumentWords.contents(.nl)]
            for (number, page) in document.pages.enumerated().dropLast() {
                // The table of contents lists the headings; its last entry ends its page by design.
                guard let last = page.lines.last?.text, !page.lines.contains(where: { contents.contains($0.text) }) else { continue }
                let stranded = headings.first { $0 == last || ($0.hasSuffix(" " + last) && last.count >= 8) }
                #expect(stranded == nil, "\(document.name) page \(number + 1) ends with \"\(stranded ?? "")\"")
            }
        }
    }

    @Test(.enabled(if: PDFRenderingTests.toolsPresent, Comment(rawValue: PDFRenderingTests.skipNote)))
    func aTableThatRunsOverAPageRepeatsItsHeader() throws {
        var splits = 0
        for document in try Self.documents.get() {
            var rest = document.html[...]
            while let open = rest.range(of: "<table"), let close = rest[open.upperBound...].range(of: "</table>") {
                let table = String(rest[open.lowerBound..<close.upperBound])
                rest = rest[close.upperBound...]
                let header = Self.texts("thead", in: table).first ?? ""
                let rows = Self.texts("tr", in: Self.inner("tbody", in: table).first ?? "")
                let rowTexts = Set(rows.filter { $0.count >= 8 })
                guard !header.isEmpty, !rowTexts.isEmpty else { continue }
                // Pages on which this table's rows print, each with the height of its first row there.
                let found: [(page: Int, y: Double)] = document.pages.enumerated().compactMap { number, page in
                    page.lines.first { rowTexts.contains($0.text) }.map { (number, $0.y) }
                }
                guard found.count > 1 else { continue }
                splits += 1
                // A continued table starts at the top of its page: the header must stand above its first row there.
                // A narrow column breaks a head after a hyphen or at a soft hyphen: look for the pieces.
                let pieces = header.split { " -\u{00AD}".contains($0) }.map(String.init).filter { $0.count >= 3 }
                for (page, y) in found.dropFirst() {
                    let above = document.pages[page].lines.filter { $0.y < y }.map(\.text).joined(separator: " ")
                    #expect(pieces.allSatisfy { above.contains($0) },
                            "\(document.name) page \(page + 1): a table continues without its header \"\(header)\"")
                }
            }
        }
        // The harder input's campaign table runs over pages, so the check above checked something.
        #expect(splits > 0)
    }

    @Test(.enabled(if: PDFRenderingTests.toolsPresent, Comment(rawValue: PDFRenderingTests.skipNote)))
    func noWordsPrintOverEachOtherOrPastTheMargins() throws {
        for document in try Self.documents.get() {
            for (number, page) in document.pages.enumerated() {
                let left = Self.sideMargin - 1, right = page.width - Self.sideMargin + 1
                for word in page.words where word.xMin < left || word.xMax > right {
                    let span = "\(Int(word.xMin))–\(Int(word.xMax)) pt"
                    Issue.record("\(document.name) page \(number + 1): \"\(word.text)\" runs past the margin (\(span))")
                }
                let words = page.words.sorted { $0.xMin < $1.xMin }
                for (index, word) in words.enumerated() {
                    for other in words[(index + 1)...] {
                        if other.xMin >= word.xMax - 0.5 { break }
                        let overlapX = min(word.xMax, other.xMax) - max(word.xMin, other.xMin)
                        let overlapY = min(word.yMax, other.yMax) - max(word.yMin, other.yMin)
                        if overlapX > 1, overlapY > 1 {
                            Issue.record("\(document.name) page \(number + 1): \"\(word.text)\" and \"\(other.text)\" overlap")
                        }
                    }
                }
            }
        }
    }
}

/// The heat map sizes its own labels to their room, with or without a PDF renderer at hand.
@Suite struct HeatMapLabelTests {
    @Test func aColumnHeadWithoutAHyphenIsBrokenToFitItsCell() {
        let (lines, size) = HeatMap.header("coordinatedsharingdetector", width: 64)
        #expect(lines.count > 1 && lines.dropLast().allSatisfy { $0.hasSuffix("-") })
        #expect(lines.allSatisfy { HeatMap.fits($0, size: size, width: 64) }, "\(lines) at \(size)")
        #expect(lines.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }.joined() == "coordinatedsharingdetector")
        // A short head keeps its one line and the largest size.
        #expect(HeatMap.header("pacheco", width: 64) == (["pacheco"], 12))
    }

    @Test func cellTextShrinksToItsCell() {
        let chart = HeatMap(id: "h", title: "t", summary: "s", rows: ["municipality: súdwest-fryslân + (other)"],
                            columns: ["a", "b", "c", "d", "e", "f"],
                            cells: [Array(repeating: HeatMap.Cell(estimate: .undefined("no"), n: 1_234, suppressed: false,
                                                                  harm: .init(flagged: 1_107, of: 1_134)), count: 6)],
                            suppressedLabel: "fewer than 10").render(.en)
        // The font size of each text element whose content is `content`.
        func sizes(_ content: String) -> [Double] {
            chart.svg.components(separatedBy: "<text").dropFirst().compactMap { element in
                guard element.contains(">" + content + "</text>"), let size = element.range(of: "font-size=\"") else { return nil }
                return Double(element[size.upperBound...].prefix { $0 != "\"" })
            }
        }
        // Cells of about 70 points: "not defined" and "1107 of 1134" at 10 points or less, never at 12.
        let undefined = sizes("not defined"), harm = sizes("1107\u{00A0}of\u{00A0}1134")
        #expect(undefined.count == 6 && undefined.allSatisfy { $0 <= 10 }, "\(undefined)")
        #expect(harm.count == 6 && harm.allSatisfy { $0 <= 9 }, "\(harm)")
        // The long row label shrinks below 12 points to stay inside the chart.
        #expect(sizes("municipality: súdwest-fryslân + (other)").allSatisfy { $0 < 12 })
    }
}
