import Foundation

/// The machine a run was made on, as the reproducibility annex lists it: processor, cores,
/// memory, operating system and kernel, and the Swift compiler that built Toets. Read from
/// `/proc` and `/etc/os-release` where Linux has them; what cannot be read is left out.
package enum MachineFacts {
    package static func current() -> [NamedValue] {
        var facts: [NamedValue] = []
        if let cpu = firstValue(in: "/proc/cpuinfo", key: "model name") { facts.append(NamedValue("processor", cpu)) }
        facts.append(NamedValue("logical cores", String(ProcessInfo.processInfo.activeProcessorCount)))
        let gibibytes = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        facts.append(NamedValue("memory", String(format: "%.1f GiB", gibibytes)))
        if let os = firstValue(in: "/etc/os-release", key: "PRETTY_NAME", separator: "=") {
            facts.append(NamedValue("operating system", os.trimmingCharacters(in: CharacterSet(charactersIn: "\""))))
        }
        if let release = try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8) {
            facts.append(NamedValue("kernel", "Linux " + release.trimmingCharacters(in: .whitespacesAndNewlines) + " " + architecture))
        }
        facts.append(NamedValue("compiler", compiler))
        return facts
    }

    static var architecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "arm64"
        #else
        "other architecture"
        #endif
    }

    /// The Swift language mode and compiler generation Toets was built with.
    static var compiler: String {
        #if compiler(>=6.3)
        "Swift 6.3 or later"
        #elseif compiler(>=6.2)
        "Swift 6.2"
        #else
        "Swift 6.1 or earlier"
        #endif
    }

    /// The value after the first `key` line of a `key: value` (or `key=value`) file.
    static func firstValue(in path: String, key: String, separator: Character = ":") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            guard let split = line.firstIndex(of: separator),
                  line[..<split].trimmingCharacters(in: .whitespaces) == key else { continue }
            let value = line[line.index(after: split)...].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
