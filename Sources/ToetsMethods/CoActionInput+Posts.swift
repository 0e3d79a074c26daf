import Foundation
import ToetsModel

extension CoActionInput {
    /// The posts of a posts artefact (NDJSON) read straight into an input of `columns`, the same
    /// input as `init(posts: Post.decodeLines(bytes, …), columns:)` without a `Post` or a `String`
    /// per field for lines exactly as Toets writes them (`CanonicalPostFields`); every other line
    /// goes through `Post.decodeLines`, which reads it or refuses it with the error it always
    /// gives (artefact, line, field). `projected`: the lines are a projection (`PostFields.project`).
    ///
    /// Parts of the artefact, each from a line break, are read on all cores and joined in order;
    /// the error named is the first in the file, whatever the number of parts.
    package init(postsArtefact bytes: UnsafeBufferPointer<UInt8>, artefact: String, projected: Bool = false,
                 columns: Columns) throws(PostsArtefactError) {
        try self.init(postsArtefact: bytes, artefact: artefact, projected: projected, columns: columns,
                      parts: bytes.count < 1 << 20 ? 1 : ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `init(postsArtefact:artefact:projected:columns:)` in `parts` parts (tests choose how many).
    init(postsArtefact bytes: UnsafeBufferPointer<UInt8>, artefact: String, projected: Bool, columns: Columns,
         parts: Int) throws(PostsArtefactError) {
        guard !projected else {
            // A projection has no canonical lines (its keys are missing).
            self.init(posts: try Post.decodeLines(Array(bytes), artefact: artefact, projected: true), columns: columns)
            return
        }
        let partCount = max(1, parts)
        var starts = [0]
        for part in 1..<partCount {
            let guess = max(bytes.count / partCount * part, starts[part - 1])
            starts.append(bytes[guess...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count)
        }
        starts.append(bytes.count)
        let shared = SharedPostBytes(buffer: bytes)
        let read = CoActionParallel.map(parts: starts.count - 1) { [starts] part in
            Self.readPosts(shared.buffer, starts[part]..<starts[part + 1], artefact: artefact, columns: columns,
                           room: part == 0 ? shared.buffer.count : starts[part + 1] - starts[part])
        }
        var builder: Builder?
        var linesBefore = 0
        for part in read {
            if var error = part.failure {
                error.line += linesBefore
                throw error
            }
            if builder == nil { builder = part.builder } else { builder!.append(part.builder) }
            linesBefore += part.lines
        }
        self = (builder ?? Builder(columns: columns, messages: 0, bytes: 0)).input()
    }

    /// One part's messages, its line breaks, and its first bad line's error (the line counted from 1 in the part).
    private struct PostsPart: Sendable {
        var builder: Builder
        var lines = 0
        var failure: PostsArtefactError?
    }

    private static func readPosts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, artefact: String,
                                  columns: Columns, room: Int) -> PostsPart {
        // The first part gets room for the whole artefact: the parts after it are appended to it.
        var part = PostsPart(builder: Builder(columns: columns, messages: room / 300, bytes: room / 4))
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !line.isEmpty {
                if !CanonicalPostFields.add(line, to: &part.builder) {
                    do throws(PostsArtefactError) {
                        for post in try Post.decodeLines(Array(line), artefact: artefact) { part.builder.add(post) }
                    } catch {
                        var failure = error
                        failure.line = part.lines + 1
                        part.failure = failure
                        return part
                    }
                }
            }
            if end < range.upperBound { part.lines += 1 }
            start = end + 1
        }
        return part
    }
}

/// The bytes of a posts artefact, shared by the tasks that read its parts.
///
/// `@unchecked Sendable` because it carries a raw pointer: the tasks only read the bytes, and
/// `CoActionInput(postsArtefact:…)` waits for all of them while its caller keeps the bytes alive.
private struct SharedPostBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}
