import Testing
import ToetsModel
@testable import ToetsReport

/// A method that ran in a container image names the image on its card, in both languages.
@Suite struct ContainerCardTests {
    @Test func theCardOfAMethodInAnImageGivesTheImageDigest() throws {
        let image = "oci-archive sha256:" + String(repeating: "ab", count: 32)
        var method = try #require(ReportFixture.methods.first { $0.kind == MethodFacts.external })
        var declaration = StageDeclaration(stage: method.name, kind: "command", kindVersion: 2, role: .method, parameters: [:],
                                           code: [:], command: "sh run.sh", sandbox: "podman view 1", about: StageAbout())
        #expect(!MethodCard(method, language: .en).article(headingLevel: 3).rendered.contains("container image"))
        declaration.image = image
        // The declaration, as the report stage reads it back from its parameters, carries the image.
        let read = try #require(StageDeclaration(stage: method.name, value: declaration.value))
        ReportInputMapping.declare(&method, read)
        let english = MethodCard(method, language: .en).article(headingLevel: 3).rendered
        #expect(english.contains("Environment: the container image it ran in, by SHA-256"))
        #expect(english.contains("<code>\(image)</code>"))
        let dutch = MethodCard(method, language: .nl).article(headingLevel: 3).rendered
        #expect(dutch.contains("Omgeving: het container-image waarin het draaide, met SHA-256"))
    }
}
