import ArgumentParser
import Foundation
import ToetsMethods
import ToetsModel

/// `toets-bench cnt`: CNT 1.5.2's co-action networks against Toets's, end to end on the same
/// synthetic CSV, and a check that both give the same edges and weights.
///
/// CNT: `preprocess` (the CSV into its SQLite database, timed once per size and added to every
/// network's total), then per network `compute` on a fresh copy of that database and the CSV
/// export. Toets, per network, the three calls `toets co-action` makes, timed in this process
/// (a `toets` process would add its start, about 0.03 s): the same CSV file read
/// (`CoActionInput(cntCSVAt:columns:)`: every record parsed and checked — 8 fields, whole-second
/// times, UTF-8 — keeping the columns that network uses), the network computed, and its CSV
/// written (`CoActionEdgeTable.writeCSV`); median of 3. Then the `toets co-action` command
/// itself, as a process on memory it has not touched before (median of 3, printed beside, and
/// its output is the edge list compared). Where Toets differs from CNT on purpose,
/// CNT's side is made to match before its `compute`, untimed (`CNTCommandLine.alignWithToets`),
/// and CNT's export leaves out self-loops.
struct CNTBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnt",
        abstract: "CNT 1.5.2's co-action networks against Toets's on a synthetic CSV: time and edges.")

    @OptionGroup var input: CNTInputOptions

    @Option(help: "The speed-up to meet per network.")
    var goal = 30.0

    struct Row {
        var network: String
        var cnt: Double
        var cntStopped: Bool
        var toets: Double
        /// `toets co-action` as a process.
        var process: Double
        var edges: Int
        var identical: Bool?
        var speedUp: Double { cnt / toets }
    }

    func run() throws {
        let chosen = try input.chosenNetworks()
        let cnt = input.cnt
        try cnt.checkVersion()
        var failed = false
        for size in input.sizes {
            let rows = try bench(size: size, networks: chosen, cnt: cnt)
            failed = failed || rows.contains { $0.identical == false || (!$0.cntStopped && $0.speedUp < goal) }
        }
        if failed { throw ExitCode(1) }
    }

    private func bench(size: Int, networks: [CoActionNetwork], cnt: CNTCommandLine) throws -> [Row] {
        let folder = input.cache + "/\(size)"
        let (window, days, timeLimit) = (input.window, input.days, input.timeLimit)
        let input = try self.input.input(size: size, in: folder)
        let megabytes = ((try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0) >> 20
        say("\n\(size) messages (\(megabytes) MiB CSV, \(days) days), window \(window) s, min edge weight 1; load \(loadAverages())")

        let database = folder + "/cnt.db", work = folder + "/cnt-work.db"
        let cpuBefore = CNTCommandLine.childCPUSeconds()
        let preprocessWall = try cnt.preprocess(csv: input, into: database)
        let preprocess = (wall: preprocessWall, cpu: CNTCommandLine.childCPUSeconds() - cpuBefore)
        say(String(format: "  CNT preprocess: %.1f s (added to each network's CNT total)", preprocess.wall))
        let parameters = CoActionParameters(timeWindow: window, minEdgeWeight: 1)

        var rows: [Row] = []
        for network in networks {
            let name = network.rawValue
            // Toets: read the CSV, compute, write the edges, as `toets co-action` does.
            let toetsPath = folder + "/toets-\(name).csv"
            var phases: [Double] = []
            var edges = 0
            // The median of 3: Toets's runs are short next to the load of a shared machine.
            let toets = try medianWallAndCPUSeconds(3) {
                var clock = ContinuousClock.now
                phases = []
                func lap() {
                    phases.append((ContinuousClock.now - clock) / .seconds(1))
                    clock = ContinuousClock.now
                }
                let coActionInput = try CoActionInput(cntCSVAt: input, columns: network.columns)
                lap()
                let table = CoAction.network(network, of: coActionInput, parameters: parameters)
                lap()
                try table.writeCSV(to: toetsPath)
                edges = table.count
                lap()
            }
            let process = try medianSeconds(3) {
                try runProgram([buildDirectory + "/toets", "co-action", input, "--network", name, "--time_window", "\(window)",
                                "--min_edge_weight", "1", "--out", toetsPath], in: ".")
            }

            // CNT: compute on a fresh copy of the preprocessed database, then export.
            try CNTCommandLine.copyDatabase(database, to: work)
            let removed = try cnt.alignWithToets(name, database: work)
            let cpuBefore = CNTCommandLine.childCPUSeconds()
            let cntPath = folder + "/cnt-\(name).csv"
            try? FileManager.default.removeItem(atPath: cntPath)
            let computed = try cnt.compute(name, database: work, window: window)
            var row = Row(network: name, cnt: preprocess.wall + Double(timeLimit), cntStopped: true, toets: toets.wall,
                          process: process, edges: edges, identical: nil)
            var detail = String(format: "Toets (last run) read %.2f s + network %.2f s + write %.2f s",
                                phases[0], phases[1], phases[2])
            if let computed {
                let export = try cnt.export(name, database: work, to: cntPath)
                row.cnt = preprocess.wall + computed + export
                row.cntStopped = false
                let cpu = preprocess.cpu + CNTCommandLine.childCPUSeconds() - cpuBefore
                detail += String(format: "; CPU s: CNT %.1f, Toets %.2f (%.0f×)", cpu, toets.cpu, cpu / toets.cpu)
                let comparison = try EdgeListComparison(toets: [UInt8](Data(contentsOf: URL(fileURLWithPath: toetsPath))),
                                                        cnt: [UInt8](Data(contentsOf: URL(fileURLWithPath: cntPath))))
                row.identical = comparison.identical
                detail += String(format: "; CNT compute %.1f s + export %.1f s", computed, export)
                if !comparison.identical {
                    detail += "; \(comparison.onlyToets) edges only in Toets, \(comparison.onlyCNT) only in CNT, "
                        + "\(comparison.weightDiffers) weights differ: " + comparison.examples.joined(separator: "; ")
                }
            } else {
                detail += "; CNT compute stopped after \(timeLimit) s"
            }
            if removed > 0 { detail += "; \(removed) rows removed from CNT's database first" }
            CNTCommandLine.removeDatabase(work)
            rows.append(row)
            say("  \(Self.format(row))\n      \(detail); load \(loadAverages())")
        }

        say("\n\(size) messages: CNT = preprocess + compute + export; Toets = read CSV + network + write CSV, "
            + "as toets co-action (median of 3); process = toets co-action run as a process (median of 3)")
        say("network            CNT s     Toets s   speed-up   process s  speed-up   edges        identical")
        for row in rows { say(Self.format(row)) }
        let met = rows.filter { $0.speedUp >= goal }.count
        say(String(format: "goal ≥ %.0f× per network: met by %d of %d; edges identical: %d of %d compared", goal, met,
                     rows.count, rows.filter { $0.identical == true }.count, rows.filter { $0.identical != nil }.count))
        return rows
    }

    private static func format(_ row: Row) -> String {
        let cnt = row.cntStopped ? String(format: "> %.0f", row.cnt) : String(format: "%.1f", row.cnt)
        let speedUp = (row.cntStopped ? "> " : "") + String(format: "%.0f×", row.speedUp)
        let identical = row.identical.map { $0 ? "yes" : "NO" } ?? "n/a"
        return row.network.padding(toLength: 18, withPad: " ", startingAt: 0)
            + cnt.padding(toLength: 10, withPad: " ", startingAt: 0)
            + String(format: "%-10.2f", row.toets)
            + speedUp.padding(toLength: 11, withPad: " ", startingAt: 0)
            + String(format: "%-11.2f", row.process)
            + ((row.cntStopped ? "> " : "") + String(format: "%.0f×", row.cnt / row.process)).padding(toLength: 11, withPad: " ", startingAt: 0)
            + "\(row.edges)".padding(toLength: 13, withPad: " ", startingAt: 0)
            + identical
    }

}
