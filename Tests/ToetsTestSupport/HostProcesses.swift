import Foundation

/// The processes of this machine, seen from outside any sandbox.
package enum HostProcesses {
    /// The live processes (zombies left out) one of whose arguments is exactly `marker`.
    package static func withArgument(_ marker: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  data.split(separator: 0).contains(where: { String(decoding: $0, as: UTF8.self) == marker }),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
        }
    }

    /// Waits up to `seconds` for every process with argument `marker` to be gone; true if they
    /// went. Sleeps without holding a thread: tests share a pool of as many threads as cores.
    package static func awaitGone(_ marker: String, seconds: Double = 5) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if withArgument(marker).isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return withArgument(marker).isEmpty
    }

    /// Waits up to `seconds` until at least `count` processes have argument `marker`; true if
    /// they did. A marker must sit on a process that lives: `sh -c 'sleep 9' MARK` marks nothing,
    /// as the shell execs its last command.
    package static func awaitStarted(_ marker: String, count: Int = 1, seconds: Double = 600) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while withArgument(marker).count < count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// A number no other test uses, as a `sleep` argument that marks the processes of one test.
    package static func uniqueMarker() -> String {
        String(UInt32.random(in: 100_000...999_999))
    }
}
