import ToetsModel
import Yams

extension PipelineLoader {
    static let imageKeys = ["from", "runtime"]

    /// A stage's `image:`: `STAGE.ARTEFACT` (an image archive a source stage brings into the
    /// store), `NAME@sha256:HEX` (a reference pinned by digest), or a mapping with `from:` and
    /// `runtime:`.
    static func parseImage(_ node: Node, stage: String, file: String, lines: inout [String: Int],
                           errors: inout [PipelineError]) -> ContainerImageSpec? {
        func fail(_ field: String, _ node: Node, _ problem: String, hint: String? = nil) {
            errors.append(PipelineError(file: file, line: node.mark?.line, stage: stage, field: field, problem: problem, hint: hint))
        }
        let formHint = "image: takes STAGE.ARTEFACT (an OCI image archive a source stage brings into the store), or a reference "
            + "pinned by digest such as docker.io/library/python@sha256:… (podman image inspect --format '{{.Digest}}' NAME)."
        var from: (text: String, node: Node)?
        var runtime = ContainerRuntimes.podman
        if let text = node.scalar?.string {
            from = (text, node)
        } else if let mapping = node.mapping {
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                lines["image.\(key)"] = keyNode.mark?.line
                switch key {
                case "from":
                    if let text = value.scalar?.string { from = (text, value) } else { fail("image.from", value, "from: takes text", hint: formHint) }
                case "runtime":
                    guard let text = value.scalar?.string else {
                        fail("image.runtime", value, "runtime: takes the name of a container runtime")
                        continue
                    }
                    guard ContainerRuntimes.supported.contains(text) else {
                        let why = ContainerRuntimes.unsupported[text.lowercased()].map { " (\($0))" } ?? ""
                        fail("image.runtime", value, "container runtime '\(text)' is not supported\(why)",
                             hint: "Supported: \(ContainerRuntimes.supported.joined(separator: ", ")).")
                        continue
                    }
                    runtime = text
                default:
                    fail("image.\(key)", keyNode, "unknown field '\(key)' under image:\(didYouMean(key, among: imageKeys))",
                         hint: "image: takes from: and runtime:.")
                }
            }
        } else {
            fail("image", node, "image: takes text or a mapping with from: and runtime:", hint: formHint)
            return nil
        }
        guard let (text, textNode) = from else {
            if node.mapping != nil { fail("image", node, "image: needs from:", hint: formHint) }
            return nil
        }
        if text.contains("@") {
            guard ContainerImageSpec.isPinnedReference(text) else {
                fail("image", textNode, "image reference '\(text)' is not NAME@sha256: followed by 64 lower-case hex digits",
                     hint: formHint)
                return nil
            }
            return ContainerImageSpec(source: .reference(text), runtime: runtime)
        }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, isIdentifier(parts[0]), ArtefactName.isValid(parts[1]) else {
            let unpinned = text.contains("/") || text.contains(":")
            fail("image", textNode, unpinned ? "image reference '\(text)' is not pinned by digest: a tag can point at other "
                    + "bytes tomorrow, and the step's key would not change"
                    : "image '\(text)' is neither STAGE.ARTEFACT nor a reference pinned by digest", hint: formHint)
            return nil
        }
        return ContainerImageSpec(source: .archive(stage: parts[0], artefact: parts[1]), runtime: runtime)
    }
}
