/// The klankbord report's sections 5 to 7: results, strata, errors.
package enum ResultsText: String, Catalogued {
    case heading, prHeading, prTitle, prSummary, prCaption, prBaseline, prOperatingPoint
    case forestHeading, forestTitle, forestSummary, forestCaption
    case topKHeading, topKTitle, topKSummary, topKCaption, topKCategory
    case pairsHeading, pairsIntro, pairsTableCaption, pairsFirst, pairsSecond, pairsDifference, pairsP, pairsHolm
    case pairsVerdict, pairsDiffers, pairsNoClearDifference, pairsNone, pairsDiffTitle, pairsDiffSummary, pairsDiffAxis
    case detHeading, detTitle, detSummary, detCaption, detX, detY, detNone
    case calibrationHeading, calibrationTitle, calibrationSummary, calibrationCaption, calibrationX, calibrationY
    case calibrationDiagonal, calibrationNone, calibrationTableCaption, calibrationBinAccounts
    case missing

    package var text: Bilingual {
        switch self {
        case .heading: Bilingual(en: "5. Results", nl: "5. Resultaten")
        case .prHeading: Bilingual(en: "Precision and recall at every threshold", nl: "Precisie en recall bij elke drempel")
        case .prTitle: Bilingual(en: "Precision–recall curves", nl: "Precisie-recallcurves")
        case .prSummary:
            Bilingual(en: "Precision against recall for {methods}. Only some points of each curve are published: between "
                          + "any two of them, and after the last, lie at least {k} campaign accounts and {k} others, so that "
                          + "no stretch of a curve points at an account. Between them the curve is drawn as campaign and "
                          + "other accounts enter together, in proportion (the interpolation of Davis and Goadrich, as tied "
                          + "scores enter), from nothing flagged to everything flagged. The dashed line is the share of "
                          + "campaign accounts, {prevalence}: what flagging at random would give. The large marker on each "
                          + "curve is the method's declared operating point.",
                      nl: "Precisie tegen recall voor {methods}. Van elke curve worden maar enkele punten gepubliceerd: "
                          + "tussen elke twee, en na het laatste, liggen minstens {k} campagne-accounts en {k} andere, zodat "
                          + "geen stuk van een curve naar een account wijst. Daartussen is de curve getekend alsof "
                          + "campagne-accounts en andere accounts samen binnenkomen, naar verhouding (de interpolatie van "
                          + "Davis en Goadrich, zoals gelijke scores binnenkomen), van niets aangewezen tot alles aangewezen. "
                          + "De gestreepte lijn is het aandeel campagne-accounts, {prevalence}: wat willekeurig aanwijzen zou "
                          + "opleveren. De grote markering op elke curve is het opgegeven werkpunt van de methode.")
        case .prCaption:
            Bilingual(en: "Precision–recall curves rather than ROC curves, because campaign accounts are rare: a ROC curve "
                          + "looks good even when most flags are wrong.",
                      nl: "Precisie-recallcurves in plaats van ROC-curves, omdat campagne-accounts zeldzaam zijn: een "
                          + "ROC-curve ziet er goed uit, ook als de meeste aanwijzingen fout zijn.")
        case .prBaseline: Bilingual(en: "random flagging ({prevalence})", nl: "willekeurig aanwijzen ({prevalence})")
        case .prOperatingPoint: Bilingual(en: "operating point", nl: "werkpunt")
        case .forestHeading: Bilingual(en: "F1 and precision with their intervals", nl: "F1 en precisie met hun intervallen")
        case .forestTitle: Bilingual(en: "F1 and precision per method", nl: "F1 en precisie per methode")
        case .forestSummary:
            Bilingual(en: "F1 and precision at the operating point for each method, as a dot with a line for its {level}% "
                          + "interval.",
                      nl: "F1 en precisie bij het werkpunt voor elke methode, als een punt met een lijn voor het "
                          + "{level}%-interval.")
        case .forestCaption:
            Bilingual(en: "Intervals that overlap do not prove the methods are equal, nor does a gap prove they differ: "
                          + "the paired tests below answer that.",
                      nl: "Overlappende intervallen bewijzen niet dat methoden gelijk zijn, en een gat bewijst niet dat ze "
                          + "verschillen: de gepaarde toetsen hieronder beantwoorden dat.")
        case .topKHeading: Bilingual(en: "Precision among the highest scores", nl: "Precisie bij de hoogste scores")
        case .topKTitle: Bilingual(en: "Precision at k", nl: "Precisie bij k")
        case .topKSummary:
            Bilingual(en: "For each method, the share of campaign accounts among the k labelled accounts it scored "
                          + "highest, for k = {ks}.",
                      nl: "Voor elke methode het aandeel campagne-accounts onder de k gelabelde accounts met de hoogste "
                          + "score, voor k = {ks}.")
        case .topKCaption:
            Bilingual(en: "What an analyst who can check only the first k accounts would find.",
                      nl: "Wat een analist vindt die alleen de eerste k accounts kan controleren.")
        case .topKCategory: Bilingual(en: "k = {k}", nl: "k = {k}")
        case .pairsHeading: Bilingual(en: "Which differences are real", nl: "Welke verschillen echt zijn")
        case .pairsIntro:
            Bilingual(en: "Each pair of methods is compared on the same accounts, on the figure shown: a paired bootstrap "
                          + "interval of the difference in {metric}, and the paired test of that same difference, with Holm's "
                          + "correction because {pairs} pairs are tested at once.",
                      nl: "Elk paar methoden wordt vergeleken op dezelfde accounts, op het getoonde getal: een gepaard "
                          + "bootstrapinterval van het verschil in {metric}, en de gepaarde toets van datzelfde verschil, met "
                          + "de correctie van Holm omdat er {pairs} paren tegelijk worden getoetst.")
        case .pairsTableCaption:
            Bilingual(en: "Pairwise comparisons (Holm-adjusted p-values)", nl: "Paarsgewijze vergelijkingen (p-waarden na Holm)")
        case .pairsFirst: Bilingual(en: "Method A", nl: "Methode A")
        case .pairsSecond: Bilingual(en: "Method B", nl: "Methode B")
        case .pairsDifference: Bilingual(en: "{metric} of A minus {metric} of B", nl: "{metric} van A min {metric} van B")
        case .pairsP: Bilingual(en: "p (paired bootstrap)", nl: "p (gepaarde bootstrap)")
        case .pairsHolm: Bilingual(en: "p after Holm", nl: "p na Holm")
        case .pairsVerdict: Bilingual(en: "Conclusion", nl: "Conclusie")
        case .pairsDiffers: Bilingual(en: "they differ", nl: "ze verschillen")
        case .pairsNoClearDifference: Bilingual(en: "no clear difference", nl: "geen duidelijk verschil")
        case .pairsNone: Bilingual(en: "No pairs to compare.", nl: "Geen paren om te vergelijken.")
        case .pairsDiffTitle: Bilingual(en: "Differences in {metric} between methods", nl: "Verschillen in {metric} tussen methoden")
        case .pairsDiffSummary:
            Bilingual(en: "For each pair, {metric} of the first method minus {metric} of the second, with its paired {level}% "
                          + "interval; the dashed line is no difference.",
                      nl: "Voor elk paar de {metric} van de eerste methode min die van de tweede, met het gepaarde "
                          + "{level}%-interval; de gestreepte lijn is geen verschil.")
        case .pairsDiffAxis: Bilingual(en: "Difference in {metric}", nl: "Verschil in {metric}")
        case .detHeading: Bilingual(en: "Error trade-off", nl: "Afweging tussen fouten")
        case .detTitle: Bilingual(en: "Detection error trade-off (DET)", nl: "Afweging van detectiefouten (DET)")
        case .detSummary:
            Bilingual(en: "Share of campaign accounts missed against the false-positive rate, both on normal-deviate "
                          + "(probit) axes, for {methods}, at the published points of their curves.",
                      nl: "Aandeel gemiste campagne-accounts tegen de fout-positieffractie, beide op normaalverdeelde "
                          + "(probit-)assen, voor {methods}, op de gepubliceerde punten van hun curves.")
        case .detCaption:
            Bilingual(en: "Lower is better on both axes. On probit axes a method whose scores are normally distributed in "
                          + "both groups of accounts gives a straight line. Points at 0 or 1 cannot be drawn on them and are "
                          + "left out.",
                      nl: "Lager is beter op beide assen. Op probit-assen geeft een methode waarvan de scores in beide groepen "
                          + "accounts normaal verdeeld zijn een rechte lijn. Punten op 0 of 1 zijn daarop niet te tekenen en "
                          + "ontbreken.")
        case .detX: Bilingual(en: "False-positive rate", nl: "Fout-positieffractie")
        case .detY: Bilingual(en: "Share of campaign accounts missed", nl: "Aandeel gemiste campagne-accounts")
        case .detNone:
            Bilingual(en: "No method has two published points of its error trade-off strictly between 0 and 1, so there is "
                          + "no curve to draw on normal-deviate axes.",
                      nl: "Geen methode heeft twee gepubliceerde punten van de foutafweging die strikt tussen 0 en 1 liggen, "
                          + "dus er is geen curve te tekenen op normaalverdeelde assen.")
        case .calibrationHeading: Bilingual(en: "Calibration", nl: "Kalibratie")
        case .calibrationTitle: Bilingual(en: "Reliability of the probabilities", nl: "Betrouwbaarheid van de kansen")
        case .calibrationSummary:
            Bilingual(en: "Observed share of campaign accounts against the mean predicted probability, per bin, for "
                          + "{methods}; the dotted diagonal is perfect calibration.",
                      nl: "Waargenomen aandeel campagne-accounts tegen de gemiddelde voorspelde kans, per klasse, voor "
                          + "{methods}; de gestippelde diagonaal is perfecte kalibratie.")
        case .calibrationCaption:
            Bilingual(en: "Only for methods whose scores are probabilities.",
                      nl: "Alleen voor methoden waarvan de scores kansen zijn.")
        case .calibrationX: Bilingual(en: "Mean predicted probability", nl: "Gemiddelde voorspelde kans")
        case .calibrationY: Bilingual(en: "Observed share of campaign accounts", nl: "Waargenomen aandeel campagne-accounts")
        case .calibrationDiagonal: Bilingual(en: "perfect calibration", nl: "perfecte kalibratie")
        case .calibrationNone:
            Bilingual(en: "No method declared its scores to be probabilities (the score stage's probability_scores), so "
                          + "calibration is not assessed: a score that is not a probability has no calibration to check.",
                      nl: "Geen methode gaf op dat haar scores kansen zijn (probability_scores van de scorestap), dus "
                          + "kalibratie wordt niet beoordeeld: een score die geen kans is, heeft geen kalibratie om te controleren.")
        case .calibrationTableCaption: Bilingual(en: "Accounts per bin", nl: "Accounts per klasse")
        case .calibrationBinAccounts: Bilingual(en: "Accounts", nl: "Accounts")
        case .missing: Bilingual(en: "{n} without a score", nl: "{n} zonder score")
        }
    }
}

