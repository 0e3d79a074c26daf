import ToetsModel

// The post fields each built-in method reads, given its parameters: a pipeline that declares
// `fields:` for it must declare at least these, or the method would see empty values where its
// data should be. A test runs each method on posts projected to these fields and on whole posts
// and compares the outputs.

extension CoActionMethod {
    package var fieldsRead: Set<String> {
        let base: Set<String> = ["author_id", "created_at", "kind", "post_id"]
        switch network {
        case .coRetweet, .coReply: return base.union(["ref_post_id"])
        case .coLink: return base.union(["urls"])
        case .coTweet, .coSimilarTweet: return base.union(["text"])
        case .coPost: return base
        }
    }
}

extension CooRTweetMethod {
    package var fieldsRead: Set<String> {
        let base: Set<String> = ["author_id", "created_at", "post_id"]
        switch object {
        case "auto": return base.union(["content_id", "kind", "ref_post_id"])
        case "content": return base.union(["content_id"])
        case "repost": return base.union(["kind", "ref_post_id"])
        case "link": return base.union(["urls"])
        default: return base.union(["hashtags"])
        }
    }
}

extension NearDuplicate {
    package var fieldsRead: Set<String> { ["author_id", "created_at", "kind", "post_id", "text"] }
}

extension Pacheco {
    package var fieldsRead: Set<String> {
        switch trace {
        case .retweets: ["author_id", "created_at", "kind", "ref_post_id"]
        case .hashtags: ["author_id", "created_at", "hashtags"]
        case .activity: ["author_id", "created_at"]
        }
    }
}

extension AccountSignals {
    package var fieldsRead: Set<String> { ["account_created_at", "author_id", "created_at", "followers"] }
}
