import Testing
@testable import ToetsModel

@Suite struct LabelsFileTests {
    @Test func aKindIsALowerCaseTokenAndAnEmptyFieldNamesNone() throws {
        #expect(try LabelsFile.coordinationKind("news_syndication") == "news_syndication")
        #expect(try LabelsFile.coordinationKind(" \tfans ") == "fans")
        #expect(try LabelsFile.coordinationKind("") == nil && LabelsFile.coordinationKind("  ") == nil)
        for field in ["Fans", "fans club", "fans,club", "fan1", "fans-club", "fanséé", String(repeating: "x", count: 41)] {
            #expect(throws: LabelsFile.CoordinationProblem.self, "\(field)") { try LabelsFile.coordinationKind(field) }
        }
    }
}
