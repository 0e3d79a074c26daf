/// What the pre-registered decision rule decides, the harm budget, the sampling design, the
/// unknown accounts and disclosure control, in both languages.
package enum DecisionText: String, Catalogued {
    case heading, ruleIntro, ruleKinds, noRule
    case outcomeBest, outcomeOnly, outcomeNoneBetter, outcomeNone
    case notRecommendable, reasonOver, reasonNotShownWithin, reasonKinds, reasonHarmUndefined, reasonFlagsNothing
    case reasonPrimaryUndefined, reasonNoLabelledFlags, tooFewReplicates, kindsNotChecked
    case harmCaption, harmMethod, harmFlags, harmPerThousand, harmBudget, harmVerdict
    case within, over, notShownWithin, undefined
    case metricF1, metricAveragePrecision, metricPrecision, metricRecall
    case firstBetter, belowMinimum, notSignificant
    case clusters, fewClusters, marksLegend
    case designHeading, designIntro, designLevel, designPrevalence, designCaption, designSample, designPopulation
    case unknownsHeading, unknownsIntro, unknownsCaption, unknownsFlagged, unknownsLabelledOnly, unknownsIfLegitimate
    case unknownsIfCampaign
    case disclosureHeading, disclosureIntro, disclosureSmallest, disclosureSuppressed, disclosurePure
    case warningFlagsNothing, cardFlags, cardWarning, frequencyEstimated, pureOwnFlag, pureTopK, pureBudget

    package var text: Bilingual {
        switch self {
        case .heading: Bilingual(en: "What the pre-registered rule decides", nl: "Wat de vooraf vastgelegde regel beslist")
        case .ruleIntro:
            Bilingual(en: "Before any score existed, the pipeline declared how the methods are compared; the provenance log "
                          + "holds this rule before the score step. The deciding figure is {metric}; a difference smaller "
                          + "than {min} does not matter; a method may flag at most {budget} of every 1,000 legitimate "
                          + "accounts by mistake{kinds}; the paired tests keep the chance of a false difference across all "
                          + "comparisons at {alpha}.",
                      nl: "Voordat er een score bestond, legde de pijplijn vast hoe de methoden worden vergeleken; het "
                          + "herkomstlogboek bevat deze regel vóór de scorestap. Het doorslaggevende getal is {metric}; een "
                          + "verschil kleiner dan {min} telt niet; een methode mag van elke 1000 legitieme accounts er "
                          + "hooguit {budget} ten onrechte aanwijzen{kinds}; de gepaarde toetsen houden de kans op een vals "
                          + "verschil over alle vergelijkingen samen op {alpha}.")
        case .ruleKinds:
            Bilingual(en: " (and at most {budget} of every 1,000 accounts of each kind of legitimate coordination)",
                      nl: " (en hooguit {budget} van elke 1000 accounts van elke soort legitieme coördinatie)")
        case .noRule:
            Bilingual(en: "The pipeline declared no decision rule before scoring, so this report names no method better "
                          + "than another: the figures describe the methods, they do not rank them.",
                      nl: "De pijplijn legde vóór het scoren geen beslisregel vast. Daarom noemt dit rapport geen methode "
                          + "beter dan een andere: de getallen beschrijven de methoden, ze rangschikken ze niet.")
        case .outcomeBest:
            Bilingual(en: "By this rule {method} is the best method: it stays within its harm budget, and it is shown to "
                          + "be better than every other method that does, by at least {min} in {metric}.",
                      nl: "Volgens deze regel is {method} de beste methode: die blijft binnen het budget voor schade, en "
                          + "is aantoonbaar beter dan elke andere methode die dat ook doet, met minstens {min} in {metric}.")
        case .outcomeOnly:
            Bilingual(en: "By this rule only {method} can be recommended: it is the only method shown to stay within its "
                          + "harm budget. That does not show it is better than the others in {metric}.",
                      nl: "Volgens deze regel kan alleen {method} worden aanbevolen: dat is de enige methode die aantoonbaar "
                          + "binnen het budget voor schade blijft. Daarmee is niet aangetoond dat die beter is in {metric}.")
        case .outcomeNoneBetter:
            Bilingual(en: "By this rule no method is shown to be better than the others: {leader} has the highest {metric} "
                          + "of the methods within their harm budget, but it is not shown to be better than {others} by at "
                          + "least {min}.",
                      nl: "Volgens deze regel is geen methode aantoonbaar beter dan de andere: {leader} heeft de hoogste "
                          + "{metric} van de methoden binnen het budget voor schade, maar is niet aantoonbaar met minstens "
                          + "{min} beter dan {others}.")
        case .outcomeNone:
            Bilingual(en: "By this rule no method can be recommended: none is shown to stay within its harm budget while "
                          + "flagging anything.",
                      nl: "Volgens deze regel kan geen methode worden aanbevolen: geen enkele blijft aantoonbaar binnen het "
                          + "budget voor schade terwijl ze iets aanwijst.")
        case .notRecommendable: Bilingual(en: "{method} cannot be recommended: {reasons}.", nl: "{method} kan niet worden aanbevolen: {reasons}.")
        case .reasonOver:
            Bilingual(en: "it flags about {n} of every 1,000 legitimate accounts, more than the budget of {budget}",
                      nl: "de methode wijst van elke 1000 legitieme accounts er ongeveer {n} aan, meer dan het budget van {budget}")
        case .reasonNotShownWithin:
            Bilingual(en: "it flags about {n} of every 1,000 legitimate accounts, but the interval reaches {upper}, beyond "
                          + "the budget of {budget}",
                      nl: "de methode wijst van elke 1000 legitieme accounts er ongeveer {n} aan, maar het interval reikt "
                          + "tot {upper}, voorbij het budget van {budget}")
        case .reasonKinds:
            Bilingual(en: "for {kinds} it is over, or not shown within, the budget per kind",
                      nl: "voor {kinds} zit de methode boven, of niet aantoonbaar binnen, het budget per soort")
        case .reasonHarmUndefined:
            Bilingual(en: "its false-positive rate cannot be computed", nl: "de fout-positieffractie is niet te berekenen")
        case .reasonFlagsNothing:
            Bilingual(en: "its declared operating point flags no account on these data",
                      nl: "het opgegeven werkpunt wijst op deze gegevens geen enkel account aan")
        case .reasonNoLabelledFlags:
            Bilingual(en: "it flags only accounts without a label, so none of its flags can be checked",
                      nl: "de methode wijst alleen accounts zonder label aan, dus geen van die aanwijzingen is te controleren")
        case .reasonPrimaryUndefined: Bilingual(en: "its {metric} is not defined", nl: "de {metric} is niet gedefinieerd")
        case .tooFewReplicates:
            Bilingual(en: "The resamples are too few for any paired test to pass Holm's threshold: with them no difference "
                          + "can be shown. Rerun with more resamples before concluding.",
                      nl: "Er zijn te weinig hertrekkingen om met een gepaarde toets de drempel van Holm te halen: zo kan "
                          + "geen verschil worden aangetoond. Draai opnieuw met meer hertrekkingen voordat u conclusies trekt.")
        case .kindsNotChecked:
            Bilingual(en: "{n} legitimate accounts belong to kinds too small to publish; their harm is not checked per kind.",
                      nl: "{n} legitieme accounts horen bij soorten die te klein zijn om te publiceren; hun schade is niet "
                          + "per soort gecontroleerd.")
        case .harmCaption:
            Bilingual(en: "Legitimate accounts flagged by mistake, per 1,000, against the harm budget",
                      nl: "Ten onrechte aangewezen legitieme accounts, per 1000, tegen het budget voor schade")
        case .harmMethod: Bilingual(en: "Method", nl: "Methode")
        case .harmFlags: Bilingual(en: "Accounts flagged", nl: "Aangewezen accounts")
        case .harmPerThousand: Bilingual(en: "Per 1,000 legitimate accounts", nl: "Per 1000 legitieme accounts")
        case .harmBudget: Bilingual(en: "Budget", nl: "Budget")
        case .harmVerdict: Bilingual(en: "Against the budget", nl: "Tegen het budget")
        case .within: Bilingual(en: "within", nl: "binnen")
        case .over: Bilingual(en: "over", nl: "erboven")
        case .notShownWithin: Bilingual(en: "not shown within", nl: "niet aantoonbaar binnen")
        case .undefined: Bilingual(en: "cannot be computed", nl: "niet te berekenen")
        case .metricF1: Bilingual(en: "F1", nl: "F1")
        case .metricAveragePrecision: Bilingual(en: "average precision", nl: "gemiddelde precisie")
        case .metricPrecision: Bilingual(en: "precision", nl: "precisie")
        case .metricRecall: Bilingual(en: "recall", nl: "recall")
        case .firstBetter: Bilingual(en: "{method} better", nl: "{method} beter")
        case .belowMinimum: Bilingual(en: "differs by less than {min}", nl: "verschil kleiner dan {min}")
        case .notSignificant: Bilingual(en: "no difference shown", nl: "geen verschil aangetoond")
        case .clusters:
            Bilingual(en: "The intervals resample {clusters} campaign clusters (units holding a campaign account).",
                      nl: "De intervallen hertrekken {clusters} campagneclusters (eenheden met een campagne-account).")
        case .fewClusters:
            Bilingual(en: "That is fewer than {min}: intervals rest on few independent units and may be too narrow. They are "
                          + "marked †, and for proportions span both the bootstrap and the exact interval.",
                      nl: "Dat is minder dan {min}: de intervallen rusten op weinig onafhankelijke eenheden en kunnen te smal "
                          + "zijn. Ze zijn gemarkeerd met †, en beslaan voor verhoudingen zowel het bootstrap- als het exacte "
                          + "interval.")
        case .marksLegend:
            Bilingual(en: "‡: exact (Clopper–Pearson) interval, because the bootstrap collapsed: a resample cannot create an "
                          + "error that never happened. †: fewer campaign clusters than {min}.",
                      nl: "‡: exact interval (Clopper-Pearson), omdat de bootstrap ineenviel: een hertrekking kan geen fout "
                          + "maken die nooit gebeurde. †: minder campagneclusters dan {min}.")
        case .designHeading: Bilingual(en: "The labelled accounts are a designed sample", nl: "De gelabelde accounts zijn een ontworpen steekproef")
        case .designIntro:
            Bilingual(en: "Not every account was equally likely to be labelled: {levels}. Figures in the sample therefore "
                          + "over-represent the accounts labelled most often. Figures estimated for all accounts weight each "
                          + "labelled account by the inverse of its inclusion probability (Horvitz–Thompson ratio estimators); "
                          + "both are shown, and named.",
                      nl: "Niet elk account had evenveel kans om gelabeld te worden: {levels}. Getallen in de steekproef geven "
                          + "daarom de vaakst gelabelde accounts te veel gewicht. Getallen geschat voor alle accounts wegen elk "
                          + "gelabeld account met het omgekeerde van zijn insluitkans (Horvitz-Thompson-verhoudingsschatters); "
                          + "beide staan erbij, met naam.")
        case .designLevel:
            Bilingual(en: "{accounts} labelled accounts with inclusion probability {p}", nl: "{accounts} gelabelde accounts met insluitkans {p}")
        case .designPrevalence:
            Bilingual(en: "Campaign accounts are {sample} of the labelled accounts, and an estimated {population} of all accounts.",
                      nl: "Campagne-accounts zijn {sample} van de gelabelde accounts, en naar schatting {population} van alle accounts.")
        case .designCaption:
            Bilingual(en: "In the sample and estimated for all accounts", nl: "In de steekproef en geschat voor alle accounts")
        case .designSample: Bilingual(en: "{figure}, in the sample", nl: "{figure}, in de steekproef")
        case .designPopulation: Bilingual(en: "{figure}, all accounts (estimate)", nl: "{figure}, alle accounts (schatting)")
        case .unknownsHeading: Bilingual(en: "Accounts without a label", nl: "Accounts zonder label")
        case .unknownsIntro:
            Bilingual(en: "Precision counts only labelled accounts. The table shows how it would move if the unlabelled "
                          + "accounts a method flagged were all legitimate, or all campaign accounts.",
                      nl: "Precisie telt alleen gelabelde accounts. De tabel laat zien hoe die zou veranderen als de "
                          + "ongelabelde accounts die een methode aanwees allemaal legitiem waren, of allemaal campagne-accounts.")
        case .unknownsCaption:
            Bilingual(en: "Precision if the unlabelled flagged accounts were legitimate, or campaign accounts",
                      nl: "Precisie als de ongelabelde aangewezen accounts legitiem waren, of campagne-accounts")
        case .unknownsFlagged: Bilingual(en: "Unlabelled accounts flagged", nl: "Ongelabelde accounts aangewezen")
        case .unknownsLabelledOnly: Bilingual(en: "Precision (labelled only)", nl: "Precisie (alleen gelabeld)")
        case .unknownsIfLegitimate: Bilingual(en: "If all legitimate", nl: "Als alle legitiem")
        case .unknownsIfCampaign: Bilingual(en: "If all campaign accounts", nl: "Als alle campagne-accounts")
        case .disclosureHeading: Bilingual(en: "E. Disclosure control", nl: "E. Controle op onthulling")
        case .disclosureIntro:
            Bilingual(en: "Every published count of fewer than {k} accounts (in a group, kind, overlap set, campaign or "
                          + "histogram bin) is held back, with the figures it could be recovered from; curves are published "
                          + "only at points with at least {k} campaign and {k} other accounts between any two of them, "
                          + "without thresholds, so that nobody who holds a method's scores can read the annotators' verdict "
                          + "on an account off them.",
                      nl: "Elk gepubliceerd aantal van minder dan {k} accounts (in een groep, soort, overlapverzameling, "
                          + "campagne of histogramklasse) wordt achtergehouden, met de getallen waaruit het terug te rekenen "
                          + "is; curves worden alleen gepubliceerd op punten met tussen elke twee minstens {k} "
                          + "campagne-accounts en {k} andere, zonder drempels, zodat niemand met de scores van een methode "
                          + "daaruit het oordeel van de annotatoren over een account kan aflezen.")
        case .disclosureSmallest:
            Bilingual(en: "Smallest published cell: {n} accounts.", nl: "Kleinste gepubliceerde cel: {n} accounts.")
        case .disclosureSuppressed:
            Bilingual(en: "Cells held back: {n}.", nl: "Achtergehouden cellen: {n}.")
        case .disclosurePure:
            Bilingual(en: "In these published sets every labelled account has the same label: {sets}. Whoever holds that "
                          + "method's scores, and knows which of its accounts are labelled, can read their labels off the "
                          + "published figure. These figures are the results this evaluation exists to publish, so they are "
                          + "shown; this is the disclosure that remains.",
                      nl: "In deze gepubliceerde verzamelingen heeft elk gelabeld account hetzelfde label: {sets}. Wie de "
                          + "scores van die methode heeft, en weet welke accounts gelabeld zijn, kan hun labels uit het "
                          + "gepubliceerde getal aflezen. Deze getallen zijn de uitkomsten die deze evaluatie publiceert, dus "
                          + "ze staan erin; dit is de onthulling die overblijft.")
        case .pureOwnFlag: Bilingual(en: "the accounts {method} flags", nl: "de accounts die {method} aanwijst")
        case .pureTopK: Bilingual(en: "the {k} accounts {method} scores highest", nl: "de {k} accounts met de hoogste score van {method}")
        case .pureBudget:
            Bilingual(en: "the accounts {method} flags at the false-positive budget",
                      nl: "de accounts die {method} aanwijst bij het budget voor fout-positieven")
        case .warningFlagsNothing:
            Bilingual(en: "Warning: the declared operating point of {method} flags no account on these data, so its "
                          + "precision is undefined and it finds nothing.",
                      nl: "Waarschuwing: het opgegeven werkpunt van {method} wijst op deze gegevens geen enkel account aan; "
                          + "de precisie is dus niet gedefinieerd en de methode vindt niets.")
        case .cardFlags: Bilingual(en: "Accounts flagged (labelled or not)", nl: "Aangewezen accounts (gelabeld of niet)")
        case .cardWarning: Bilingual(en: "Warning", nl: "Waarschuwing")
        case .frequencyEstimated:
            Bilingual(en: "Estimated for all accounts, not only the labelled ones:", nl: "Geschat voor alle accounts, niet alleen de gelabelde:")
        }
    }

    /// The name of a primary metric as the results spell it.
    static func metric(_ name: String) -> DecisionText {
        switch name {
        case "average_precision": .metricAveragePrecision
        case "precision": .metricPrecision
        case "recall": .metricRecall
        default: .metricF1
        }
    }

    /// The words for a harm status as the results spell it.
    static func harm(_ status: String) -> DecisionText {
        switch status {
        case "within": .within
        case "over": .over
        case "not-shown-within": .notShownWithin
        default: .undefined
        }
    }
}
