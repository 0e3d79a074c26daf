import Testing
@testable import ToetsRunner

/// Root's containers map their ids to host ids no user, group or subordinate range holds.
@Suite struct PodmanIDTests {
    @Test func theContainersIDsAvoidEveryUserGroupAndSubordinateRange() {
        #expect(Podman.freeIDBase(taken: []) == 100_000)
        #expect(Podman.freeIDBase(taken: [(0, 1), (1000, 1), (65534, 1)]) == 100_000)
        // Debian's useradd gives the first user 100000-165535: root's containers move past it.
        #expect(Podman.freeIDBase(taken: [(100_000, 65_536)]) == 165_536)
        // A range that reaches into the next block moves them a block further; one id is enough.
        #expect(Podman.freeIDBase(taken: [(150_000, 20_000)]) == 231_072)
        #expect(Podman.freeIDBase(taken: [(100_000, 65_536), (165_536 + 65_534, 1)]) == 231_072)
        #expect(Podman.freeIDBase(taken: [(100_000, UInt32.max - 100_000)]) == nil)
    }

    @Test func subordinateAndAccountFilesAreReadAsWritten() {
        let subuid = "alice:100000:65536\n# comment\nbob:300000:65536\nbroken:x:1\n"
        #expect(Podman.subordinateRanges(subuid).map { [$0.0, $0.1] } == [[100_000, 65_536], [300_000, 65_536]])
        let passwd = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\nldap:x:170000:1::/:/bin/sh\n"
        #expect(Podman.accountIDs(passwd).map(\.0) == [0, 65534, 170_000])
        #expect(Podman.freeIDBase(taken: Podman.subordinateRanges(subuid) + Podman.accountIDs(passwd)) == 231_072)
    }
}
