import Foundation
import ToetsModel
import ToetsStore

/// Why a command that failed may have failed, from what it said on standard error: a limit of
/// the stage it ran into, or a file the sandbox did not show it. Worded as a likelihood: the
/// command's own message is the evidence, and it is quoted.
struct CommandDiagnosis {
    let stage: PlannedStage
    let request: CommandRequest
    let stderrTail: String?
    /// The pipeline root on this machine, and the pipeline file, for naming the `code:` field.
    let root: String
    let file: String

    /// What languages and the C library say when an allocation fails under RLIMIT_AS.
    static let memorySigns = ["MemoryError", "Cannot allocate memory", "cannot allocate", "out of memory", "Out of memory",
                              "bad_alloc", "memory exhausted", "OutOfMemoryError", "failed to allocate"]
    /// What they say when fork or thread creation fails under RLIMIT_NPROC.
    static let processSigns = ["Resource temporarily unavailable", "Cannot fork", "can't fork", "fork: retry",
                               "BlockingIOError", "can't start new thread", "unable to create native thread",
                               "pthread_create failed"]

    /// The reason a sandboxed program could not be started at all (the process limiter that
    /// starts it inside says so), worded as toets words it when it starts a program itself.
    func startFailure(status: Int32) -> String? {
        guard request.sandbox != nil, status == 126 || status == 127, let tail = stderrTail else { return nil }
        let marker = "prlimit: failed to execute "
        guard let line = tail.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else { return nil }
        let rest = line.dropFirst(marker.count)
        guard let colon = rest.range(of: ": ", options: .backwards) else { return nil }
        let program = rest[..<colon.lowerBound], reason = rest[colon.upperBound...]
        return "cannot start '\(program)' in the sandbox: \(reason). Is it installed under /usr, or declared under code:? "
            + "The sandbox shows a command the system's /usr and its stage's code: files; a program installed elsewhere "
            + "needs its folder under sandbox: read_only: (stage '\(stage.name)' in \(file))"
    }

    /// A sentence to append to "the command exited with status N", or "".
    var explanation: String {
        guard let tail = stderrTail else { return "" }
        if let limit = request.memoryLimit, let sign = Self.memorySigns.first(where: { tail.contains($0) }) {
            return "; it most likely ran out of its memory limit (memory: \(ByteCount(Int64(limit))) at line "
                + "\(stage.spec.line(of: "memory")) of \(file)): it said '\(sign)'"
        }
        if let view = request.sandbox, let sign = Self.processSigns.first(where: { tail.contains($0) }) {
            return "; it most likely reached its process limit (\(view.processLimit) processes and threads; "
                + "processes: in the pipeline sets it): it said '\(sign)'"
        }
        if request.sandbox != nil, let path = undeclaredPath(in: tail) {
            return "; it may have needed \(path), which the sandbox does not show it: a command sees only its declared "
                + "inputs, its code: files and its scratch folder. Declare the file under code: (stage '\(stage.name)', line "
                + "\(stage.spec.line(of: stage.spec.lines["code"] == nil ? "run" : "code")) of \(file)) and refer to it as "
                + "{root}/\(path)"
        }
        return ""
    }

    /// A path below the pipeline root, named by the host path or below `{root}` in the
    /// sandbox, that the command mentions and does not see.
    private func undeclaredPath(in text: String) -> String? {
        for prefix in [root + "/", SandboxLayout.root + "/"] {
            var rest = Substring(text)
            while let range = rest.range(of: prefix) {
                let path = rest[range.upperBound...].prefix { !$0.isWhitespace && !"'\"`:,;()[]{}<>".contains($0) }
                rest = rest[range.upperBound...]
                guard !path.isEmpty else { continue }
                let relative = String(path)
                let shown = request.sandbox?.hostPath(of: CommandLayout.codePath(relative, root: root)) != nil
                if !shown { return relative }
            }
        }
        return nil
    }
}
