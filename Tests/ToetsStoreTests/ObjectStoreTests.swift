import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsStore

@Suite struct ObjectStoreTests {
    let directory = TemporaryDirectory()
    var store: ObjectStore { ObjectStore(root: directory.path) }

    init() throws {
        try ObjectStore(root: directory.path).prepare()
    }

    @Test func storedBytesLiveUnderTheirDigestAndAreReadOnly() throws {
        let digest = try store.put(bytes: Array("hello".utf8))
        #expect(digest == Digest.sha256(of: Array("hello".utf8)))
        let path = store.path(of: digest)
        #expect(path.hasSuffix("/objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2)))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello")
        #expect(FileSystem.fileStatus(path)!.st_mode & 0o777 == 0o444)
        #expect(try FileSystem.contents(of: store.temporaryDirectory).isEmpty)
    }

    @Test func storingTheSameContentTwiceNeverReplacesTheObject() throws {
        let digest = try store.put(bytes: Array("same".utf8))
        let inode = FileSystem.fileStatus(store.path(of: digest))!.st_ino
        try store.put(bytes: Array("same".utf8))
        let copy = try directory.write("copy.txt", "same")
        try store.put(copyOf: copy)
        #expect(FileSystem.fileStatus(store.path(of: digest))!.st_ino == inode)
        #expect(try store.allObjects() == [digest])
        #expect(try FileSystem.contents(of: store.temporaryDirectory).isEmpty)
    }

    @Test func copyingAFileHashesItWhileStreamingAndLeavesTheSourceAlone() throws {
        // Larger than one read chunk, so the streaming loop runs several times.
        let text = String(repeating: "0123456789abcdef", count: 150_000)
        let source = try directory.write("big.txt", text)
        let (digest, size) = try store.put(copyOf: source)
        #expect(size == text.utf8.count)
        #expect(digest == Digest.sha256(of: Array(text.utf8)))
        #expect(FileSystem.exists(source))
        try store.verify(digest)
    }

    @Test func movingAFileAdoptsItWithoutACopy() throws {
        let source = try directory.write("tmp/out.csv", "a,b\n")
        let inode = FileSystem.fileStatus(source)!.st_ino
        let (digest, _) = try store.put(moving: source)
        #expect(!FileSystem.exists(source))
        #expect(FileSystem.fileStatus(store.path(of: digest))!.st_ino == inode)
    }

    @Test func aDirectoryIsNotStored() throws {
        try FileSystem.makeDirectory(directory.path + "/folder")
        #expect(throws: StoreError.self) { try store.put(copyOf: directory.path + "/folder") }
        #expect(throws: StoreError.self) { try store.put(moving: directory.path + "/folder") }
    }

    @Test func aFlippedByteIsCaughtByVerify() throws {
        let digest = try store.put(bytes: Array("precious".utf8))
        try flipFirstByte(store.path(of: digest))
        #expect {
            try store.verify(digest)
        } throws: { error in
            guard case StoreError.corruptObject(let named, _, let actual) = error else { return false }
            return named == digest && actual == Digest.sha256(of: Array("qrecious".utf8))
        }
    }

    @Test func exportCopiesOutAndRefusesACorruptObject() throws {
        let digest = try store.put(bytes: Array("result".utf8))
        let target = directory.path + "/out/result.txt"
        try FileSystem.makeDirectory(directory.path + "/out")
        try store.export(digest, to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "result")
        try flipFirstByte(store.path(of: digest))
        try directory.write("out/result.txt", "kept")
        #expect(throws: StoreError.self) { try store.export(digest, to: target) }
        #expect(try directory.read("out/result.txt") == "kept")
        #expect(try FileSystem.contents(of: directory.path + "/out") == ["result.txt"])
    }
}

/// Changes the first byte of a read-only file, as a disk error or a careless hand would.
func flipFirstByte(_ path: String) throws {
    chmod(path, 0o644)
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    let first = handle.readData(ofLength: 1)[0]
    try handle.seek(toOffset: 0)
    handle.write(Data([first ^ 0x01]))
    try handle.close()
}
