import ToetsModel
import Yams

extension PipelineLoader {
    /// `fields:`: the post fields a method reads, each a known one (named with its line otherwise).
    static func parseFields(_ node: Node, stage: String, file: String, lines: inout [String: Int],
                                    errors: inout [PipelineError]) -> [String]? {
        let hint = "A post has the fields: \(PostFields.known.joined(separator: ", "))."
        guard let items = node.sequence.map(Array.init) ?? node.scalar.map({ _ in [node] }),
              let names = stringList(node), !names.isEmpty else {
            errors.append(PipelineError(file: file, line: node.mark?.line ?? lines["fields"], stage: stage, field: "fields",
                                        problem: "fields: takes a list of the post fields the method reads, such as "
                                            + "[author_id, created_at, kind, ref_post_id]", hint: hint))
            return nil
        }
        var valid = true
        for (item, name) in zip(items, names) where !PostFields.known.contains(name) {
            valid = false
            errors.append(PipelineError(file: file, line: item.mark?.line ?? lines["fields"], stage: stage, field: "fields",
                                        problem: "unknown post field '\(name)'.\(didYouMean(name, among: PostFields.known))",
                                        hint: hint))
        }
        return valid ? PostFields.canonical(names) : nil
    }
}
