import Testing
import ToetsModel
@testable import ToetsReport

/// Each method card says which post fields the method received: every field when it declared
/// none, said plainly, or only those it declared; in both languages, from its declaration.
@Suite struct PostFieldsCardTests {
    @Test func aCardSaysWhichPostFieldsItsMethodReceived() throws {
        var method = try #require(ReportFixture.methods.first)
        let whole = MethodCard(method, language: .en).article(headingLevel: 3).rendered
        #expect(whole.contains("Post fields it received"))
        #expect(whole.contains("every field of every post, as it declared none: full texts, times to the second"))
        let wholeDutch = MethodCard(method, language: .nl).article(headingLevel: 3).rendered
        #expect(wholeDutch.contains("alle velden van elk bericht, omdat de methode er geen opgaf: volledige teksten"))

        method.postFields = ["author_id", "created_at", "ref_post_id"]
        let english = MethodCard(method, language: .en).article(headingLevel: 3).rendered
        #expect(english.contains("only the fields it declared; Toets left every other field out of its posts: "
                                 + "<code>author_id</code>, <code>created_at</code>, <code>ref_post_id</code>"))
        #expect(!english.contains("every field of every post"))
        let dutch = MethodCard(method, language: .nl).article(headingLevel: 3).rendered
        #expect(dutch.contains("alleen de opgegeven velden; Toets liet elk ander veld uit de berichten weg: <code>author_id</code>"))
    }

    @Test func theFieldsComeFromTheMethodsDeclaration() throws {
        var facts = try #require(ReportFixture.methods.first)
        let declaration = StageDeclaration(stage: "m", kind: "command", kindVersion: 1, role: .method, parameters: [:], code: [:],
                                           command: "m {in.posts}", about: StageAbout(), postFields: ["author_id", "urls"])
        let read = try #require(StageDeclaration(stage: "m", value: declaration.value))
        #expect(read.postFields == ["author_id", "urls"])
        ReportInputMapping.declare(&facts, read)
        #expect(facts.postFields == ["author_id", "urls"])
        var undeclared = declaration
        undeclared.postFields = nil
        ReportInputMapping.declare(&facts, try #require(StageDeclaration(stage: "m", value: undeclared.value)))
        #expect(facts.postFields == nil)
    }
}
