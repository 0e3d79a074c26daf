import ToetsModel

// What each built-in method is, for its method card. A pipeline's `about:` replaces any field.
// Scores, flags and groups are each method's own; the operating points name the parameters
// that set them, so that the card's parameter table gives their values.

private let builtIn = "Toets (built-in)"
/// The Dutch forms of the built-in cards' texts, for the Dutch reports.
private let builtInDutch = ["team": "Toets (ingebouwd)"]

extension CoActionMethod {
    package static let about = StageAbout(
        team: builtIn,
        summary: "One of the co-action networks of coordination-network-toolkit 1.5.2 (co-retweet, co-tweet, co-reply, "
            + "co-link, co-similar-tweet or co-post): accounts that act on the same object within the time window are "
            + "linked, weighted by how many of their messages did so.",
        operatingPoint: "An account is flagged when it is on an edge of at least flag_weight co-acting messages.",
        selfLearning: false,
        dutch: builtInDutch.merging([
            "summary": "Een van de co-actienetwerken van coordination-network-toolkit 1.5.2 (co-retweet, co-tweet, co-reply, "
                + "co-link, co-similar-tweet of co-post): accounts die binnen het tijdvenster op hetzelfde object reageren, "
                + "worden verbonden, gewogen naar hoeveel van hun berichten dat deden.",
            "operating_point": "Een account wordt aangewezen als het aan een verbinding van minstens flag_weight "
                + "gelijktijdige berichten zit.",
        ]) { $1 })
}

extension CooRTweetMethod {
    package static let about = StageAbout(
        team: builtIn,
        summary: "CooRTweet 2.1.3's detection of coordinated sharing: pairs of accounts that share the same object "
            + "within the time window, aggregated into an account network weighted by the number of such pairs.",
        operatingPoint: "An account is flagged when it is on an edge whose weight exceeds the edge_weight quantile of "
            + "all edge weights, as CooRTweet's weight threshold.",
        selfLearning: false,
        dutch: builtInDutch.merging([
            "summary": "De opsporing van gecoördineerd delen van CooRTweet 2.1.3: paren accounts die binnen het tijdvenster "
                + "hetzelfde object delen, samengevoegd tot een netwerk van accounts, gewogen naar het aantal zulke paren.",
            "operating_point": "Een account wordt aangewezen als het aan een verbinding zit waarvan het gewicht boven het "
                + "edge_weight-kwantiel van alle gewichten ligt, zoals de gewichtsdrempel van CooRTweet.",
        ]) { $1 })
}

extension NearDuplicate {
    package static let about = StageAbout(
        team: builtIn,
        summary: "Copy-pasta with small edits: pairs of posts whose word sets overlap by at least the Jaccard threshold, "
            + "found by MinHash locality-sensitive hashing and verified exactly.",
        operatingPoint: "An account is flagged when it shares at least min_weight near-duplicate post pairs with "
            + "another account.",
        selfLearning: false,
        dutch: builtInDutch.merging([
            "summary": "Knip- en plakteksten met kleine wijzigingen: paren berichten waarvan de woorden minstens tot de "
                + "Jaccard-drempel overlappen, gevonden met MinHash (locality-sensitive hashing) en daarna exact gecontroleerd.",
            "operating_point": "Een account wordt aangewezen als het minstens min_weight paren bijna gelijke berichten met "
                + "een ander account deelt.",
        ]) { $1 })
}

extension Pacheco {
    package static let about = StageAbout(
        team: builtIn,
        summary: "The trace-similarity framework of Pacheco et al. (ICWSM 2021): accounts as TF-IDF vectors of the "
            + "traces they leave (reposts, hashtag sequences or activity times), compared by cosine similarity.",
        operatingPoint: "An account is flagged when it is on an edge at or above the percentile of all positive "
            + "similarities.",
        selfLearning: false,
        dutch: builtInDutch.merging([
            "summary": "Het raamwerk van Pacheco e.a. (ICWSM 2021) voor gelijke sporen: accounts als TF-IDF-vectoren van de "
                + "sporen die ze achterlaten (reposts, reeksen hashtags of tijdstippen), vergeleken met cosinusgelijkenis.",
            "operating_point": "Een account wordt aangewezen als het aan een verbinding zit op of boven het percentiel van "
                + "alle positieve gelijkenissen.",
        ]) { $1 })
}

extension AccountSignals {
    package static let about = StageAbout(
        team: builtIn,
        summary: "Signs in an account's own metadata and activity: creation bursts, youth at first post, few "
            + "followers and a high posting rate, each 0 to 1, averaged into a score.",
        operatingPoint: "An account is flagged when its score is at least flag_score.",
        selfLearning: false,
        dutch: builtInDutch.merging([
            "summary": "Tekenen in de eigen gegevens en activiteit van een account: golven van nieuwe accounts, jong bij het "
                + "eerste bericht, weinig volgers en veel berichten, elk van 0 tot 1, gemiddeld tot een score.",
            "operating_point": "Een account wordt aangewezen als zijn score minstens flag_score is.",
        ]) { $1 })
}
