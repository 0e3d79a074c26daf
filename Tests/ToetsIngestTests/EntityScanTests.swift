import Testing
@testable import ToetsIngest

/// The scalar reading of URLs, hashtags and mentions gives what the `Character` reading gives
/// (or declines the text), so that the fast path cannot change a posts artefact.
@Suite struct EntityScanTests {
    /// Pieces that meet every rule: each white space byte, CR LF, the prefixes, letters either
    /// case, digits, `_`, the punctuation a URL drops and some it keeps, control bytes that are
    /// not white space; scalars it reads (accented and special letters, numbers, spaces, », €,
    /// emoji) and scalars that join their neighbours or equal an ASCII character (combining
    /// accent, ZWJ, flags, skin tones, Hangul, Arabic prepend, Greek question mark, Kelvin sign).
    static let ascii = ["http://", "https://", "http:/", "HTTP://", "h", "#", "@", "##", "#@", " ", "  ", "\t", "\n", "\r",
                        "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{00}", "a", "Z", "q", "_", "0", "9", "-", ".",
                        ",", ";", ":", "!", "?", ")", "(", "\"", "'", "/", "x.nl/p?q=1", "Stem", "GR2026"]
    static let read = ["é", "É", "ß", "İ", "ª", "½", "²", "\u{A0}", "\u{AD}", "»", "«", "€", "😀", "\u{2003}", "\u{2028}",
                       "\u{200B}", "\u{3000}", "ŉ", "ǅ", "™", "\u{2126}"]
    static let declined = ["\u{301}", "\u{200D}", "\u{200C}", "🇳🇱", "\u{1F3FD}", "\u{37E}", "가", "\u{600}", "\u{212A}",
                           "\u{FE0F}", "Σ", "я", "日"]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(next() % 24)).map { _ in
                switch next() % 100 {
                case 0..<3: declined[next() % declined.count]
                case 3..<20: read[next() % read.count]
                default: ascii[next() % ascii.count]
                }
            }.joined()
        }
    }

    @Test func theScalarReadingGivesTheCharacterReadingOrDeclines() {
        var (asciiTexts, readTexts, declinedTexts) = (0, 0, 0)
        for text in Self.texts(count: 30_000, seed: 19) {
            let expected = Adapt.characterEntities(in: text)
            var copy = text
            let fast = copy.withUTF8 { Adapt.scalarEntities($0) }
            let canDecline = text.unicodeScalars.contains { Self.declined.joined().unicodeScalars.contains($0) }
            if let fast {
                #expect(!canDecline, "\(text.debugDescription) holds a scalar to decline")
                if text.utf8.allSatisfy({ $0 < 0x80 }) { asciiTexts += 1 } else { readTexts += 1 }
                #expect(fast.urls == expected.urls, "\(text.debugDescription)")
                #expect(fast.hashtags == expected.hashtags, "\(text.debugDescription)")
                #expect(fast.mentions == expected.mentions, "\(text.debugDescription)")
            } else {
                #expect(canDecline, "\(text.debugDescription) declined")
                declinedTexts += 1
            }
            let chosen = Adapt.entities(in: text)
            #expect(chosen.urls == expected.urls && chosen.hashtags == expected.hashtags && chosen.mentions == expected.mentions)
        }
        #expect(asciiTexts > 3_000 && readTexts > 10_000 && declinedTexts > 3_000)
    }

    @Test func wordsAreThePartsBetweenSpacesAsCharactersSplitThem() {
        for text in Self.texts(count: 5_000, seed: 20) + ["", " ", "a  b ", " \u{301}x y"] {
            #expect(Adapt.words(text) == text.split(separator: " ").map(String.init), "\(text.debugDescription)")
        }
    }

    @Test func knownTextReadsAsDocumented() {
        let found = Adapt.entities(in: "Stem! #GR2026, @Gemeente_Utrecht: https://x.nl/a?b=1).\r\nhttp://y.nl/» '#' @ #_9x #Één²")
        #expect(found.urls == ["https://x.nl/a?b=1", "http://y.nl/"])
        #expect(found.hashtags == ["gr2026", "_9x", "één²"])
        #expect(found.mentions == ["gemeente_utrecht"])
    }

    @Test func textsWithJoiningScalarsAreReadByCharacter() {
        // A combining accent after a space joins the space (so "#twee" is a word); an accent
        // after "#" makes "#́" a character that is not "#".
        let text = "#éen \u{301}#twee\u{A0}@Drie #\u{301}vier"
        var copy = text
        #expect(copy.withUTF8 { Adapt.scalarEntities($0) } == nil)
        let found = Adapt.entities(in: text)
        #expect(found.hashtags == ["éen", "twee"])
        #expect(found.mentions == ["drie"])
    }
}
