import ToetsAnonymise
import ToetsModel

/// A labelled sample of Dutch social-media texts for measuring personal-data scanners: about
/// half carry one to three planted values of the kinds `PIIScanner` reports, about a third carry
/// near misses that no scanner should report (wrong check digits, dates, prices, order numbers,
/// a stray `@`, ordinary links). The same seed gives the same texts and spans.
package struct PIISample: Sendable {
    /// Where a planted value sits in its text, in both units that scanners report.
    package struct Span: Equatable, Sendable {
        /// UTF-8 byte offsets, as `PIIScanner` reports them.
        package var bytes: Range<Int>
        /// Unicode scalar offsets, as Python indexes a `str`.
        package var characters: Range<Int>
    }

    /// A planted value that a scanner must find.
    package struct Gold: Equatable, Sendable {
        package var kind: PIIKind
        package var span: Span
    }

    /// What a planted look-alike imitates; none of them is personal data.
    package enum NearMiss: String, Sendable, CaseIterable {
        case ibanChecksum = "iban-checksum", bsnChecksum = "bsn-checksum", nineDigits = "nine-digits"
        case orderNumber = "order-number", date, dateTime = "date-time", price, atSign = "at-sign"
        case ordinaryLink = "ordinary-link", postcodeLike = "postcode-like", plateLike = "plate-like"
        case phoneLike = "phone-like"
        /// Of `HeldOutSample`: a word that is also a surname, a place or a body, a room or a
        /// bus with a number, a large amount.
        case nameLikeWord = "name-like-word", place, streetLike = "street-like", amount

        /// The look-alikes of the first sample.
        package static let ofNumbersAndLinks: [NearMiss] = [.ibanChecksum, .bsnChecksum, .nineDigits, .orderNumber, .date, .dateTime,
                                                    .price, .atSign, .ordinaryLink, .postcodeLike, .plateLike, .phoneLike]
    }

    /// A planted look-alike that a scanner must leave alone.
    package struct Decoy: Equatable, Sendable {
        package var nearMiss: NearMiss
        package var span: Span
    }

    /// One text with its gold spans and near misses, both in text order.
    package struct Text: Equatable, Sendable {
        package var text: String
        package var gold: [Gold]
        package var decoys: [Decoy]
    }

    package let seed: UInt64
    package let texts: [Text]

    /// `count` texts drawn from `seed`.
    package init(count: Int, seed: UInt64) {
        self.seed = seed
        var random = SeededRandom(seed: seed ^ 0x5EED_0F_D11C)
        texts = (0..<count).map { _ in Self.text(&random) }
    }

    /// A sample of given texts, for tests of the scoring.
    init(seed: UInt64, texts: [Text]) {
        self.seed = seed
        self.texts = texts
    }

    /// A piece of text: words around at most one planted value.
    struct Piece {
        enum Label {
            case gold(PIIKind)
            case decoy(NearMiss)
        }

        var before: String
        var value: String
        var after: String
        var label: Label?
        /// A second gold value right after the first, with the text between them.
        var second: (between: String, value: String, kind: PIIKind)?

        init(_ frame: String, _ value: String, _ label: Label?) {
            let parts = frame.split(separator: "{v}", maxSplits: 1, omittingEmptySubsequences: false)
            before = String(parts[0])
            after = parts.count > 1 ? String(parts[1]) : ""
            self.value = value
            self.label = label
        }
    }

    /// Appends text while counting both offset units, so that spans never need recounting.
    struct Builder {
        var text = ""
        var bytes = 0
        var characters = 0

        mutating func append(_ piece: String) {
            text += piece
            bytes += piece.utf8.count
            characters += piece.unicodeScalars.count
        }

        mutating func mark(_ piece: String) -> Span {
            let start = (bytes, characters)
            append(piece)
            return Span(bytes: start.0..<bytes, characters: start.1..<characters)
        }
    }

    static func text(_ random: inout SeededRandom) -> Text {
        var pieces = [Piece("{v}", base(&random), nil)]
        if random.chance(0.5) {
            for _ in 0..<random.int(1...3) { pieces.append(planted(random.pick(PIIKind.withoutLists), &random)) }
        }
        if random.chance(0.35) {
            for _ in 0..<random.int(1...2) { pieces.append(nearMiss(random.pick(NearMiss.ofNumbersAndLinks), &random)) }
        }
        for index in pieces.indices.dropLast().reversed() {
            pieces.swapAt(index, random.int(index...(pieces.count - 1)))
        }
        var builder = Builder()
        var gold: [Gold] = []
        var decoys: [Decoy] = []
        for (index, piece) in pieces.enumerated() {
            if index > 0 { builder.append(random.chance(0.1) ? "\n" : " ") }
            builder.append(piece.before)
            let span = builder.mark(piece.value)
            switch piece.label {
            case .gold(let kind): gold.append(Gold(kind: kind, span: span))
            case .decoy(let nearMiss): decoys.append(Decoy(nearMiss: nearMiss, span: span))
            case nil: break
            }
            builder.append(piece.after)
        }
        if random.chance(0.4) { builder.append(" #" + random.pick(DutchText.issues).tag) }
        if random.chance(0.25) { builder.append(" " + random.pick(["👍", "😡", "🙏🏽", "🇳🇱", "❤️", "🤔", "👇👇"])) }
        return Text(text: builder.text, gold: gold, decoys: decoys)
    }

    /// An ordinary post about a local issue, sometimes reworded or with accented words.
    static func base(_ random: inout SeededRandom) -> String {
        var post = DutchText.post(&random, place: random.pick(DutchText.municipalities), issue: random.pick(DutchText.issues))
        if random.chance(0.3) { post = DutchText.paraphrase(post, &random) }
        if random.chance(0.1) { post = random.pick(["Één ding nog:", "Café-praat:", "Reünie-gevoel:", "Naïef?"]) + " " + post }
        return post
    }

    /// A value of `kind` in one of the sentences people put it in.
    static func planted(_ kind: PIIKind, _ random: inout SeededRandom) -> Piece {
        let frames: [String]
        switch kind {
        case .email: frames = ["Mail me: {v}", "Stuur je reactie naar {v}.", "Contact: {v}", "Vragen? ({v})", "mail {v} voor info"]
        case .phone: frames = ["Bel me op {v}", "Appen kan ook: {v}", "Tel. {v}", "Bereikbaar via {v}!", "Info: {v} (na 18 uur)"]
        case .iban: frames = ["Doneer aan {v}, elke euro helpt!", "Maak €10 over naar {v}.", "IBAN: {v}", "Steun ons via {v} onder vermelding van ‘actie’"]
        case .bsn: frames = ["Mijn BSN is {v}, klopt dat?", "BSN: {v}", "Ze vroegen om mijn burgerservicenummer ({v}) aan de telefoon!"]
        case .postcode: frames = ["Ik woon op {v} en hier is het druk.", "Postcode {v}, wie nog meer?", "Afhalen in {v}."]
        case .licencePlate: frames = ["De auto met kenteken {v} staat weer fout.", "Kenteken: {v}!", "{v} reed gewoon door rood."]
        case .handle: frames = ["Volg {v} voor updates", "Dank {v}!", "{v} heeft gelijk.", "RT {v}: dit moet je lezen", "cc {v}"]
        case .profileURL: frames = ["Zie {v}", "Meer op {v} 👇", "Profiel: {v}", "Check {v}"]
        case .invite: frames = ["Kom in onze groep: {v}", "Doe mee! {v}", "Appgroep: {v}"]
        case .person, .address, .birthDate: preconditionFailure("\(kind) is planted by HeldOutSample")
        }
        return Piece(random.pick(frames), PIIValues.value(kind, &random), .gold(kind))
    }

    /// A look-alike of `nearMiss` in a sentence like the ones real values stand in.
    static func nearMiss(_ nearMiss: NearMiss, _ random: inout SeededRandom) -> Piece {
        let frames: [String]
        switch nearMiss {
        case .ibanChecksum: frames = ["Doneer aan {v}, elke euro helpt!", "IBAN: {v}"]
        case .bsnChecksum: frames = ["Mijn BSN is {v}, klopt dat?", "BSN: {v}"]
        case .nineDigits: frames = ["Zaaknummer {v}.", "Klantnummer: {v}", "Dossier {v} is gesloten."]
        case .orderNumber: frames = ["Bestelling {v} is nog niet binnen.", "Ordernummer {v}", "Mijn pakket ({v}) is kwijt."]
        case .date: frames = ["Op {v} is de raadsvergadering.", "Sinds {v} is het mis.", "Stemmen op {v}!"]
        case .dateTime: frames = ["Raadsvergadering {v}, kom ook!", "Start: {v}."]
        case .price: frames = ["Dat kost {v} per jaar!", "Parkeren voor {v} per uur?", "Prijs: {v}"]
        case .atSign: frames = ["Let op: {v}", "{v} haha"]
        case .ordinaryLink: frames = ["Lees {v}", "Bron: {v}", "{v} 👈"]
        case .postcodeLike: frames = ["Kamer {v}", "Lokaal {v} is dicht."]
        case .plateLike: frames = ["Code {v}", "Artikel {v} is uitverkocht."]
        case .phoneLike: frames = ["Bel {v}", "Nummer: {v}?"]
        case .nameLikeWord, .place, .streetLike, .amount: preconditionFailure("\(nearMiss) is planted by HeldOutSample")
        }
        return Piece(random.pick(frames), PIIValues.nearMiss(nearMiss, &random), .decoy(nearMiss))
    }
}
