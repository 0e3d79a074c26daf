/// The fields of a normalized post a method may declare it reads (`fields:` in a pipeline), and
/// the projection that gives it only those: field-level minimisation (AVG art. 5(1)(c)).
///
/// A projected post is the canonical line with every undeclared key left out, not blanked: a
/// method that looks for `text` finds no such key. The projection keeps the lines' order and
/// the declared keys' bytes as they were, so it is as deterministic as its input.
package enum PostFields {
    /// Every field of a pseudonymised post, in byte order (`display_name` never leaves the raw
    /// domain, so no method can ask for it).
    package static let known = [
        "account_created_at", "author_handle", "author_id", "content_id", "created_at", "followers", "hashtags", "kind",
        "language", "mentions", "platform", "post_id", "ref_author_id", "ref_post_id", "source_format", "text",
        "thread_id", "ts_precision", "urls",
    ]

    /// `fields` sorted in byte order without repeats: the form that enters keys and provenance.
    package static func canonical(_ fields: some Sequence<String>) -> [String] {
        Set(fields).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The posts artefact `bytes` (NDJSON) with only `fields` kept on every line; parsed and
    /// written on every core in blocks of whole lines, the same bytes whatever the number of
    /// cores. A line that is not a JSON object is an error naming the artefact and line.
    package static func project(_ bytes: [UInt8], fields: [String], artefact: String,
                                blockSize: Int = 1 << 20) throws(PostsArtefactError) -> [UInt8] {
        let keep = Set(fields)
        let results = Post.inLineBlocks(bytes, size: blockSize) { buffer, range in projectBlock(buffer, range, keep: keep) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var linesBefore = 0
        for result in results {
            switch result {
            case .success(let block):
                output += block.bytes
                linesBefore += block.lines
            case .failure(let problem):
                throw PostsArtefactError(artefact: artefact, line: linesBefore + problem.line, problem: problem.problem)
            }
        }
        return output
    }

    /// One block's projected lines and its number of lines; a failure's line counts from 1 in the block.
    private static func projectBlock(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                     keep: Set<String>) -> Result<(bytes: [UInt8], lines: Int), PostsArtefactError> {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var lines = 0
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
            lines += 1
            if end > start {
                do {
                    let document = try JSONDocument(Array(bytes[start..<end]))
                    guard document.root.kind == .object else {
                        return .failure(PostsArtefactError(artefact: "", line: lines, problem: "not a JSON object"))
                    }
                    let members = document.root.members.filter { keep.contains($0.key) }
                        .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                    output.append(UInt8(ascii: "{"))
                    for (position, member) in members.enumerated() {
                        if position > 0 { output.append(UInt8(ascii: ",")) }
                        output.append(UInt8(ascii: "\""))
                        output += member.key.utf8
                        output.append(UInt8(ascii: "\""))
                        output.append(UInt8(ascii: ":"))
                        output += member.value.rawBytes
                    }
                    output.append(UInt8(ascii: "}"))
                    output.append(0x0A)
                } catch {
                    return .failure(PostsArtefactError(artefact: "", line: lines, problem: "\(error)"))
                }
            }
            start = end + 1
        }
        return .success((output, lines))
    }
}
