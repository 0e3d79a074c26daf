import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsReport

/// Publishing a run's reports never overwrites a folder, and leaves nothing half-written.
@Suite struct ReportPublicationTests {
    static func publish(to folder: String) throws {
        let stored = try JSONEncoder().encode(ReportFixture.input)
        try ReportPublication.publish(storedInput: Array(stored), run: ReportFixture.input.reproducibility, pdf: false,
                                      renderer: PDFRenderer(), to: folder)
    }

    @Test func anExistingFolderIsRefusedAndLeftAsItWas() throws {
        let directory = TemporaryDirectory()
        let folder = directory.path + "/demo/run-1"
        try directory.write("demo/run-1/klankbord.en.html", "an earlier run's report\n")
        #expect(throws: ReportError.folderExists(path: folder)) { try Self.publish(to: folder) }
        #expect(try directory.read("demo/run-1/klankbord.en.html") == "an earlier run's report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/demo") == ["run-1"])
    }

    @Test func aFolderAppearsOnlyWhole() throws {
        let directory = TemporaryDirectory()
        try Self.publish(to: directory.path + "/run-2")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/run-2")
        #expect(names.contains(ReportPublication.checksumFile) && names.contains("klankbord.en.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["run-2"])
    }
}
