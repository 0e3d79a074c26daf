import Foundation

/// coordination-network-toolkit 1.5.2 from its venv, driven as its users drive it: the
/// `compute_networks` command line, one process per step, timed by wall clock.
struct CNTCommandLine {
    static let version = "1.5.2"

    /// The venv folder (`.build-py/venv-cnt`).
    var venv: String
    /// Processes for `compute` (`--n_cpus`).
    var cpus: Int
    /// Seconds after which a `compute` is stopped, its worker processes with it.
    var timeLimit: Int

    /// Fails unless the venv holds CNT at `version`.
    func checkVersion() throws {
        let found = try runProgram([venv + "/bin/python", "-c",
                                    "import importlib.metadata as m; print(m.version('coordination-network-toolkit'))"],
                                   in: ".").trimmingCharacters(in: .whitespacesAndNewlines)
        guard found == Self.version else {
            throw BenchError("\(venv) has coordination-network-toolkit \(found), not \(Self.version); make bench-cnt remakes it")
        }
    }

    /// `compute_networks DB preprocess --format csv CSV` into a new database; its seconds.
    func preprocess(csv: String, into database: String) throws -> Double {
        Self.removeDatabase(database)
        let run = try timed([venv + "/bin/compute_networks", database, "preprocess", "--format", "csv", csv])
        guard run.status == 0 else { throw BenchError("CNT preprocess exited \(run.status):\n\(run.output.suffix(2_000))") }
        return run.seconds
    }

    /// `compute_networks DB compute NETWORK --time_window W --min_edge_weight 1`; its seconds,
    /// or nil when it ran past `timeLimit` and was stopped.
    func compute(_ network: String, database: String, window: Int64) throws -> Double? {
        // timeout(1) runs the command in a process group of its own and signals the whole
        // group, so CNT's pool workers stop with it.
        let run = try timed(["timeout", "--kill-after=30", "\(timeLimit)", venv + "/bin/compute_networks", database,
                             "compute", network, "--time_window", "\(window)", "--min_edge_weight", "1",
                             "--n_cpus", "\(cpus)"])
        if run.status == 124 || run.status == 137 { return nil }
        guard run.status == 0 else { throw BenchError("CNT compute \(network) exited \(run.status):\n\(run.output.suffix(2_000))") }
        return run.seconds
    }

    /// The network's edges without self-loops, as CNT's CSV export writes them
    /// (`source,target,weight,edge_type`); its seconds.
    ///
    /// CNT 1.5.2's `export_network --output_format csv` (and `compute --output_file`) stop with
    /// a TypeError (`write_output` passes `n_messages` to `output_gephi_csv`), so this calls
    /// `output_gephi_csv`, the function the command line means to call, directly.
    func export(_ network: String, database: String, to path: String) throws -> Double {
        let run = try timed([venv + "/bin/python", "-c",
                             "import sys\nfrom coordination_network_toolkit.output import output_gephi_csv\n"
                             + "output_gephi_csv(sys.argv[1], sys.argv[2], sys.argv[3])",
                             database, network, path])
        guard run.status == 0 else { throw BenchError("CNT export \(network) exited \(run.status):\n\(run.output.suffix(2_000))") }
        return run.seconds
    }

    /// Removes from a preprocessed database the input Toets reads differently on purpose
    /// (`CoAction` differences 1 and 3), so that CNT computes the same network Toets does:
    /// co_link loses the URL "" that CNT's CSV preprocessing gives every row without URLs;
    /// co_tweet loses the non-reposts whose text CNT's own `message_preprocessor` makes "".
    /// Returns how many rows went.
    func alignWithToets(_ network: String, database: String) throws -> Int {
        let script: String
        switch network {
        case "co_link":
            script = "import sys, sqlite3\ndb = sqlite3.connect(sys.argv[1])\n"
                + "n = db.execute(\"delete from message_url where url = ''\").rowcount\ndb.commit()\nprint(n)\n"
        case "co_tweet":
            script = "import sys, sqlite3\n"
                + "from coordination_network_toolkit.similarity import message_preprocessor\n"
                + "db = sqlite3.connect(sys.argv[1])\n"
                + "ids = [(m,) for m, t in db.execute('select message_id, message from edge where repost_id is null')"
                + " if message_preprocessor(t) == '']\n"
                + "db.executemany('delete from edge where message_id = ?', ids)\ndb.commit()\nprint(len(ids))\n"
        default:
            return 0
        }
        let output = try runProgram([venv + "/bin/python", "-c", script, database], in: ".")
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A copy of a closed database, for a run that changes it.
    static func copyDatabase(_ source: String, to target: String) throws {
        removeDatabase(target)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
    }

    /// User and system seconds of all the processes CNT has run and that have ended (a
    /// process pool's workers count once their parent has waited for them).
    static func childCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func timed(_ arguments: [String]) throws -> (seconds: Double, status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let start = ContinuousClock.now
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return (seconds, process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
