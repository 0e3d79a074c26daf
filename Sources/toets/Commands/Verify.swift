import ArgumentParser
import Foundation
import ToetsStore

extension Toets {
    /// `toets verify`: re-hash every object and check the index against the store.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash every stored object and check the index; exit status 1 if anything is wrong.")

        @Flag(name: .long, help: "Move corrupt objects to corrupt/ so that the next run recomputes them.")
        var repair = false

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try await reportingErrors {
                let workspace = try options.openExisting()
                let lock = repair ? try await workspace.lock(purpose: "toets verify --repair", wait: true) { holder in
                    writeError("waiting for the workspace: it is held by \(holder)")
                } : nil
                let start = ContinuousClock.now
                let report = try workspace.verify(repair: repair)
                withExtendedLifetime(lock) {}
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                if options.json {
                    try printJSON(report)
                } else {
                    for corruption in report.corrupt {
                        var line = "CORRUPT  \(corruption.digest.hex)  \(corruption.path)"
                        if let actual = corruption.actual { line += "  (its bytes hash to \(actual.hex))" }
                        if let moved = corruption.movedTo { line += "  moved to \(moved)" }
                        writeOut(line)
                    }
                    for digest in report.missing {
                        writeOut("MISSING  \(digest.hex)  referenced by the index, absent from the store")
                    }
                    for problem in report.indexProblems { writeOut("INDEX    \(problem)") }
                    let summary = "checked \(report.objectsChecked) objects (\(formatBytes(report.bytesChecked))) "
                        + "in \(formatSeconds(seconds)): "
                    if report.passed {
                        writeOut(summary + "all intact")
                    } else {
                        writeOut(summary + "\(report.corrupt.count) corrupt, \(report.missing.count) missing, "
                                 + "\(report.indexProblems.count) index problems")
                        if !repair && !report.corrupt.isEmpty {
                            writeOut("run `toets verify --repair` to move corrupt objects aside; the next run recomputes them")
                        }
                    }
                }
                if !report.passed { throw ExitCode(ExitCodes.failed) }
            }
        }
    }
}
