import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsAnonymise

/// The name lists enter anonymise's key by the digests the runner keeps of unchanged files (by
/// path, size, times and inode), which must never hide a change.
@Suite struct NameListsKeyTests {
    static let parameters: [String: ParamValue] = [
        "records": .string("posts"), "k": .int(5), "small_classes": .string("generalise"), "max_suppressed": .double(0.05),
    ]

    @Test func theRememberedDigestsOfTheListsEqualHashingThemAndSeeAFileChangedInPlace() throws {
        let directory = TemporaryDirectory()
        let lists = directory.path + "/lists"
        for file in NameLists.files {
            let bytes = try FileSystem.readSmallFile(TestNameLists.folder + "/" + file.path)
            try FileSystem.makeDirectory(FileSystem.parentDirectory(of: lists + "/" + file.path))
            try Data(bytes).write(to: URL(fileURLWithPath: lists + "/" + file.path))
        }
        let workspace = try Workspace(root: directory.path + "/ws")
        Thread.sleep(forTimeInterval: 1.1)  // lists that have stood still for a second are remembered
        var parameters = Self.parameters
        parameters["name_lists"] = .string(lists)
        func keyed() throws -> Digest? {
            try AnonymiseStage().externalData(parameters: parameters, environment: [:],
                                              fileDigest: workspace.digest(ofExternalFile:))[AnonymiseStage.nameListsKeyName]
        }
        let first = try keyed()
        #expect(try NameLists.digest(folder: lists) == first)
        #expect(try keyed() == first)  // now from the remembered digests

        // One byte changed in place, the size and the modification time as they were: the
        // change time and the digest differ.
        let path = lists + "/" + NameLists.files[0].path
        var info = stat()
        #expect(stat(path, &info) == 0)
        var bytes = try FileSystem.readSmallFile(path)
        bytes[0] = bytes[0] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        #expect(pwrite(fd, bytes, 1, 0) == 1)
        var times = [info.st_atim, info.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        let changed = try keyed()
        #expect(changed != first)
        #expect(try NameLists.digest(folder: lists) == changed)

        // A list gone is named as when the lists are read.
        try FileSystem.removeTree(path)
        #expect(throws: NameLists.LoadError.missingFile(folder: lists, file: NameLists.files[0].path)) { try keyed() }
    }
}
