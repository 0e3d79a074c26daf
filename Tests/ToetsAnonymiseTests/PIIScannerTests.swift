import Testing
@testable import ToetsAnonymise

@Suite struct PIIScannerTests {
    func found(_ text: String) -> [String] {
        PIIScanner.scan(text).map { "\($0.kind.rawValue):\($0.value)" }
    }

    @Test func eachKindIsFoundInADutchSentence() {
        #expect(found("Mail me: sanne.dejong@gmail.com!") == ["email:sanne.dejong@gmail.com"])
        #expect(found("Bel 06-12345678 of +31 6 1234 5678 of 030-1234567") ==
                ["phone:06-12345678", "phone:+31 6 1234 5678", "phone:030-1234567"])
        #expect(found("Steun ons: NL91 ABNA 0417 1643 00.") == ["iban:NL91 ABNA 0417 1643 00"])
        #expect(found("Mijn BSN 123456782 werd gevraagd") == ["bsn:123456782"])
        #expect(found("Ik woon op 3511 AB en het is hier druk") == ["postcode:3511 AB"])
        #expect(found("Kenteken GX-123-B staat fout") == ["licence-plate:GX-123-B"])
        #expect(found("Volg ook @kiezer_nl en @Lotte.U") == ["handle:@kiezer_nl", "handle:@Lotte.U"])
        #expect(found("Zie https://x.com/kiezer_nl en https://t.me/+AbC123") ==
                ["profile-url:https://x.com/kiezer_nl", "invite:https://t.me/+AbC123"])
        #expect(found("Groep: chat.whatsapp.com/Gx12AbC") == ["invite:chat.whatsapp.com/Gx12AbC"])
    }

    @Test func lookAlikesAreLeftAlone() {
        #expect(found("Het kost 123456781 euro") == [])                 // fails the 11-test
        #expect(found("NL92 ABNA 0417 1643 00") == [])                 // fails mod-97
        #expect(found("Kamer 3511 SS") == [])                          // SS is never issued
        #expect(found("Code GA-123-B") == [])                          // a vowel in side code 9
        #expect(found("Er kwamen 12345 mensen, 2026-03-18 om 20:00") == [])
        #expect(found("Lees https://nieuws.example/artikel?id=123456782") == [])  // inside an ordinary link
        #expect(found("bitcoin 0612345678901234") == [])              // too many digits for a Dutch number
        #expect(found("x@y") == [])                                   // no e-mail without a domain and TLD
    }

    @Test func rangesPointAtTheUTF8OfTheValue() {
        let text = "Één mail: anna@ziggo.nl"
        let match = PIIScanner.scan(text).first!
        #expect(Array(text.utf8)[match.range] == Array("anna@ziggo.nl".utf8)[...])
    }
}
