import ToetsModel
import Yams

extension PipelineLoader {
    static let executorKeys = ["partition", "account", "qos", "retries"]
    static let resourceKeys = ["cpus", "memory", "time", "partition"]

    /// `executor:`: defaults for cluster jobs.
    static func parseExecutor(_ node: Node, file: String, errors: inout [PipelineError]) -> ExecutorDefaults {
        var defaults = ExecutorDefaults()
        guard let mapping = node.mapping else {
            errors.append(PipelineError(file: file, line: node.mark?.line, field: "executor",
                                        problem: "executor: takes a mapping with " + executorKeys.joined(separator: ", ")))
            return defaults
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            func fail(_ problem: String, hint: String? = nil) {
                errors.append(PipelineError(file: file, line: value.mark?.line ?? keyNode.mark?.line, field: "executor.\(key)",
                                            problem: problem, hint: hint))
            }
            switch key {
            case "partition", "account", "qos":
                guard let text = value.scalar?.string, isSchedulerName(text) else {
                    fail("\(key): takes a name of letters, digits, '-', '_' or '.'", hint: "As `sinfo` or `sacctmgr` spell it.")
                    continue
                }
                switch key {
                case "partition": defaults.partition = text
                case "account": defaults.account = text
                default: defaults.qos = text
                }
            case "retries":
                guard let text = value.scalar?.string, let count = Int(text), (0...10).contains(count) else {
                    fail("retries: takes a whole number from 0 to 10",
                         hint: "It is how often a job that ended without a result (memory, time, a failed node) is submitted again.")
                    continue
                }
                defaults.retries = count
            default:
                errors.append(PipelineError(
                    file: file, line: keyNode.mark?.line, field: "executor.\(key)",
                    problem: "unknown field '\(key)' under executor:\(didYouMean(key, among: executorKeys))",
                    hint: "executor: takes \(executorKeys.joined(separator: ", ")); per stage, resources: takes "
                        + resourceKeys.joined(separator: ", ") + "."))
            }
        }
        return defaults
    }

    /// A stage's `resources:`.
    static func parseResources(_ node: Node, stage: String, file: String, lines: inout [String: Int],
                               errors: inout [PipelineError]) -> StageResources {
        var resources = StageResources()
        guard let mapping = node.mapping else {
            errors.append(PipelineError(file: file, line: node.mark?.line, stage: stage, field: "resources",
                                        problem: "resources: takes a mapping with " + resourceKeys.joined(separator: ", ")))
            return resources
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            lines["resources.\(key)"] = keyNode.mark?.line
            func fail(_ problem: String, hint: String? = nil) {
                errors.append(PipelineError(file: file, line: value.mark?.line ?? keyNode.mark?.line, stage: stage,
                                            field: "resources.\(key)", problem: problem, hint: hint))
            }
            let text = value.scalar?.string
            switch key {
            case "cpus":
                if let text, let count = Int(text), (1...4096).contains(count) { resources.cpus = count } else {
                    fail("cpus: takes a whole number from 1 to 4096")
                }
            case "memory":
                if let text, let bytes = parseSize(text), bytes >= 1 << 20 { resources.memory = bytes } else {
                    fail("memory: takes a size of at least 1 MiB, such as 512MiB, 4GiB or 8G",
                         hint: "It is what the job asks Slurm for (--mem); the stage's own memory: limits the command.")
                }
            case "time":
                if let text, let seconds = parseDuration(text), seconds > 0 { resources.time = seconds } else {
                    fail("time: takes a duration such as 90s, 10m or 1h30m", hint: "A bare number is seconds.")
                }
            case "partition":
                if let text, isSchedulerName(text) { resources.partition = text } else {
                    fail("partition: takes a name of letters, digits, '-', '_' or '.'")
                }
            default:
                errors.append(PipelineError(
                    file: file, line: keyNode.mark?.line, stage: stage, field: "resources.\(key)",
                    problem: "unknown field '\(key)' under resources:\(didYouMean(key, among: resourceKeys))",
                    hint: "resources: takes \(resourceKeys.joined(separator: ", "))."))
            }
        }
        return resources
    }

    /// A partition, account or QOS name: no spaces, no leading '-', nothing a shell or sbatch
    /// would read as more than a name.
    static func isSchedulerName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && !text.hasPrefix("-")
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.".utf8.contains(byte)
            }
    }
}
