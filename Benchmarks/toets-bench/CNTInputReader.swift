import Foundation
import ToetsModel

/// Reads CNT 1.5.2's input CSV into `Post`s, as `CoActionInput` documents the mapping: a row
/// with a `repost_id` is a repost, else one with a `reply_id` a reply; `urls` is split on
/// single spaces as CNT splits it (Toets leaves out the empty strings that gives).
enum CNTInputReader {
    static let columns = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func posts(csv path: String) throws -> [Post] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        var posts: [Post] = []
        posts.reserveCapacity(bytes.count / 120)
        try CSVRecords.forEach(bytes) { record, fields in
            if record == 0 {
                guard fields.map(CSVRecords.string) == columns else {
                    throw Problem(description: "\(path): the header is not CNT's \(columns.joined(separator: ","))")
                }
                return
            }
            guard fields.count == 8, let time = CSVRecords.integer(fields[6]) else {
                throw Problem(description: "\(path): record \(record) has \(fields.count) fields or a timestamp "
                              + "that is not whole seconds; expected CNT's 8 columns")
            }
            let kind: Post.Kind = !fields[3].isEmpty ? .repost : !fields[4].isEmpty ? .reply : .post
            posts.append(Post(platform: "cnt", sourceFormat: "cnt-csv", postID: CSVRecords.string(fields[0]),
                              authorID: CSVRecords.string(fields[1]), authorHandle: CSVRecords.string(fields[2]),
                              createdAt: time, text: CSVRecords.string(fields[5]), kind: kind,
                              refPostID: kind == .repost ? CSVRecords.string(fields[3])
                                  : kind == .reply ? CSVRecords.string(fields[4]) : nil,
                              urls: fields[7].split(separator: 0x20, omittingEmptySubsequences: false)
                                  .map { String(decoding: $0, as: UTF8.self) }))
        }
        return posts
    }
}
