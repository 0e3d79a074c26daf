import ToetsAnonymise
import ToetsModel

/// A second labelled sample of Dutch posts, written apart from the recognizers, their tests
/// and the demo world: other first names and surnames (some in the published lists, some made
/// up), other sentence frames, and look-alikes of names and addresses (a sentence that opens
/// with a word that is also a surname, places, party names, `Kamer 12`, `Markt 20:00`, large
/// amounts). Gold spans: people's names (without the title or cue before them), street + house
/// number, BSN, phone, e-mail, IBAN, postcode. `toets-bench pii` scores every scanner on it.
package enum HeldOutSample {
    static let firstNames = ["Willemijn", "Gerrit", "Hanneke", "Bart", "Marloes", "Youssef", "Esra", "Thomas", "Annelies",
                             "Sven", "Ilse", "Koen", "Wendy", "Rik", "Mirjam", "Dirk", "Hatice", "Jeroen", "Tamara", "Hidde",
                             "Maarten", "Saskia", "Wouter", "Linda", "Rachid", "Nadia", "Gijs", "Yvonne", "Siebe", "Aukje"]
    /// Real Dutch surnames, and made-up ones that no list holds.
    static let surnames = ["Verhoeven", "Kok", "Brouwer", "Willems", "van Leeuwen", "de Graaf", "Postma", "Kuipers", "van Dijk",
                           "Schouten", "Dijkstra", "Hoekstra", "van der Linden", "Koster", "Huisman", "Çelik", "Bouzid",
                           "Boersma", "ter Horst", "van 't Hof", "de Wit", "Brammelkamp", "Tjoenstra", "Vlonderink",
                           "Okkerhuis", "Zwetselaar", "van Spreeuwel", "Koppeschaar"]
    static let initials = ["J.", "A.", "M.", "P.J.", "H.", "W.", "E.M.", "C."]
    static let titles = ["mw.", "dhr.", "mevrouw", "meneer", "de heer", "Mevr."]
    static let streets = ["Stationsweg", "Julianalaan", "Molenstraat", "Wilhelminaplein", "Nieuwe Binnenweg", "Herengracht",
                          "Zwaluwenpad", "Kievitsdreef", "Beukenlaan", "Vismarkt", "Burgemeester Reigerstraat", "Oosterkade",
                          "Tolhuisweg", "Lindengracht"]
    static let places = ["Hengelo", "Amersfoort", "Deventer", "Leiden", "Helmond", "Sneek", "Venlo", "Purmerend"]
    static let topics = ["de begroting", "het nieuwe zwembad", "de bomenkap", "de kermis", "de fietsenstalling", "het asielbeleid",
                         "de windturbines", "de woningnood", "de hondenbelasting", "het openbaar vervoer"]

    /// `count` texts drawn from `seed`.
    package static func make(count: Int, seed: UInt64) -> PIISample {
        var random = SeededRandom(seed: seed ^ 0x4E1D_0077)
        return PIISample(seed: seed, texts: (0..<count).map { _ in text(&random) })
    }

    static func text(_ random: inout SeededRandom) -> PIISample.Text {
        var pieces = [PIISample.Piece("{v}", base(&random), nil)]
        if random.chance(0.6) {
            for _ in 0..<random.int(1...2) { pieces.append(planted(&random)) }
        }
        if random.chance(0.45) { pieces.append(lookAlike(&random)) }
        for index in pieces.indices.dropLast().reversed() { pieces.swapAt(index, random.int(index...(pieces.count - 1))) }
        var builder = PIISample.Builder()
        var gold: [PIISample.Gold] = []
        var decoys: [PIISample.Decoy] = []
        for (index, piece) in pieces.enumerated() {
            if index > 0 { builder.append(random.chance(0.15) ? "\n" : " ") }
            builder.append(piece.before)
            var span = builder.mark(piece.value)
            switch piece.label {
            case .gold(let kind): gold.append(PIISample.Gold(kind: kind, span: span))
            case .decoy(let nearMiss): decoys.append(PIISample.Decoy(nearMiss: nearMiss, span: span))
            case nil: break
            }
            // A second value in the same frame (the postcode after an address, a name after an IBAN).
            if let second = piece.second {
                builder.append(second.between)
                span = builder.mark(second.value)
                gold.append(PIISample.Gold(kind: second.kind, span: span))
            }
            builder.append(piece.after)
        }
        if random.chance(0.3) { builder.append(" #" + random.pick(["raadsvergadering", "gr26", "lokaalnieuws", "stemwijzer"])) }
        return PIISample.Text(text: builder.text, gold: gold, decoys: decoys)
    }

    static func base(_ random: inout SeededRandom) -> String {
        let topic = random.pick(topics)
        let place = random.pick(places)
        return random.pick([
            "Vanavond de raadsvergadering over \(topic) gevolgd.", "Wie gaat er morgen naar de inloopavond in \(place)?",
            "Eerlijk gezegd snap ik niks van \(topic).", "In \(place) wordt \(topic) steeds duurder.",
            "Zojuist mijn stem uitgebracht, ging snel!", "Heeft de coalitie in \(place) nou wel of niet gestemd over \(topic)?",
            "Petitie over \(topic) al 2000 keer getekend.", "Stadsbestuur van \(place) moet opstappen.",
            "Prima debat gisteren, goede vragen over \(topic).", "Lang leve de lokale democratie in \(place).",
        ])
    }

    static func name(_ random: inout SeededRandom) -> String {
        random.pick(firstNames) + " " + random.pick(surnames)
    }

    static func capitalisedSurname(_ random: inout SeededRandom) -> String {
        let surname = random.pick(surnames)
        return surname.prefix(1).uppercased() + surname.dropFirst()
    }

    /// A planted value and its frame.
    static func planted(_ random: inout SeededRandom) -> PIISample.Piece {
        switch random.int(0...9) {
        case 0, 1, 2:
            // People's names, with or without a cue.
            switch random.int(0...9) {
            case 0: return piece(random.pick(["Vanmiddag nog met {v} gebeld over de begroting.", "Ik sprak {v} op de markt.",
                                             "Mijn buurman {v} klaagt al jaren over de stank."]), name(&random), .person)
            case 1: return piece("{v} heeft in de commissie gelijk gekregen.", name(&random), .person)
            case 2: return piece(random.pick(["Bedankt {v} voor het delen!", "Goed gezegd {v}.", "Hoi, ik ben {v} en ik stem voor het eerst!"]),
                                 random.pick(firstNames), .person)
            case 3: return piece("Contactpersoon: {v}", random.pick(initials) + " " + capitalisedSurname(&random), .person)
            case 4: return piece("Brief getekend door \(random.pick(titles)) {v}.", capitalisedSurname(&random), .person)
            case 5: return piece("Wie kent {v}? Ze zoekt een kamer.", name(&random), .person)
            case 6: return piece("Namens {v} de hartelijke groeten.", name(&random), .person)
            case 7: return piece("Groetjes, {v}", random.pick(firstNames), .person)
            case 8:
                var piece = piece("Overmaken naar {v}", PIIValues.iban(&random), .iban)
                piece.second = (random.pick([" ten name van ", " t.n.v. ", " tnv "]), name(&random), .person)
                return piece
            default: return piece("Volgens wethouder {v} komt er geld bij.", capitalisedSurname(&random), .person)
            }
        case 3, 4:
            let number = String(random.int(1...240)) + random.pick(["", "", "", "a", "B", "-2", " bis"])
            var piece = piece(random.pick(["Inzamelpunt: {v}", "Wij zitten aan de {v}.", "Pakketje kwijt, bezorgd op {v}?",
                                           "Buurtfeest op {v}, iedereen welkom"]),
                              random.pick(streets) + " " + number, .address)
            if random.chance(0.4) {
                piece.second = (", ", DutchText.postcode(&random), .postcode)
                piece.after = " " + random.pick(places) + piece.after
            }
            return piece
        case 5:
            let bsn = DutchText.bsn(&random)
            let written = random.pick([bsn, PIIValues.dotted(bsn), "\(bsn.prefix(4)) \(bsn.dropFirst(4).prefix(2)) \(bsn.suffix(3))",
                                       "\(bsn.prefix(3)) \(bsn.dropFirst(3).prefix(3)) \(bsn.suffix(3))"])
            return piece(random.pick(["Formulier vraagt BSN: {v}", "burgerservicenummer {v} staat er gewoon op", "mijn bsn ({v}) is gelekt"]),
                         written, .bsn)
        case 6: return piece(random.pick(["Bellen kan op {v}", "whatsapp {v} voor een lift naar het stembureau", "Tel: {v}"]),
                             PIIValues.phone(&random), .phone)
        case 7:
            let first = random.pick(firstNames).lowercased()
            let domain = random.pick(["xs4all.nl", "planet.nl", "live.nl", "icloud.com", "buurtpost.nl"])
            return piece(random.pick(["Mailtje naar {v}", "Aanmelden via {v}."]),
                         "\(first)\(random.pick([".", "_", ""]))\(random.pick(surnames).lowercased().filter(\.isLetter))@\(domain)", .email)
        default:
            return piece(random.pick(["Giften welkom op {v}", "Rekening {v}, dank!"]), PIIValues.iban(&random), .iban)
        }
    }

    /// Something that looks like a name or an address and is neither.
    static func lookAlike(_ random: inout SeededRandom) -> PIISample.Piece {
        switch random.int(0...5) {
        case 0: return PIISample.Piece(random.pick(["{v} zo, dat scheelt weer.", "{v} bezig, raad!", "{v} weekend allemaal."]),
                                       random.pick(["Mooi", "Goed", "Fijn", "Sterk", "Knap"]), .decoy(.nameLikeWord))
        case 1: return PIISample.Piece(random.pick(["Vanavond in {v}, morgen verder.", "Stem op {v}!"]),
                                       random.pick(places + ["Leefbaar " + random.pick(places), "Groen Links", "Partij voor de Dieren"]),
                                       .decoy(.place))
        case 2: return PIISample.Piece(random.pick(["{v} is dicht vandaag.", "Zie {v}.", "We staan bij {v}."]),
                                       random.pick(["Kamer 12", "Lokaal 3", "Bus 12", "Hal 5", "Tafel 4", "Route 66", "Markt 20:00",
                                                    "Spoor 7b", "Vak 3"]), .decoy(.streetLike))
        case 3: return PIISample.Piece(random.pick(["Begroting: {v}.", "Dat kost {v} euro!"]),
                                       random.pick(["€ 123.456.782", "1.250.000", "€ 3.200.500,00", "987.654.321"]), .decoy(.amount))
        case 4: return PIISample.Piece(random.pick(["{v} stemt tegen.", "De {v} vergadert."]),
                                       random.pick(["Provinciale Staten", "Gemeenteraad", "Tweede Kamer", "Raad van State"]),
                                       .decoy(.place))
        default: return PIISample.Piece("Sinds {v} is het loket dicht.", "\(random.int(10...28))-0\(random.int(1...9))-2025", .decoy(.date))
        }
    }

    static func piece(_ frame: String, _ value: String, _ kind: PIIKind) -> PIISample.Piece {
        PIISample.Piece(frame, value, .gold(kind))
    }
}
