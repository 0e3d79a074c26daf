#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// libyaml, as Yams builds it: its event parser lets a file's shape be measured before Yams
// composes it (Yams follows every alias while composing and while hashing mapping keys).
import CYaml
import ToetsModel
import ToetsStore

/// Bounds on what a pipeline file may be, checked before it is composed, so that a hostile or
/// mistaken file fails fast with a message instead of taking minutes and gigabytes.
extension PipelineLoader {
    /// The largest pipeline file read: room for several hundred thousand stages.
    package static let maximumFileBytes = 32 << 20
    /// Nodes that YAML aliases may add to a file beyond those written in it. A pipeline has
    /// little use for aliases; a billion-laughs file needs far more.
    package static let maximumAliasExpansion = 100_000
    /// How deep mappings and sequences may nest (a pipeline needs about six levels).
    package static let maximumDepth = 64

    /// Reads the pipeline file at `path`: a regular file of at most `maximumFileBytes`.
    static func readPipelineFile(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PipelineError(file: path, line: nil, problem: "cannot read the pipeline file: \(String(cString: strerror(errno)))",
                                hint: "Check the path; pipelines usually live in pipelines/NAME.yaml.")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PipelineError(file: path, line: nil, problem: "is not a regular file (a folder, device or pipe)",
                                hint: "Name a pipeline file, such as pipelines/demo.yaml.")
        }
        guard Int(info.st_size) <= maximumFileBytes else {
            throw tooLarge(path, bytes: Int64(info.st_size))
        }
        do {
            let bytes = try FileSystem.readSmallFile(path)
            guard bytes.count <= maximumFileBytes else { throw tooLarge(path, bytes: Int64(bytes.count)) }
            return bytes
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(file: path, line: nil, problem: "cannot read the pipeline file: \(error)",
                                hint: "Check the path; pipelines usually live in pipelines/NAME.yaml.")
        }
    }

    private static func tooLarge(_ file: String, bytes: Int64) -> PipelineError {
        PipelineError(file: file, line: nil,
                      problem: "the pipeline file is \(ByteCount(bytes)); pipeline files are at most "
                        + "\(ByteCount(Int64(maximumFileBytes)))",
                      hint: "Is this the right file? Data belongs in files a source stage names, not in the pipeline.")
    }

    /// Measures the YAML's events without composing it: too many nodes added by aliases (an
    /// alias bomb) or too deep a nesting is an error at the line where it happens. Syntax
    /// errors are left to the composer, which reports them in its own words.
    static func checkShape(_ text: String, file: String) throws(PipelineError) {
        var utf8 = Array(text.utf8)
        guard utf8.count <= maximumFileBytes else { throw tooLarge(file, bytes: Int64(utf8.count)) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let problem = utf8.withUnsafeMutableBufferPointer { buffer -> PipelineError? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var shape = Shape()
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    shape.add(1, anchor: name(event.data.scalar.anchor))
                case YAML_ALIAS_EVENT:
                    let size = shape.anchors[name(event.data.alias.anchor) ?? ""] ?? 1
                    shape.added = min(shape.added + size - 1, Int.max / 4)
                    shape.add(size, anchor: nil)
                    if shape.added > maximumAliasExpansion {
                        return PipelineError(
                            file: file, line: line,
                            problem: "YAML aliases here would expand the file by more than \(maximumAliasExpansion) nodes "
                                + "(an alias bomb?)",
                            hint: "Write the values out instead of repeating them with &anchors and *aliases.")
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor
                        : event.data.mapping_start.anchor
                    shape.open.append((name(anchor), 1))
                    if shape.open.count > maximumDepth + 1 { return depthError(file, line: line) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let (anchor, size) = shape.open.removeLast()
                    shape.add(size, anchor: anchor)
                default:
                    continue
                }
            }
            // libyaml stops at its own nesting limit before the events get that deep.
            if let what = parser.problem.map({ String(cString: $0) }), what.contains("nesting") {
                return depthError(file, line: Int(parser.problem_mark.line) + 1)
            }
            return nil
        }
        if let problem { throw problem }
    }

    private static func depthError(_ file: String, line: Int) -> PipelineError {
        PipelineError(file: file, line: line, problem: "mappings and lists nest more than \(maximumDepth) levels deep here",
                      hint: "A pipeline needs a few levels; is this the right file?")
    }

    /// Nodes counted as Yams would compose them, aliases expanded.
    private struct Shape {
        /// The node count of each anchored node, aliases inside it expanded.
        var anchors: [String: Int] = [:]
        /// Open mappings and sequences: anchor and nodes so far (themselves included).
        var open: [(anchor: String?, size: Int)] = [(nil, 0)]
        /// Nodes aliases added beyond those written.
        var added = 0

        mutating func add(_ size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            open[open.count - 1].size = min(open[open.count - 1].size + size, Int.max / 4)
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}
