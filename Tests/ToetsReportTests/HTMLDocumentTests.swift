import Foundation
import Testing
@testable import ToetsReport

/// Self-contained, semantic, escaped HTML.
@Suite struct HTMLDocumentTests {
    static var documents: [ReportBundle.Document] {
        ReportBundle(ReportFixture.input).documents.filter { $0.name.hasSuffix(".html") }
    }

    @Test func documentsAreSelfContainedAndScriptFree() {
        for document in HTMLDocumentTests.documents {
            let html = document.text
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\""), "\(document.name)")
            #expect(!html.lowercased().contains("<script"), "\(document.name)")
            #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("@import"), "\(document.name)")
            #expect(html.range(of: #"(src|href)="(https?:)?//"#, options: .regularExpression) == nil, "\(document.name)")
            #expect(!html.contains("url(http") && !html.contains("url(//"), "\(document.name)")
            #expect(html.contains("Content-Security-Policy\" content=\"default-src &#39;none&#39;"), "\(document.name)")
            #expect(html.contains("@page") && html.contains("size: A4") && html.contains("counter(pages)"))
        }
    }

    @Test func idsAreUniqueAndEveryInternalLinkHasATarget() {
        for document in HTMLDocumentTests.documents {
            let html = document.text
            let ids = HTMLDocumentTests.matches(#" id="([^"]+)""#, in: html)
            #expect(ids.count == Set(ids).count, "duplicate ids in \(document.name)")
            for target in HTMLDocumentTests.matches(##"href="#([^"]+)""##, in: html) {
                #expect(ids.contains(target), "#\(target) in \(document.name)")
            }
            for reference in HTMLDocumentTests.matches(##"url\(#([^)]+)\)"##, in: html) {
                #expect(ids.contains(reference), "url(#\(reference)) in \(document.name)")
            }
        }
    }

    @Test func everyTableHasACaptionAndHeaders() {
        for document in HTMLDocumentTests.documents {
            let tables = document.text.components(separatedBy: "<table").dropFirst()
            #expect(!tables.isEmpty)
            for table in tables {
                #expect(table.drop { $0 != ">" }.dropFirst().drop { $0.isWhitespace }.hasPrefix("<caption>"), "\(document.name)")
                #expect(table.contains("<th scope=\"col\">"), "\(document.name)")
            }
        }
    }

    @Test func theKlankbordReportHasTheNineSectionsInOrder() {
        let html = KlankbordReport(ReportFixture.input, language: .en).html
        let ids = ["summary", "use", "ground-truth", "methods", "results", "strata", "errors", "limitations", "annexes"]
        let positions = ids.map { html.range(of: "<section id=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        for sub in ["precision-recall", "intervals", "precision-at-k", "comparisons", "det", "calibration", "campaigns",
                    "overlap", "anonymisation", "ingest", "iama", "reproducibility"] {
            #expect(html.contains("<section id=\"\(sub)\""), "\(sub)")
        }
        #expect(html.contains("Signals for trained human analysts") && html.contains("Decisions about persons"))
        #expect(html.contains("Open: for the reviewers."))
        #expect(html.contains("2B.3") && html.contains("4.5") && html.contains("<th scope=\"row\">2A</th>"))
    }

    @Test func freeTextIsEscaped() {
        var input = ReportFixture.input
        input.methods[0].name = "<script>alert('x')</script>"
        input.methods[0].summary = "a & b < c \"quoted\""
        input.notes = ["</p><p onclick=\"x\">"]
        for document in ReportBundle(input).documents where document.name.hasSuffix(".html") {
            #expect(!document.text.contains("<script>alert"), "\(document.name)")
            #expect(!document.text.contains("<p onclick"), "\(document.name)")
        }
        let html = KlankbordReport(input, language: .en).html
        #expect(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;") && html.contains("a &amp; b &lt; c \"quoted\""))
        #expect(Escape.attribute("\"'<&") == "&quot;&#39;&lt;&amp;")
        #expect(Escape.text("a\u{0}b\u{7}c\td") == "abc\td")
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

/// A method that ran without the sandbox says so on its card, in both languages.
@Suite struct UnsandboxedCardTests {
    @Test func theCardOfAnUnsandboxedMethodSaysItCouldHaveReadTheGroundTruth() throws {
        var method = try #require(ReportFixture.methods.first { $0.kind == MethodFacts.external })
        let sandboxed = MethodCard(method, language: .en).article(headingLevel: 3).rendered
        #expect(sandboxed.contains("in a sandbox that showed it only its declared inputs and code"))
        method.ranUnsandboxed = true
        let english = MethodCard(method, language: .en).article(headingLevel: 3).rendered
        #expect(english.contains("run WITHOUT the sandbox (toets run --unsandboxed): it could have read the ground truth"))
        let dutch = MethodCard(method, language: .nl).article(headingLevel: 3).rendered
        #expect(dutch.contains("ZONDER afscherming uitgevoerd (toets run --unsandboxed): het had de grondwaarheid"))
    }
}
