import Foundation

extension Podman {
    /// Where root's containers map their ids when those are free: Debian's own first
    /// subordinate id.
    static let preferredIDBase: UInt32 = 100_000

    /// The host ids something on this machine holds: each user's and group's id, and each
    /// subordinate range (of rootless podman, for one) in /etc/subuid and /etc/subgid, as
    /// (first, count). Files that cannot be read hold nothing.
    static func takenIDs(files: [String] = ["/etc/passwd", "/etc/group", "/etc/subuid", "/etc/subgid"]) -> [(UInt32, UInt32)] {
        files.flatMap { file in
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            return file.hasSuffix("id") ? subordinateRanges(text) : accountIDs(text)
        }
    }

    /// `NAME:FIRST:COUNT` lines (/etc/subuid, /etc/subgid); other lines are passed over.
    static func subordinateRanges(_ text: String) -> [(UInt32, UInt32)] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, let first = UInt32(fields[1]), let count = UInt32(fields[2]) else { return nil }
            return (first, count)
        }
    }

    /// The ids of /etc/passwd or /etc/group lines (their third field), each a range of one.
    static func accountIDs(_ text: String) -> [(UInt32, UInt32)] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count > 2, let id = UInt32(fields[2]) else { return nil }
            return (id, 1)
        }
    }

    /// The first of `preferredIDBase`, then each next block of 65536 ids, that meets none of
    /// `taken`: a container's ids must belong to no one else, or the files a root-run method
    /// writes would be another user's (or another user's rootless containers'). Nil if none is left.
    static func freeIDBase(taken: [(UInt32, UInt32)]) -> UInt32? {
        var base = UInt64(preferredIDBase)
        let size = UInt64(mappedIDs)
        while base + size <= UInt64(UInt32.max) {
            let meets = taken.first { first, count in
                UInt64(first) < base + size && base < UInt64(first) + UInt64(count)
            }
            guard let meets else { return UInt32(base) }
            // Past the range met, to the next block boundary.
            let end = UInt64(meets.0) + UInt64(meets.1)
            base += ((end - base + size - 1) / size) * size
        }
        return nil
    }
}
