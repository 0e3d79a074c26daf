import Foundation

/// Runs a program to completion; fails loudly if it does not exit 0.
@discardableResult
func runProgram(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw BenchError("`\(arguments.joined(separator: " "))` exited \(process.terminationStatus):\n\(text)")
    }
    return text
}

/// Wall-clock seconds of `body`, the median of `repetitions` runs.
func medianSeconds(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<repetitions { samples.append(try wallSeconds(body)) }
    return samples.sorted()[repetitions / 2]
}

/// Wall-clock seconds of one run of `body`.
func wallSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return (ContinuousClock.now - start) / .seconds(1)
}

/// Medians of two sides timed in turn (A B A B …), so that a change in the machine's load falls
/// on both alike. Each side returns the seconds it measured (a baseline may time itself, e.g.
/// without an interpreter's start-up).
func alternatingMedians(_ repetitions: Int, _ a: () throws -> Double, _ b: () throws -> Double) rethrows -> (a: Double, b: Double) {
    var samples: ([Double], [Double]) = ([], [])
    for _ in 0..<repetitions {
        samples.0.append(try a())
        samples.1.append(try b())
    }
    return (samples.0.sorted()[repetitions / 2], samples.1.sorted()[repetitions / 2])
}

/// Wall-clock and CPU seconds of `body` (CPU: the whole process, user and system), the median
/// of `repetitions` runs each. On a machine shared with other work the CPU time is what a
/// single-threaded body would take on its own.
func medianWallAndCPUSeconds(_ repetitions: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    var wall: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<repetitions {
        let (start, cpuStart) = (ContinuousClock.now, cpuNow())
        try body()
        cpu.append(cpuNow() - cpuStart)
        wall.append((ContinuousClock.now - start) / .seconds(1))
    }
    return (wall.sorted()[repetitions / 2], cpu.sorted()[repetitions / 2])
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The folder of this executable, where `toets` is built too.
var buildDirectory: String {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).deletingLastPathComponent().path
}

func line(_ label: String, _ value: String) {
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0) + value)
}
