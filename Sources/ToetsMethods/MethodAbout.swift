import ToetsModel

// What each built-in method is, for its method card. A pipeline's `about:` replaces any field.
// Scores, flags and groups are each method's own; the operating points name the parameters
// that set them, so that the card's parameter table gives their values.

private let builtIn = "Toets (built-in)"

extension CoActionMethod {
    package static let about = StageAbout(
        team: builtIn,
        summary: "One of the co-action networks of coordination-network-toolkit 1.5.2 (co-retweet, co-tweet, co-reply, "
            + "co-link, co-similar-tweet or co-post): accounts that act on the same object within the time window are "
            + "linked, weighted by how many of their messages did so.",
        operatingPoint: "An account is flagged when it is on an edge of at least flag_weight co-acting messages.",
        selfLearning: false)
}

extension CooRTweetMethod {
    package static let about = StageAbout(
        team: builtIn,
        summary: "CooRTweet 2.1.3's detection of coordinated sharing: pairs of accounts that share the same object "
            + "within the time window, aggregated into an account network weighted by the number of such pairs.",
        operatingPoint: "An account is flagged when it is on an edge whose weight exceeds the edge_weight quantile of "
            + "all edge weights, as CooRTweet's weight threshold.",
        selfLearning: false)
}

extension NearDuplicate {
    package static let about = StageAbout(
        team: builtIn,
        summary: "Copy-pasta with small edits: pairs of posts whose word sets overlap by at least the Jaccard threshold, "
            + "found by MinHash locality-sensitive hashing and verified exactly.",
        operatingPoint: "An account is flagged when it shares at least min_weight near-duplicate post pairs with "
            + "another account.",
        selfLearning: false)
}

extension Pacheco {
    package static let about = StageAbout(
        team: builtIn,
        summary: "The trace-similarity framework of Pacheco et al. (ICWSM 2021): accounts as TF-IDF vectors of the "
            + "traces they leave (reposts, hashtag sequences or activity times), compared by cosine similarity.",
        operatingPoint: "An account is flagged when it is on an edge at or above the percentile of all positive "
            + "similarities.",
        selfLearning: false)
}

extension AccountSignals {
    package static let about = StageAbout(
        team: builtIn,
        summary: "Signs in an account's own metadata and activity: creation bursts, youth at first post, few "
            + "followers and a high posting rate, each 0 to 1, averaged into a score.",
        operatingPoint: "An account is flagged when its score is at least flag_score.",
        selfLearning: false)
}
