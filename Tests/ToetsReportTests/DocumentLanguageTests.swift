import Foundation
import Testing
@testable import ToetsReport

/// Dutch that is Dutch: no English word in the visible text of a `.nl` document, and no Dutch in
/// an `.en` one (word lists of function words that the other language never uses). Code,
/// digests and passages marked in the other language (`lang="…"`, the pointer to the other
/// version) are not prose and are left out.
@Suite struct DocumentLanguageTests {
    /// English words that are not Dutch words.
    static let english: Set<String> = [
        "the", "and", "with", "which", "from", "this", "that", "these", "are", "were", "not", "nothing",
        "when", "where", "each", "every", "their", "its", "by", "for", "to", "or", "than", "after", "before", "between",
        "only", "also", "more", "less", "has", "have", "been", "be", "would", "could", "should", "must", "flagged",
        "labelled", "annotators", "shares", "within", "threshold", "edge", "who", "what", "how", "why", "it", "they",
        "there", "here", "yes", "at", "on", "as", "into", "about", "through", "under", "same", "other",
    ]
    /// Dutch words that are not English words.
    static let dutch: Set<String> = [
        "de", "het", "een", "van", "en", "niet", "zijn", "wordt", "voor", "met", "die", "dat", "bij", "naar", "ook",
        "geen", "aan", "door", "werd", "worden", "op", "te", "om", "deze", "wat", "hoe", "welke", "elke", "alle",
        "tot", "uit", "naar", "maar", "dan", "nog", "wel", "kan", "moet", "heeft", "hebben", "waren", "aangewezen",
    ]

    /// The visible prose of a document: no markup, code, styles or passages in another language.
    static func prose(_ html: String, language: Language) -> String {
        var text = html
        // The IAMA's Dutch name is a proper name in either language.
        text = text.replacingOccurrences(of: "Impact Assessment Mensenrechten en Algoritmes", with: "IAMA")
        for pattern in [#"<style[\s\S]*?</style>"#, #"<code[\s\S]*?</code>"#, #"<pre[\s\S]*?</pre>"#,
                        #"<(td|th)[^>]* class="code">[\s\S]*?</(td|th)>"#,
                        #"<(p|span|li|td|th)[^>]* lang="(?!\#(language.code)")[^"]*"[^>]*>[\s\S]*?</\1>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// Words of `list` in `text`, each with a little context, in order.
    static func offending(_ text: String, _ list: Set<String>, allowed: Set<String> = []) -> [String] {
        var found: [String] = []
        // A word with an underscore is a field name (created_at), not prose.
        let words = text.split { !$0.isLetter && $0 != "'" && $0 != "_" }.map(String.init)
        for (index, word) in words.enumerated() where list.contains(word.lowercased()) && !allowed.contains(word) {
            found.append(words[max(0, index - 4)...min(words.count - 1, index + 4)].joined(separator: " "))
        }
        return found
    }

    /// Names that read the same in both languages: the methods' stage names and what the fixture's
    /// teams call themselves are proper names, not prose.
    static func names(_ input: ReportInput) -> Set<String> {
        Set(input.methods.flatMap { $0.name.split(separator: "-").map(String.init) })
    }

    static func documents(_ input: ReportInput) -> [(name: String, language: Language, html: String)] {
        var documents = ReportBundle(input).documents.filter { $0.name.hasSuffix(".html") }.map { document in
            (name: document.name, language: document.name.contains(".nl.") ? Language.nl : .en,
             html: String(decoding: document.bytes, as: UTF8.self))
        }
        documents.sort { $0.name < $1.name }
        return documents
    }

    @Test(arguments: [false, true]) func noDocumentSpeaksTheOtherLanguage(simulated: Bool) {
        var input = ReportFixture.input
        input.run.simulatedData = simulated
        if simulated {
            // What real results carry besides: an undefined figure with its note, the score stage's pooled cells
            // (`(other)`, and `tiktok + (other)` when the pool joins the smallest cell) and an unknown cell.
            input.methods[0].population = nil
            input.methods[0].metrics.precision = .undefined("nothing flagged")
            input.strata[0].cell = "(other)"
            input.strata[1].cell = "tiktok + (other)"
            input.strata[3].cell = "unknown"
        }
        let allowed = Self.names(input)
        for document in Self.documents(input) {
            let text = Self.prose(document.html, language: document.language)
            let found = Self.offending(text, document.language == .nl ? Self.english : Self.dutch, allowed: allowed)
            #expect(found.isEmpty, "\(document.name): \(found.count) words of the other language, e.g. \(found.prefix(8))")
        }
    }

    @Test func theCheckFindsAnEnglishSentenceInADutchDocument() {
        let html = "<html lang=\"nl\"><body><p>Van elke 100 accounts</p><p>the method flagged nothing</p>"
            + "<p lang=\"en\">This report is also available in English</p><code>the</code></body></html>"
        let found = Self.offending(Self.prose(html, language: .nl), Self.english)
        #expect(found.count == 3, "\(found)")
        #expect(Self.offending(Self.prose("<p>Dit is een zin van de methode</p>", language: .en), Self.dutch).count == 3)
    }
}

/// A declared text without a Dutch form is shown as written in a Dutch document, marked so.
@Suite struct DeclaredTextTests {
    @Test func aTextWithoutDutchIsShownAsWrittenAndMarked() {
        var input = ReportFixture.input
        input.methods[1].summary = "Scores pairs of accounts that retweet the same posts."
        let nl = KlankbordReport(input, language: .nl).html
        #expect(nl.contains("<span class=\"untranslated\">Scores pairs of accounts that retweet the same posts.</span>"
            + "<span class=\"note\"> (niet in het Nederlands opgegeven)</span>"))
        let en = KlankbordReport(input, language: .en).html
        #expect(en.contains("Scores pairs of accounts that retweet the same posts.") && !en.contains("untranslated"))
        // And the Dutch form where there is one.
        #expect(nl.contains("Verbindt accounts die binnen een tijdvenster hetzelfde object delen"))
    }

    @Test func theResultsNotesAndTheMappingsOwnWordsAreInBothLanguages() throws {
        let results = #"{"schema_version":4,"methods":[{"name":"a"}],"labels":{"rule":"majority"},"bootstrap":{"replicates":1000},"#
            + #""notes":{"few-clusters":"fewer campaign clusters …","some-new-note":"a note this report does not know"}}"#
        let input = try ReportInputMapping.map(results: Array(results.utf8), anonymisation: nil, ingest: nil,
                                               context: ReportInputMappingTests.context)
        #expect(input.notes.map { $0(.nl) } == ["minder campagneclusters dan het minimum: de intervallen rusten op weinig "
            + "onafhankelijke eenheden en zijn misschien te smal", "a note this report does not know"])
        #expect(input.notes[1].untranslated(in: .nl))
        #expect(input.run.intervalMethod(.nl).hasPrefix("BCa-bootstrap, 1000 hertrekkingen"))
        #expect(input.groundTruth.labelling(.nl) == "Labelregel: meerderheid van de labels van de beoordelaars.")
        #expect(input.methods[0].operatingPoint.rule(.en) == "the flagged column of the detections")
    }
}
