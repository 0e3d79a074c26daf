/// The notes the score stage records (its `MetricNote` codes), in both languages; a code this
/// catalogue does not know is shown as the results word it, marked as not given in Dutch.
package enum ResultNote: String, Catalogued {
    case noItems = "no-items"
    case noPositives = "no-positives"
    case noNegatives = "no-negatives"
    case nothingFlagged = "nothing-flagged"
    case noPositivesAndNothingFlagged = "no-positives-and-nothing-flagged"
    case kExceedsItems = "k-exceeds-items"
    case tiesAtCutoff = "ties-at-cutoff"
    case budgetBelowFirstThreshold = "budget-below-first-threshold"
    case scoresOutsideUnitInterval = "scores-outside-unit-interval"
    case tooFewUnits = "too-few-units"
    case undefinedEstimate = "undefined-estimate"
    case undefinedResamples = "undefined-resamples"
    case allResamplesUndefined = "all-resamples-undefined"
    case estimateOutsideBootstrapDistribution = "estimate-outside-bootstrap-distribution"
    case zeroJackknifeVariance = "zero-jackknife-variance"
    case groupedJackknife = "grouped-jackknife"
    case noDiscordantPairs = "no-discordant-pairs"
    case fewBlocks = "few-blocks"
    case zeroOverallRate = "zero-overall-rate"
    case bootstrapDegenerate = "bootstrap-degenerate"
    case zeroWidthInterval = "zero-width-interval"
    case fewClusters = "few-clusters"
    case widenedToExact = "widened-to-exact"
    case noGroupsFlagged = "no-groups-flagged"
    case probabilitiesNotDeclared = "probabilities-not-declared"
    case suppressedSmallCell = "suppressed-small-cell"
    case operatingPointFlagsNothing = "operating-point-flags-nothing"

    package var text: Bilingual {
        switch self {
        case .noItems: Bilingual(en: "no items to score", nl: "niets om te scoren")
        case .noPositives: Bilingual(en: "no campaign accounts in the ground truth", nl: "geen campagne-accounts in de grondwaarheid")
        case .noNegatives: Bilingual(en: "no legitimate accounts in the ground truth", nl: "geen legitieme accounts in de grondwaarheid")
        case .nothingFlagged: Bilingual(en: "the method flagged nothing", nl: "de methode wees niets aan")
        case .noPositivesAndNothingFlagged:
            Bilingual(en: "no campaign accounts in the ground truth, and nothing flagged",
                      nl: "geen campagne-accounts in de grondwaarheid, en niets aangewezen")
        case .kExceedsItems:
            Bilingual(en: "k is larger than the number of accounts; the share is of all accounts",
                      nl: "k is groter dan het aantal accounts; het aandeel is van alle accounts")
        case .tiesAtCutoff:
            Bilingual(en: "equal scores straddle the cut-off; their campaign accounts are counted in proportion",
                      nl: "gelijke scores liggen over de grens; hun campagne-accounts tellen naar verhouding mee")
        case .budgetBelowFirstThreshold:
            Bilingual(en: "no threshold keeps within the false-positive budget; nothing is flagged",
                      nl: "geen drempel blijft binnen het budget voor vals alarm; niets wordt aangewezen")
        case .scoresOutsideUnitInterval:
            Bilingual(en: "the scores are not probabilities between 0 and 1", nl: "de scores zijn geen kansen tussen 0 en 1")
        case .tooFewUnits: Bilingual(en: "too few units to resample", nl: "te weinig eenheden om te hertrekken")
        case .undefinedEstimate:
            Bilingual(en: "the figure is not defined on these data", nl: "het getal is op deze gegevens niet gedefinieerd")
        case .undefinedResamples:
            Bilingual(en: "the figure was undefined in some resamples; they were left out",
                      nl: "het getal was in sommige hertrekkingen niet gedefinieerd; die zijn weggelaten")
        case .allResamplesUndefined:
            Bilingual(en: "the figure was undefined in every resample", nl: "het getal was in geen enkele hertrekking gedefinieerd")
        case .estimateOutsideBootstrapDistribution:
            Bilingual(en: "the estimate lies outside the bootstrap distribution; no bias correction is possible",
                      nl: "de schatting ligt buiten de bootstrapverdeling; corrigeren voor vertekening kan niet")
        case .zeroJackknifeVariance:
            Bilingual(en: "the jackknife values do not vary; acceleration set to 0",
                      nl: "de jackknife-waarden variëren niet; de versnelling is op 0 gezet")
        case .groupedJackknife:
            Bilingual(en: "the acceleration comes from a jackknife that leaves out groups (many units)",
                      nl: "de versnelling komt uit een jackknife die groepen weglaat (veel eenheden)")
        case .noDiscordantPairs:
            Bilingual(en: "the two methods never disagree; p is 1 by convention",
                      nl: "de twee methoden verschillen nooit van oordeel; p is volgens afspraak 1")
        case .fewBlocks:
            Bilingual(en: "fewer than 10 blocks: the chi-square approximation of the Friedman test is rough",
                      nl: "minder dan 10 blokken: de chi-kwadraatbenadering van de Friedman-toets is grof")
        case .zeroOverallRate:
            Bilingual(en: "the overall false-positive rate is 0, so no ratio to it is defined",
                      nl: "de fout-positieffractie over alles is 0, dus een verhouding daarmee bestaat niet")
        case .bootstrapDegenerate:
            Bilingual(en: "the bootstrap interval collapsed: a resample cannot create an error that never happened, so the "
                          + "exact Clopper–Pearson interval is shown",
                      nl: "het bootstrapinterval viel samen: een hertrekking kan geen vergissing maken die nooit gebeurde, "
                          + "dus staat het exacte Clopper–Pearson-interval er")
        case .zeroWidthInterval:
            Bilingual(en: "the resamples never varied, so no interval is shown: an interval of zero width would read as certainty",
                      nl: "de hertrekkingen varieerden nooit, dus staat er geen interval: een interval zonder breedte zou "
                          + "als zekerheid lezen")
        case .fewClusters:
            Bilingual(en: "fewer campaign clusters than the minimum: intervals rest on few independent units and may be too narrow",
                      nl: "minder campagneclusters dan het minimum: de intervallen rusten op weinig onafhankelijke eenheden "
                          + "en zijn misschien te smal")
        case .widenedToExact:
            Bilingual(en: "with few campaign clusters the interval shown spans both the bootstrap and the exact Clopper–Pearson interval",
                      nl: "met weinig campagneclusters omvat het getoonde interval zowel het bootstrap- als het exacte "
                          + "Clopper–Pearson-interval")
        case .noGroupsFlagged:
            Bilingual(en: "the method put no account in a group, so there are no groups to compare",
                      nl: "de methode zette geen account in een groep, dus er zijn geen groepen om te vergelijken")
        case .probabilitiesNotDeclared:
            Bilingual(en: "the method's scores are not declared to be probabilities, so no calibration is computed",
                      nl: "de scores van de methode zijn niet als kansen opgegeven, dus er is geen kalibratie berekend")
        case .suppressedSmallCell:
            Bilingual(en: "fewer accounts than the minimum cell size: not published",
                      nl: "minder accounts dan de kleinste cel: niet gepubliceerd")
        case .operatingPointFlagsNothing:
            Bilingual(en: "the method's declared operating point flags no account on these data",
                      nl: "het opgegeven werkpunt van de methode wijst op deze gegevens geen account aan")
        }
    }

    /// A note of the results (a code, or a code with spaces for hyphens as estimates carry it) in both languages.
    static func declared(_ code: String, description: String? = nil) -> DeclaredText {
        ResultNote(rawValue: code.replacingOccurrences(of: " ", with: "-")).map { DeclaredText($0.text) }
            ?? DeclaredText(description ?? code)
    }
}

