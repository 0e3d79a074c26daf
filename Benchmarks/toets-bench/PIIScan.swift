import ArgumentParser
import Foundation
import ToetsAnonymise
import ToetsDemoWorld
import ToetsModel

/// Toets's PII scanner against Presidio's analyzer (regex recognizers only, no NLP model) on a
/// labelled sample of Dutch social-media texts: throughput, and precision and recall per kind.
struct PIIScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii",
        abstract: "Scan labelled Dutch texts for personal data with Toets and with Presidio, and compare.")

    @Option(help: "Texts in the sample.")
    var texts = 100_000

    @Option(help: "Seed of the sample.")
    var seed: UInt64 = 2026

    @Option(help: "Python with presidio-analyzer installed.")
    var python = ".build-py/venv/bin/python"

    @Option(help: "The Presidio side of the benchmark.")
    var script = "scripts/bench/presidio_pii.py"

    @Option(help: "Repetitions of the Toets scan; the median is reported.")
    var repetitions = 3

    @Option(help: "Examples of misses and false positives shown per kind.")
    var examples = 3

    @Option(help: "Where the sample and Presidio's findings are written.")
    var cache = ".build-bench"

    func run() throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let sample = PIISample(count: texts, seed: seed)
        let samplePath = cache + "/pii-sample-\(texts)-seed\(seed).jsonl"
        try Data(sample.jsonLines()).write(to: URL(fileURLWithPath: samplePath))

        let inputs = sample.texts.map(\.text)
        var toetsFound: [[PIIMatch]] = []
        let toets = medianWallAndCPUSeconds(repetitions) { toetsFound = inputs.map(PIIScanner.scan) }

        let presidioPath = cache + "/pii-presidio-\(texts)-seed\(seed).jsonl"
        print("running Presidio over \(texts) texts (about a millisecond each) …")
        let presidioOutput = try runProgram([python, script, "--sample", samplePath, "--out", presidioPath], in: ".")
        let presidio = try PresidioFindings(path: presidioPath, texts: texts)

        // The goal is judged on CPU time: on a machine shared with other work, wall-clock time
        // measures the other work too, and each side runs on one thread.
        let ratio = presidio.cpuSeconds / toets.cpu
        let withPII = sample.texts.count { !$0.gold.isEmpty }
        let withNearMisses = sample.texts.count { !$0.decoys.isEmpty }
        print(presidioOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        print("\nPII scan of \(texts) Dutch texts (seed \(seed); \(withPII) with personal data, \(withNearMisses) with near misses; "
            + "\(sample.texts.reduce(0) { $0 + $1.text.utf8.count } >> 10) KiB), one thread each, sample in \(samplePath)")
        func figures(_ wall: Double, _ cpu: Double) -> String {
            String(format: "%.2f s wall %.2f s CPU  %.0f texts/s wall  %.0f texts per CPU-second",
                   wall, cpu, Double(texts) / wall, Double(texts) / cpu)
        }
        line("  Toets PIIScanner, median of \(repetitions)", figures(toets.wall, toets.cpu))
        line("  Presidio \(presidio.version), regex only", figures(presidio.seconds, presidio.cpuSeconds))
        line("  Toets / Presidio, wall-clock", String(format: "%.0f", presidio.seconds / toets.wall))
        line("  Toets / Presidio, CPU time (goal ≥ 100)", String(format: "%.0f %@", ratio, ratio >= 100 ? "met" : "NOT MET"))

        let toetsScore = sample.score(toetsFound.map { $0.map { PIIPrediction(kinds: [$0.kind], range: $0.range) } }, offsets: .bytes, examples: examples)
        let presidioScore = sample.score(presidio.predictions, offsets: .characters, examples: examples)
        PIIReport(toets: toetsScore, presidio: presidioScore, presidioRecognizers: presidio.recognizers, examples: examples).print()
        if ratio < 100 { throw ExitCode(1) }
    }
}

/// What `scripts/bench/presidio_pii.py` wrote: a header line, then one line per text.
struct PresidioFindings {
    var version: String
    var seconds: Double
    var cpuSeconds: Double
    var recognizers: [String]
    var predictions: [[PIIPrediction]]

    init(path: String, texts: Int) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let lines = bytes.split(separator: 0x0A)
        guard lines.count == texts + 1 else { throw BenchError("\(path): \(lines.count) lines, expected \(texts + 1)") }
        let header = try JSONDocument(Array(lines[0])).root
        guard let version = header["presidio_analyzer"]?.string, let seconds = header["seconds"]?.double,
              let cpuSeconds = header["cpu_seconds"]?.double else {
            throw BenchError("\(path): the header line lacks presidio_analyzer, seconds or cpu_seconds")
        }
        self.version = version
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        recognizers = header["recognizers"]?.elements.compactMap(\.string) ?? []
        predictions = try lines.dropFirst().map { line in
            try JSONDocument(Array(line)).root["found"]?.elements.map { found in
                guard let kinds = found["kinds"]?.elements.compactMap({ $0.string.flatMap(PIIKind.init(rawValue:)) }),
                      !kinds.isEmpty, let start = found["start"]?.int64, let end = found["end"]?.int64, start <= end
                else { throw BenchError("\(path): a finding without kinds, start or end: \(String(decoding: line, as: UTF8.self))") }
                return PIIPrediction(kinds: kinds, range: Int(start)..<Int(end))
            } ?? []
        }
    }
}
