import ToetsModel

/// Telegram Desktop's JSON export (`result.json`): one chat (`name`, `type`, `id`,
/// `messages`) or a whole account (`chats.list[]`). Times come from `date_unixtime`, never
/// from `date`, which is in the exporting computer's local time. A forward names its origin
/// only by display name, so it gets no referenced post id.
enum TelegramAdapter {
    /// The chats of an export, each with its messages.
    static func items(_ root: JSONValue) throws(RecordProblem) -> [(chat: JSONValue, message: JSONValue)] {
        let chats: [JSONValue]
        if let list = root["chats", "list"] {
            chats = list.elements
        } else if root["messages"] != nil {
            chats = [root]
        } else {
            throw RecordProblem("not a Telegram export: no messages and no chats.list")
        }
        return chats.flatMap { chat in (chat["messages"]?.elements ?? []).map { (chat, $0) } }
    }

    static func post(chat: JSONValue, message: JSONValue) throws(RecordProblem) -> RecordOutcome {
        if let type = message["type"]?.string, type != "message" { return .skipped("Telegram \(type) message") }
        let chatID = try Adapt.required(chat["id"]?.text, "chat id")
        let messageID = try Adapt.required(message["id"]?.text, "message id")
        guard let created = Timestamps.epoch(message["date_unixtime"]) else {
            throw RecordProblem("missing date_unixtime (the local-time date is not used)")
        }
        // Channel posts carry from_id "channel123"; in groups it is "user456".
        let authorID = message["from_id"]?.text ?? message["actor_id"]?.text ?? "channel\(chatID)"
        var text = ""
        var urls: [String] = []
        var hashtags: [String] = []
        var mentions: [String] = []
        let entities = message["text_entities"]?.elements ?? message["text"]?.elements ?? []
        if let plain = message["text"]?.string {
            text = plain
        } else {
            for part in message["text"]?.elements ?? [] { text += part.string ?? part["text"]?.string ?? "" }
        }
        for entity in entities {
            let value = entity["text"]?.string ?? ""
            switch entity["type"]?.string {
            case "link": urls.append(value)
            case "text_link": if let href = entity["href"]?.string { urls.append(href) }
            case "hashtag": hashtags.append(Adapt.hashtag(value))
            case "mention": mentions.append(Adapt.mention(value))
            case "mention_name": if let user = entity["user_id"]?.text { mentions.append("user" + user) }
            default: break
            }
        }
        var kind = Post.Kind.post
        var reference: String?
        if message["forwarded_from"] != nil || message["forwarded_from_id"] != nil {
            kind = .forward
        } else if let replied = message["reply_to_message_id"]?.text {
            kind = .reply
            let replyChat = message["reply_to_peer_id"]?.text ?? chatID
            reference = "telegram:\(replyChat)-\(replied)"
        }
        return .posts([Post(
            platform: "telegram", sourceFormat: SourceFormat.telegram.rawValue, postID: "telegram:\(chatID)-\(messageID)",
            // `from` is the sender's display name; the export names no username.
            authorID: "telegram:" + authorID, displayName: message["from"]?.string, createdAt: created, text: text,
            kind: kind, refPostID: reference, threadID: "telegram:" + chatID, urls: Adapt.unique(urls),
            hashtags: Adapt.unique(hashtags), mentions: Adapt.unique(mentions))])
    }
}

/// TikTok Research API video query results: a response (`data.videos[]`), a bare list of
/// videos, or one video or response per line.
enum TikTokResearchAdapter {
    static func items(_ root: JSONValue) throws(RecordProblem) -> [JSONValue] {
        if let videos = root["data", "videos"] { return videos.elements }
        if root.kind == .array { return root.elements }
        if root["id"] != nil, root["create_time"] != nil { return [root] }
        if let error = root["error", "message"]?.string, !error.isEmpty {
            throw RecordProblem("the API returned an error instead of videos: \(error)")
        }
        throw RecordProblem("not a TikTok Research API result: no data.videos")
    }

    static func post(_ video: JSONValue) throws(RecordProblem) -> RecordOutcome {
        let id = try Adapt.required(video["id"]?.text, "id")
        let username = try Adapt.required(video["username"]?.string, "username")
        guard let created = Timestamps.epoch(video["create_time"]) else { throw RecordProblem("missing create_time") }
        let text = video["video_description"]?.string ?? ""
        let entities = Adapt.entities(in: text)
        let hashtags = video["hashtag_names"]?.elements.compactMap(\.string) ?? []
        return .posts([Post(
            platform: "tiktok", sourceFormat: SourceFormat.tiktokResearch.rawValue, postID: "tiktok:" + id,
            // The Research API gives no user id; the username is the stable key it offers.
            authorID: "tiktok:" + username, authorHandle: username, createdAt: created, text: text,
            urls: Adapt.unique(entities.urls), hashtags: Adapt.unique(hashtags.map(Adapt.hashtag) + entities.hashtags),
            mentions: Adapt.unique(entities.mentions), language: video["voice_to_text_language"]?.string)])
    }
}