/// Sections 6 and 7: strata and errors.
package enum StrataText: String, Catalogued {
    case heading, intro, heatTitle, heatSummary, heatCaption, suppressedLabel, highRatio, noHighRatio, noStrata
    case campaignsHeading, campaignsCaption, campaignsCampaign, campaignsAccounts, campaignsNone, campaignFound
    case errorsHeading, errorsIntro, errorsCaption, errorsKind, errorsAccounts, errorsNone, errorsChartTitle, errorsHidden
    case errorsChartSummary, errorsChartAxis
    case overlapHeading, overlapCaption, overlapFlaggedBy, overlapCampaign, overlapLegitimate, overlapNobody
    case overlapAlone, overlapNone

    package var text: Bilingual {
        switch self {
        case .heading: Bilingual(en: "6. Groups of accounts", nl: "6. Groepen accounts")
        case .intro:
            Bilingual(en: "A method can work well overall and still wrongly flag one group of legitimate accounts more "
                          + "often than others. The map shows, per group and method, the false-positive rate of the group "
                          + "divided by the method's overall rate: 1 is the same, 2 is twice as often.",
                      nl: "Een methode kan het in het algemeen goed doen en toch één groep legitieme accounts vaker ten "
                          + "onrechte aanwijzen dan andere. De kaart toont per groep en methode de fout-positieffractie van "
                          + "de groep gedeeld door de fractie over alles: 1 is even vaak, 2 is twee keer zo vaak.")
        case .heatTitle: Bilingual(en: "False-positive rate ratio per group", nl: "Verhouding van fout-positieffracties per groep")
        case .heatSummary:
            Bilingual(en: "Ratio of each group's false-positive rate to the method's overall rate, for {cells} groups and "
                          + "{methods} methods; {suppressed} cells are suppressed because they hold fewer than {threshold} "
                          + "labelled accounts.",
                      nl: "Verhouding van de fout-positieffractie van elke groep tot die over alles, voor {cells} groepen "
                          + "en {methods} methoden; {suppressed} cellen zijn onderdrukt omdat ze minder dan {threshold} "
                          + "gelabelde accounts bevatten.")
        case .heatCaption:
            Bilingual(en: "Each cell gives the ratio and n, the labelled accounts in the group. Cells at twice the overall "
                          + "rate or more have a heavy border. Hatched cells are suppressed: too few accounts to show a "
                          + "figure without singling people out.",
                      nl: "Elke cel geeft de verhouding en n, het aantal gelabelde accounts in de groep. Cellen met twee "
                          + "keer de fractie over alles of meer hebben een dikke rand. Gearceerde cellen zijn onderdrukt: te "
                          + "weinig accounts om een getal te tonen zonder mensen herkenbaar te maken.")
        case .suppressedLabel: Bilingual(en: "suppressed (n < {threshold})", nl: "onderdrukt (n < {threshold})")
        case .highRatio:
            Bilingual(en: "In {count} shown cells a method flags legitimate accounts at least twice as often as overall: "
                          + "{cells}.",
                      nl: "In {count} getoonde cellen wijst een methode legitieme accounts minstens twee keer zo vaak aan "
                          + "als over alles: {cells}.")
        case .noHighRatio:
            Bilingual(en: "No shown cell reaches twice the overall false-positive rate.",
                      nl: "Geen getoonde cel komt op twee keer de fout-positieffractie over alles.")
        case .noStrata: Bilingual(en: "No groups were defined for this run.", nl: "Voor deze run zijn geen groepen bepaald.")
        case .campaignsHeading: Bilingual(en: "Recall per campaign", nl: "Recall per campagne")
        case .campaignsCaption:
            Bilingual(en: "Campaign accounts each method found, per labelled campaign", nl: "Gevonden campagne-accounts per methode, per gelabelde campagne")
        case .campaignsCampaign: Bilingual(en: "Campaign", nl: "Campagne")
        case .campaignsAccounts: Bilingual(en: "Accounts", nl: "Accounts")
        case .campaignsNone: Bilingual(en: "No campaigns are labelled.", nl: "Er zijn geen campagnes gelabeld.")
        case .campaignFound: Bilingual(en: "{found} of {total} ({percent})", nl: "{found} van {total} ({percent})")
        case .errorsHeading: Bilingual(en: "7. Errors, without people", nl: "7. Fouten, zonder personen")
        case .errorsIntro:
            Bilingual(en: "Errors are counted, never shown: no account, post or text appears in this report. Where the "
                          + "labels say what kind of legitimate coordination an account takes part in, the false positives "
                          + "are counted by that kind.",
                      nl: "Fouten worden geteld, nooit getoond: geen account, bericht of tekst staat in dit rapport. Waar "
                          + "de labels zeggen aan welke soort legitieme coördinatie een account meedoet, zijn de fout-"
                          + "positieven per soort geteld.")
        case .errorsCaption:
            Bilingual(en: "Legitimate accounts flagged by mistake, by kind of coordination",
                      nl: "Ten onrechte aangewezen legitieme accounts, per soort coördinatie")
        case .errorsKind: Bilingual(en: "Kind of legitimate coordination", nl: "Soort legitieme coördinatie")
        case .errorsAccounts: Bilingual(en: "Labelled accounts", nl: "Gelabelde accounts")
        case .errorsHidden:
            Bilingual(en: "{n} accounts belong to kinds with fewer than {min} accounts, even taken together; they are "
                          + "counted but not shown, since counts that small could point at people.",
                      nl: "{n} accounts horen bij soorten met minder dan {min} accounts, ook samengenomen; ze zijn "
                          + "geteld maar worden niet getoond, omdat zulke kleine aantallen naar personen kunnen wijzen.")
        case .errorsNone:
            Bilingual(en: "The labels name no kinds of legitimate coordination.",
                      nl: "De labels noemen geen soorten legitieme coördinatie.")
        case .errorsChartTitle: Bilingual(en: "False positives by kind of coordination", nl: "Fout-positieven per soort coördinatie")
        case .errorsChartSummary:
            Bilingual(en: "Number of legitimate accounts each method flagged, for {kinds} kinds of legitimate coordination.",
                      nl: "Aantal legitieme accounts dat elke methode aanwees, voor {kinds} soorten legitieme coördinatie.")
        case .errorsChartAxis: Bilingual(en: "Accounts flagged by mistake", nl: "Ten onrechte aangewezen accounts")
        case .overlapHeading: Bilingual(en: "Overlap between methods", nl: "Overlap tussen methoden")
        case .overlapCaption:
            Bilingual(en: "Labelled accounts by the exact set of methods that flagged them",
                      nl: "Gelabelde accounts naar de precieze combinatie van methoden die ze aanwees")
        case .overlapFlaggedBy: Bilingual(en: "Flagged by", nl: "Aangewezen door")
        case .overlapCampaign: Bilingual(en: "Campaign accounts", nl: "Campagne-accounts")
        case .overlapLegitimate: Bilingual(en: "Legitimate accounts", nl: "Legitieme accounts")
        case .overlapNobody: Bilingual(en: "no method", nl: "geen methode")
        case .overlapAlone:
            Bilingual(en: "{method} alone finds {n} campaign accounts that no other method flags.",
                      nl: "Alleen {method} vindt {n} campagne-accounts die geen andere methode aanwijst.")
        case .overlapNone: Bilingual(en: "No overlap was computed.", nl: "Er is geen overlap berekend.")
        }
    }
}
