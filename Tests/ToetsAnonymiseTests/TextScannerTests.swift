import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsAnonymise

/// People's names, addresses and dates of birth in text, over the small test lists.
@Suite struct TextScannerTests {
    static let lists = try! NameLists.load(folder: TestNameLists.folder)

    func scanner(_ entries: [NameDictionary.Entry] = [], keep: [String] = []) -> TextScanner {
        TextScanner(lists: Self.lists, dictionary: NameDictionary(lists: Self.lists, entries: entries, keep: keep))
    }

    /// The found values of `kind`, as written.
    func found(_ text: String, _ kind: PIIKind, _ scanner: TextScanner? = nil) -> [String] {
        let bytes = Array(text.utf8)
        return (scanner ?? self.scanner()).scan(text).matches.filter { $0.kind == kind }
            .map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// Lines of the lists without spaces at their ends skip Foundation's trimming; the rest keep it.
    @Test func listLinesAreTrimmedAsFoundationTrimsThem() {
        for line in ["Jan", " Jan", "Jan\r", "\tJan ", "\u{00A0}Jan", "Jan\u{00A0}", "Jan\u{3000}", "", " ", "#x", "de Vries", "é"] {
            #expect(NameLists.trimmed(Array(line.utf8)[...]) == line.trimmingCharacters(in: .whitespacesAndNewlines), "\(line)")
        }
    }

    @Test func namesAfterCuesTitlesAndInitialsAreFound() {
        #expect(found("Maak over naar NL91ABNA0417164300 t.n.v. Teunis Kanarievelt.", .person) == ["Teunis Kanarievelt"])
        #expect(found("Hallo, mijn naam is Sanne Wolkenveld en ik woon hier.", .person) == ["Sanne Wolkenveld"])
        #expect(found("Goed gesprek met Hendrikje Zomerdijk vandaag.", .person) == ["Hendrikje Zomerdijk"])
        #expect(found("Vraag het dhr. Jansen of mevr. De Vries.", .person) == ["Jansen", "De Vries"])
        #expect(found("Brief van J.P. de Vries en A. Bakker.", .person) == ["J.P. de Vries", "A. Bakker"])
        #expect(found("Volgens de heer Kanarievelt klopt het niet.", .person) == ["Kanarievelt"])
        #expect(found("t.n.v. teunis kanarievelt", .person) == ["teunis"])  // lower case: only a listed first name
        #expect(found("Volgens wethouder Brouwer komt er geld bij.", .person) == ["Brouwer"])
        #expect(found("Brief getekend door mw. Goed en meneer Mooi.", .person) == ["Goed", "Mooi"])  // surnames that are words
        #expect(found("Contactpersoon: P.J. Goed", .person) == ["P.J. Goed"])
        // A cue does not reach into the next sentence, nor is a covered word (a postcode's letters) one.
        #expect(found("Namens Sanne Wolkenveld de hartelijke groeten. Vanmiddag gebeld.", .person) == ["Sanne Wolkenveld"])
        #expect(found("Afhalen: 5349 GR Zwolle of bij mevr. Zwolle", .person).isEmpty)
    }

    @Test func aFirstNameOfTheListsWithASurnameOrAloneIsAName() {
        #expect(found("Gisteren sprak Sanne de Jong in de raad.", .person) == ["Sanne de Jong"])
        #expect(found("Sterk betoog van Teunis Kanarievelt vanavond", .person) == ["Teunis Kanarievelt"])
        #expect(found("Dank Sanne, goed punt!", .person) == ["Sanne"])
        #expect(found("Fatima el Amrani en Pieter van der Berg waren er.", .person) == ["Fatima el Amrani", "Pieter van der Berg"])
        // A word of a place of several words ("Sint Maarten") is not a place; a common surname after a first name is a name.
        #expect(found("Maarten Zwetselaar heeft gelijk.", .person) == ["Maarten Zwetselaar"])
        #expect(found("Ook Pieter Goed was er.", .person) == ["Pieter Goed"])
    }

    @Test func ordinaryWordsThatAreAlsoNamesAreLeftAlone() {
        // Mooi, Goed, Groen are surnames of the lists and common words; Roos a first name and a word;
        // Milan a first name and a place; a sentence may open with a first name of a word.
        for text in ["Mooi gesprek gehad met buren over het plan.", "Goed plan. Groen Samen kiest voor de wijk.",
                     "Wat een Roos in de tuin.", "Stemmen in Milan of Zwolle?", "Sanne.", "De GEMEENTE moet iets doen",
                     "Vraag het dhr.", "Gesprek met de wethouder over #SanneDeJong",
                     "De Gemeenteraad vergadert.", "Wat een Roos Kanarie"] {
            #expect(found(text, .person).isEmpty, "\(text)")
        }
    }

    @Test func displayNamesAndHandlesAreFoundWholeWordIgnoringCaseAndDiacritics() {
        let scanner = scanner([.init(name: "Kanariëtte Spreeuw 6048", account: "x:1", uses: 3),
                               .init(name: "kanarie_fan", account: "x:2", uses: 1),
                               .init(name: "Nieuws", account: "x:3", uses: 9)])
        let text = "Sterk betoog van kanariette SPREEUW 6048 en Kanariëtte Spreeuw 6048! Ook kanarie_fan. Nieuws: niets. "
            + "Kanariëtte Spreeuw 60481 telt niet."
        let matches = scanner.scan(text).matches.filter { $0.kind == .person }
        #expect(matches.map(\.account) == ["x:1", "x:1", "x:2"])
        #expect(scanner.dictionary.leftOut == 1)  // "Nieuws": one ordinary word
        // NFD text folds like NFC.
        let decomposed = "Kanarie\u{0308}tte Spreeuw 6048"
        #expect(scanner.scan(decomposed).matches.map(\.account) == ["x:1"])
    }

    @Test func aNameTwoAccountsUsedGoesToTheOneThatUsedItMost() {
        let scanner = scanner([.init(name: "Jan Kiezer", account: "x:9", uses: 2), .init(name: "Jan Kiezer", account: "x:1", uses: 5),
                               .init(name: "Piet Kiezer", account: "x:4", uses: 1), .init(name: "Piet Kiezer", account: "x:3", uses: 1)])
        #expect(scanner.scan("Jan Kiezer en Piet Kiezer").matches.map(\.account) == ["x:1", "x:3"])
    }

    @Test func declaredPublicNamesAreKeptAsWritten() {
        let scanner = scanner([.init(name: "Mark Rutte", account: "x:5", uses: 1)], keep: ["Mark Rutte", "Burgemeester Kees Zonneveld"])
        let result = scanner.scan("Debat met Mark Rutte en burgemeester Kees Zonneveld, en Sanne Wolkenveld.")
        #expect(result.kept == 2)
        #expect(result.matches.map(\.value) == ["sanne wolkenveld"])
    }

    @Test func streetsWithAHouseNumberAreAddresses() {
        #expect(found("Ik woon op de Kerkstraat 12, 8011 AB Zwolle.", .address) == ["Kerkstraat 12"])
        #expect(found("Afhalen: Oude Gracht 5bis of Prins Hendrikkade 12-A", .address) == ["Oude Gracht 5bis", "Prins Hendrikkade 12-A"])
        #expect(found("Feest op de Wolkenlaan 3a!", .address) == ["Wolkenlaan 3a"])  // not in the lists: its ending
        for text in ["Kamer 12 is dicht.", "Markt 20:00 uur", "Raadsvergadering 20-04-2026 19:30", "Straatweg 12/3/2026", "Kerkstraat 0 bestaat niet", "De straat 12 keer", "Parkeren 12,50",
                     "Singel 1.5 km", "Dorpsstraat 45%"] {
            #expect(found(text, .address).isEmpty, "\(text)")
        }
        // The postcode after an address is still cut to its four digits.
        #expect(found("Kerkstraat 12, 8011 AB Zwolle.", .postcode) == ["8011 AB"])
    }

    @Test func datesOfBirthAfterACueAreFound() {
        #expect(found("Ik ben geboren op 12-03-1985 in Zwolle.", .birthDate) == ["12-03-1985"])
        #expect(found("geb. 3 april 1990, geboortedatum: 12/03/85", .birthDate) == ["3 april 1990", "12/03/85"])
        #expect(found("De raad vergadert op 12-03-2026.", .birthDate).isEmpty)
    }

    @Test func bsnsInGroupsPassTheElevenTest() {
        #expect(PIIScanner.scan("BSN 1234.56.782 en 1234 56 782 en 123 456 782").map(\.value)
            == ["1234.56.782", "1234 56 782", "123 456 782"])
        // A check digit off, an amount with dots, a longer number: not a BSN.
        #expect(PIIScanner.scan("BSN 1234.56.783; € 123.456.782; 1234.56.7821; 1234.56.782.1").filter { $0.kind == .bsn }.isEmpty)
        // Nine digits written together may be followed by another number.
        #expect(PIIScanner.scan("BSN: 123456782 84-GTG-7").map(\.kind) == [.bsn, .licencePlate])
    }

    @Test func theListsDigestCoversEveryFileReadAndAMissingFileIsNamed() throws {
        let digest = try NameLists.digest(folder: TestNameLists.folder)
        #expect(digest == Self.lists.digest)
        let copy = TemporaryDirectory("name-lists")
        #expect(throws: NameLists.LoadError.missingFile(folder: copy.path, file: NameLists.files[0].path)) {
            try NameLists.digest(folder: copy.path)
        }
        #expect(throws: NameLists.LoadError.none) { try NameLists.folder(nil, environment: [:]) }
        #expect(throws: NameLists.LoadError.notAbsolute(path: "lists")) { try NameLists.folder("lists", environment: [:]) }
        #expect(try NameLists.folder("~/lists/", environment: ["HOME": "/home/a"]) == "/home/a/lists")
    }
}
