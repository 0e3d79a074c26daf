import Foundation
import Testing
import ToetsTestSupport
@testable import ToetsAnonymise

@Suite struct PseudonymTests {
    static let keyA = try! PseudonymKey(bytes: Array(repeating: 7, count: 32), source: "test")
    static let keyB = try! PseudonymKey(bytes: Array(repeating: 8, count: 32), source: "test")

    @Test func pseudonymsAreStableUnderOneKeyAndDifferUnderAnother() {
        let a = Pseudonymizer(key: Self.keyA)
        let b = Pseudonymizer(key: Self.keyB)
        let first = a.pseudonym(.account, platform: "x", "1397")
        #expect(first == a.pseudonym(.account, platform: "x", "1397"))
        #expect(first != b.pseudonym(.account, platform: "x", "1397"))
        #expect(first != a.pseudonym(.account, platform: "telegram", "1397"))
        #expect(first != a.pseudonym(.post, platform: "x", "1397"))
        #expect(first.hasPrefix("p1.\(Self.keyA.id)."))
        // 80 bits in base32: 16 characters.
        #expect(first.split(separator: ".").last?.count == 16)
    }

    @Test func valuesAreNormalisedBeforeTheMAC() {
        let p = Pseudonymizer(key: Self.keyA)
        #expect(p.pseudonym(.handle, platform: "x", "@Kiezer_NL") == p.pseudonym(.handle, platform: "x", "kiezer_nl"))
        #expect(p.pseudonym(.phone, platform: "", "06-12345678") == p.pseudonym(.phone, platform: "", "+31 6 1234 5678"))
        #expect(p.pseudonym(.phone, platform: "", "0031612345678") == p.pseudonym(.phone, platform: "", "06 12 345 678"))
        #expect(p.pseudonym(.iban, platform: "", "NL91 ABNA 0417 1643 00") == p.pseudonym(.iban, platform: "", "nl91abna0417164300"))
    }

    /// Handles and e-mail addresses of ASCII skip Foundation; they must come out as Foundation made them.
    @Test func asciiHandlesAreNormalisedAsFoundationNormalisesThem() {
        for value in ["@Kiezer_NL", "kiezer_nl", " @@Jan.De.Vries@ ", "@", "   ", "", "A@B.nl", "x @ y", "@Ä_nl", "ÉMILE@x.fr",
                      "\u{00A0}@jan", "tab\t@"] {
            let foundation = value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "@ "))
            #expect(Pseudonymizer.normalise(value, .handle) == foundation, "\(value)")
            #expect(Pseudonymizer.normalise(value, .email) == foundation, "\(value)")
            #expect((Pseudonymizer.asciiHandle(value) == nil) == value.utf8.contains { $0 >= 0x80 }, "\(value)")
        }
    }

    @Test func theKeyIDDoesNotRevealTheKey() {
        #expect(Self.keyA.id.count == 11)
        #expect(!Self.keyA.id.contains("0707"))
        #expect(Self.keyA.id != Self.keyB.id)
    }

    @Test func base32FollowsRFC4648() {
        #expect(Pseudonymizer.base32(Array("foobar".utf8)) == "mzxw6ytboi")
        #expect(Pseudonymizer.base32(Array("f".utf8)) == "my")
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let directory = TemporaryDirectory("toets-key")
        let path = directory.path + "/key"
        try Data(repeating: 1, count: 32).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        #expect(throws: PseudonymKey.LoadError.readableByOthers(path: path, mode: "644")) { try PseudonymKey.load(file: path) }
        chmod(path, 0o600)
        #expect(try PseudonymKey.load(file: path).id == (try PseudonymKey(bytes: Array(repeating: 1, count: 32), source: "x")).id)
        try Data(repeating: 1, count: 16).write(to: URL(fileURLWithPath: path))
        #expect(throws: PseudonymKey.LoadError.tooShort(source: path, bytes: 16)) { try PseudonymKey.load(file: path) }
    }

    @Test func aKeyCanComeFromTheEnvironmentAsHex() throws {
        let hex = String(repeating: "07", count: 32)
        #expect(try PseudonymKey.load(environment: "K", from: ["K": hex]).id == Self.keyA.id)
        #expect(throws: PseudonymKey.LoadError.missing(variable: "K")) { try PseudonymKey.load(environment: "K", from: [:]) }
    }
}

@Suite struct KeySecrecyTests {
    @Test func printingOrDumpingAKeyShowsOnlyItsID() {
        let key = try! PseudonymKey(bytes: Array("secret-secret-secret-secret-1234".utf8), source: "test")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [String(describing: key), String(reflecting: key), "\(key)", dumped] {
            #expect(!text.contains("secret"))
            #expect(!text.contains("115, 101, 99"))
            #expect(text.contains(key.id))
        }
    }
}
