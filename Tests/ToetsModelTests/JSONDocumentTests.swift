import Foundation
import Testing
@testable import ToetsModel

@Suite struct JSONDocumentTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing").path

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: suite)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func theJSONTestSuiteIsThere() {
        #expect(Self.cases.count > 300, "JSONTestSuite not found at \(Self.suite)")
    }

    /// Pure RFC 8259 mode: the suite's `y_` cases include duplicate keys, which are valid JSON.
    @Test func acceptsEveryYCaseAndRejectsEveryNCase() throws {
        var wronglyRejected: [String] = []
        var wronglyAccepted: [String] = []
        for name in Self.cases where !name.hasPrefix("i_") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.suite + "/" + name)))
            let accepted = (try? JSONDocument(bytes, rejectDuplicateKeys: false)) != nil
            if name.hasPrefix("y_") && !accepted { wronglyRejected.append(name) }
            if name.hasPrefix("n_") && accepted { wronglyAccepted.append(name) }
        }
        #expect(wronglyRejected == [])
        #expect(wronglyAccepted == [])
    }

    @Test func implementationDefinedCasesNeverCrash() throws {
        for name in Self.cases where name.hasPrefix("i_") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.suite + "/" + name)))
            if let document = try? JSONDocument(bytes) {
                _ = document.root.string
                _ = document.root.elements.map { ($0.string, $0.double, $0.int64) }
            }
        }
    }

    @Test func byDefaultTheSuitesDuplicateKeyCasesAreRefused() throws {
        for name in ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.suite + "/" + name)))
            #expect(throws: JSONError.self) { try JSONDocument(bytes) }
        }
    }

    @Test func duplicateKeysAreRejectedEvenWhenSpelledWithEscapes() {
        #expect(throws: JSONError.self) { try JSONDocument(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: JSONError.self) { try JSONDocument(Array(#"{"a":1,"\u0061":2}"#.utf8)) }
        #expect(throws: JSONError.self) { try JSONDocument(Array(#"{"x":{"é":1,"\u00e9":2}}"#.utf8)) }
        #expect((try? JSONDocument(Array(#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#.utf8))) != nil)
    }

    @Test func nestingIsLimited() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: JSONError.self) { try JSONDocument(Array(deep.utf8)) }
        #expect((try? JSONDocument(Array(fine.utf8))) != nil)
    }

    @Test func valuesAreReadOnDemand() throws {
        let document = try JSONDocument(Array(#"""
            {"id":"1397","n":-42,"big":12345678901234567,"f":1.5e2,"t":"caf\u00e9 \ud83d\ude00\n","ok":true,
             "list":[1,"two",null],"nested":{"deep":{"x":"y"}}}
            """#.utf8))
        let root = document.root
        #expect(root["id"]?.string == "1397")
        #expect(root["id"]?.int64 == 1397)
        #expect(root["n"]?.int64 == -42)
        #expect(root["big"]?.int64 == 12_345_678_901_234_567)
        #expect(root["f"]?.double == 150)
        #expect(root["f"]?.int64 == 150)
        #expect(root["t"]?.string == "café 😀\n")
        #expect(root["ok"]?.bool == true)
        #expect(root["list"]?.elements.map(\.kind) == [.number, .string, .null])
        #expect(root["nested", "deep", "x"]?.string == "y")
        #expect(root["missing"] == nil)
        #expect(root.members.map(\.key) == ["id", "n", "big", "f", "t", "ok", "list", "nested"])
    }

    @Test func errorsSayWhere() {
        #expect {
            try JSONDocument(Array(#"{"a": tru}"#.utf8))
        } throws: { error in
            (error as? JSONError)?.offset == 6
        }
    }
}