/// What the report mapping says itself about the results: how intervals and operating points
/// were made, and the label rule.
package enum MappingText: String, Catalogued {
    case intervalMethod, defaultRule, howFixed, labelRule

    package var text: Bilingual {
        switch self {
        case .intervalMethod:
            Bilingual(en: "BCa bootstrap, {replicates} resamples (percentile where BCa is undefined; exact Clopper–Pearson "
                          + "where a proportion's bootstrap degenerates)",
                      nl: "BCa-bootstrap, {replicates} hertrekkingen (percentiel waar BCa niet gedefinieerd is; exact "
                          + "Clopper–Pearson waar de bootstrap van een aandeel samenvalt)")
        case .defaultRule:
            Bilingual(en: "the flagged column of the detections", nl: "de aanwijzing (ja of nee) in de detecties van de methode")
        case .howFixed:
            Bilingual(en: "declared in the pipeline; the method could not read the labels",
                      nl: "opgegeven in de pijplijn; de methode kon de beoordelingen niet lezen")
        case .labelRule:
            Bilingual(en: "Label rule: {rule} of the annotators' labels.",
                      nl: "Labelregel: {rule} van de labels van de beoordelaars.")
        }
    }

    /// A label rule of the score stage in words.
    static func rule(_ rule: String) -> Bilingual {
        switch rule {
        case "majority": Bilingual(en: "majority", nl: "meerderheid")
        case "all": Bilingual(en: "all", nl: "unaniem oordeel")
        case "any": Bilingual(en: "any", nl: "één oordeel")
        default: Bilingual(both: rule)
        }
    }
}

/// What the anonymise stage's report says it kept, dropped and generalised, in Dutch: its
/// phrases are fixed texts of that stage, so each has its translation here; a phrase this list
/// does not know is shown as written, marked as not given in Dutch.
enum AnonymisationWords {
    static let dutch: [String: String] = [
        "created_at (to the second)": "created_at (tijdstip op de seconde)",
        "kind": "kind (soort bericht)",
        "hashtags": "hashtags",
        "language": "language (taal)",
        "platform": "platform",
        "link hosts and paths (tracking parameters removed)": "domeinen en paden van links (volgparameters verwijderd)",
        "display names (read as a dictionary of names, then dropped)":
            "weergavenamen (gelezen als woordenlijst van namen, daarna weggelaten)",
        "bios, avatars, locations and exact geo: not carried by normalized posts (ingest leaves them out)":
            "bio's, profielfoto's, locaties en exacte plaatsbepaling: niet in genormaliseerde berichten (ingest laat ze weg)",
        "start (UTC) of the day, month or year of creation, per the k-anonymity level":
            "begin (UTC) van de dag, maand of het jaar van aanmaken, volgens het niveau van k-anonimiteit",
        "lower bound of a log2, log4 or log16 bin (0, 1, 2, 4, …), from the account's latest post":
            "ondergrens van een log2-, log4- of log16-klasse (0, 1, 2, 4, …), uit het laatste bericht van het account",
        "creation day, followers in log2 bins": "dag van aanmaken, volgers in log2-klassen",
        "creation month, followers in log4 bins": "maand van aanmaken, volgers in log4-klassen",
        "creation year, followers in log16 bins": "jaar van aanmaken, volgers in log16-klassen",
    ]

    /// The phrase with its Dutch form, where known.
    static func declared(_ phrase: String) -> DeclaredText { DeclaredText(phrase, nl: dutch[phrase]) }
}
