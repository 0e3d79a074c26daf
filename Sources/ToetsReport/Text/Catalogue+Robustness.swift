/// The klankbord report's robustness section: rank stability, sweeps, planted campaigns.
package enum RobustnessText: String, Catalogued {
    case heading, intro, judged
    case ranksHeading, ranksIntro, ranksCaption, ranksRank, ranksInterval, ranksFirst, ranksChartTitle, ranksChartSummary
    case ranksAxis, firstSure, firstUnsure, firstUndefined
    case strataHeading, strataIntro, strataCaption, strataDimension, strataMetric, strataW, strataCells, strataNone
    case sweepHeading, sweepIntro, sweepCaption, sweepParameter, sweepValue, sweepPrimary, sweepFlags, sweepRank
    case sweepDeclared, sweepW, sweepWUndefined, sweepRankChanges, sweepRankSteady, sweepNone
    case sweepChartTitle, sweepChartSummary
    case plantHeading, plantIntro, plantCaption, plantTactic, plantDisarm, plantStrength, plantAccounts, plantFound
    case plantChartTitle, plantChartSummary, plantNone, changesCaption, changesChanged, changesContacts, changesOtherwise
    case changesIntro

    package var text: Bilingual {
        switch self {
        case .heading: Bilingual(en: "7a. How robust the verdict is", nl: "7a. Hoe robuust het oordeel is")
        case .intro:
            Bilingual(en: "Three questions test the verdict: how sure the ranking of the methods is, whether it would change "
                          + "with other reasonable settings, and what each method catches of campaigns whose members are known "
                          + "exactly because they were planted.",
                      nl: "Drie vragen toetsen het oordeel: hoe zeker de rangorde van de methoden is, of die zou veranderen "
                          + "bij andere redelijke instellingen, en wat elke methode vindt van campagnes waarvan de leden precies "
                          + "bekend zijn omdat ze zijn geplant.")
        case .judged:
            Bilingual(en: "Each method is judged at the operating point the pipeline declared before any score existed. "
                          + "The other settings shown here are a sensitivity analysis: they are never a way to choose a "
                          + "better point after seeing the labels, and the decision rule does not look at them.",
                      nl: "Elke methode wordt beoordeeld bij het werkpunt dat de pijplijn vastlegde voordat er een score "
                          + "bestond. De andere instellingen hier zijn een gevoeligheidsanalyse: ze zijn nooit een manier om "
                          + "na het zien van de labels een beter werkpunt te kiezen, en de beslisregel kijkt er niet naar.")

        case .ranksHeading: Bilingual(en: "How sure the ranking is", nl: "Hoe zeker de rangorde is")
        case .ranksIntro:
            Bilingual(en: "Each method's rank by {metric} on each of {ranked} bootstrap resamples (of {resamples}; a resample "
                          + "where a figure was undefined is left out): rank 1 is the best, tied methods share a rank.",
                      nl: "De rang van elke methode naar {metric} in elk van {ranked} bootstrap-hertrekkingen (van "
                          + "{resamples}; een hertrekking waarin een getal niet bepaald was, telt niet mee): rang 1 is de "
                          + "beste, gelijke methoden delen een rang.")
        case .ranksCaption:
            Bilingual(en: "Rank on all labelled accounts, the {level}% interval of ranks over the resamples, and how often "
                          + "each method ranked first",
                      nl: "Rang op alle gelabelde accounts, het {level}%-interval van de rangen over de hertrekkingen, en hoe "
                          + "vaak elke methode eerste was")
        case .ranksRank: Bilingual(en: "Rank", nl: "Rang")
        case .ranksInterval: Bilingual(en: "Interval of ranks", nl: "Interval van rangen")
        case .ranksFirst: Bilingual(en: "First in", nl: "Eerste in")
        case .ranksChartTitle: Bilingual(en: "Rank with its interval", nl: "Rang met interval")
        case .ranksChartSummary:
            Bilingual(en: "Each method's rank (1 is the best) with the interval of its ranks over the resamples.",
                      nl: "De rang van elke methode (1 is de beste) met het interval van haar rangen over de hertrekkingen.")
        case .ranksAxis: Bilingual(en: "Rank (1 = best)", nl: "Rang (1 = beste)")
        case .firstSure:
            Bilingual(en: "{method} ranks first in {percent} of the resamples: the top of the ranking is stable.",
                      nl: "{method} is eerste in {percent} van de hertrekkingen: de top van de rangorde is stabiel.")
        case .firstUnsure:
            Bilingual(en: "No method ranks first in 95% or more of the resamples ({method} most often, in {percent}): with "
                          + "other labelled accounts the order at the top could well be different.",
                      nl: "Geen methode is eerste in 95% of meer van de hertrekkingen ({method} het vaakst, in {percent}): "
                          + "met andere gelabelde accounts kan de volgorde bovenaan goed anders zijn.")
        case .firstUndefined:
            Bilingual(en: "The ranks could not be resampled, so no rank interval is given.",
                      nl: "De rangen konden niet worden hertrokken, dus er is geen interval van rangen.")

        case .strataHeading: Bilingual(en: "Do the strata agree?", nl: "Zijn de strata het eens?")
        case .strataIntro:
            Bilingual(en: "Kendall's W measures how far the cells of a stratum order the methods alike: 1 when every cell "
                          + "gives the same order, 0 when the orders share nothing.",
                      nl: "Kendalls W meet hoe sterk de cellen van een stratum de methoden in dezelfde volgorde zetten: 1 als "
                          + "elke cel dezelfde volgorde geeft, 0 als de volgordes niets gemeen hebben.")
        case .strataCaption:
            Bilingual(en: "Agreement of the methods' order across the cells of each stratum",
                      nl: "Overeenstemming van de volgorde van de methoden over de cellen van elk stratum")
        case .strataDimension: Bilingual(en: "Stratum", nl: "Stratum")
        case .strataMetric: Bilingual(en: "Figure", nl: "Maat")
        case .strataW: Bilingual(en: "Kendall's W", nl: "Kendalls W")
        case .strataCells: Bilingual(en: "Cells", nl: "Cellen")
        case .strataNone:
            Bilingual(en: "No stratum has two or more cells in which every method's figure is defined.",
                      nl: "Geen stratum heeft twee of meer cellen waarin het getal van elke methode bepaald is.")

        case .sweepHeading: Bilingual(en: "Other settings", nl: "Andere instellingen")
        case .sweepIntro:
            Bilingual(en: "Parameters the pipeline swept, one at a time, the others at the declared point; each point was "
                          + "run on the same posts and scored on the same resamples.",
                      nl: "Parameters die de pijplijn varieerde, één tegelijk, de andere op het vastgelegde werkpunt; elk "
                          + "punt draaide op dezelfde berichten en is gescoord op dezelfde hertrekkingen.")
        case .sweepCaption:
            Bilingual(en: "{metric} of each method at each swept value; the declared point, the one judged, is marked",
                      nl: "{metric} van elke methode bij elke gevarieerde waarde; het vastgelegde werkpunt, het beoordeelde, "
                          + "is gemarkeerd")
        case .sweepParameter: Bilingual(en: "Parameter", nl: "Parameter")
        case .sweepValue: Bilingual(en: "Value", nl: "Waarde")
        case .sweepPrimary: Bilingual(en: "{metric}", nl: "{metric}")
        case .sweepFlags: Bilingual(en: "Flagged", nl: "Aangewezen")
        case .sweepRank: Bilingual(en: "Rank at this point", nl: "Rang bij dit punt")
        case .sweepDeclared: Bilingual(en: "declared (judged)", nl: "vastgelegd (beoordeeld)")
        case .sweepW:
            Bilingual(en: "Across the declared configuration and {changes} one-parameter changes, Kendall's W of the "
                          + "methods' order is {w}.",
                      nl: "Over de vastgelegde instellingen en {changes} wijzigingen van één parameter is Kendalls W van de "
                          + "volgorde van de methoden {w}.")
        case .sweepWUndefined:
            Bilingual(en: "Kendall's W across the settings is not defined: a figure was undefined at some point.",
                      nl: "Kendalls W over de instellingen is niet bepaald: bij een punt was een getal niet bepaald.")
        case .sweepRankChanges:
            Bilingual(en: "At {count} of {points} swept points a method would rank differently than at its declared point: "
                          + "the order of the methods depends on these settings.",
                      nl: "Bij {count} van de {points} gevarieerde punten zou een methode een andere rang hebben dan bij haar "
                          + "vastgelegde werkpunt: de volgorde van de methoden hangt af van deze instellingen.")
        case .sweepRankSteady:
            Bilingual(en: "At none of the {points} swept points would a method rank differently than at its declared point.",
                      nl: "Bij geen van de {points} gevarieerde punten zou een methode een andere rang hebben dan bij haar "
                          + "vastgelegde werkpunt.")
        case .sweepNone:
            Bilingual(en: "The pipeline swept no parameter.", nl: "De pijplijn varieerde geen enkele parameter.")
        case .sweepChartTitle: Bilingual(en: "Figures across the sweep", nl: "Maten over de variatie")
        case .sweepChartSummary:
            Bilingual(en: "Each method's figure with its interval at each swept value and at the declared point.",
                      nl: "De maat van elke methode met interval bij elke gevarieerde waarde en bij het vastgelegde werkpunt.")

        case .plantHeading: Bilingual(en: "Planted campaigns", nl: "Geplante campagnes")
        case .plantIntro:
            Bilingual(en: "Synthetic campaigns were planted into the pseudonymised posts, each with a known tactic (named "
                          + "with its DISARM technique) at several strengths, and every method ran once more on those posts. "
                          + "Recall here needs no annotator: the members are known exactly. The planted accounts are "
                          + "synthetic, so counts of them name nobody.",
                      nl: "In de gepseudonimiseerde berichten zijn synthetische campagnes geplant, elk met een bekende tactiek "
                          + "(met haar DISARM-techniek) in meerdere sterktes, en elke methode draaide nog eens op die "
                          + "berichten. Recall heeft hier geen annotator nodig: de leden zijn precies bekend. De geplante "
                          + "accounts zijn synthetisch, dus aantallen ervan wijzen niemand aan.")
        case .plantCaption:
            Bilingual(en: "Planted accounts each method flagged, per tactic and strength, with the exact {level}% interval "
                          + "of recall",
                      nl: "Geplante accounts die elke methode aanwees, per tactiek en sterkte, met het exacte "
                          + "{level}%-interval van de recall")
        case .plantTactic: Bilingual(en: "Tactic", nl: "Tactiek")
        case .plantDisarm: Bilingual(en: "DISARM", nl: "DISARM")
        case .plantStrength: Bilingual(en: "Strength", nl: "Sterkte")
        case .plantAccounts: Bilingual(en: "Accounts", nl: "Accounts")
        case .plantFound: Bilingual(en: "{found} of {total}", nl: "{found} van {total}")
        case .plantChartTitle: Bilingual(en: "Recall as campaigns get stealthier", nl: "Recall naarmate campagnes heimelijker worden")
        case .plantChartSummary:
            Bilingual(en: "Recall of each method on each planted campaign, grouped by tactic and strength, with exact intervals.",
                      nl: "Recall van elke methode op elke geplante campagne, per tactiek en sterkte, met exacte intervallen.")
        case .plantNone:
            Bilingual(en: "The pipeline planted no campaign.", nl: "De pijplijn plantte geen campagne.")
        case .changesIntro:
            Bilingual(en: "Planting should not change what a method finds among the real accounts, except where the plants "
                          + "touched them (reposted their posts, shared their links or hashtags at the same time). "
                          + "A count below {threshold} is not shown.",
                      nl: "Planten hoort niet te veranderen wat een methode vindt onder de echte accounts, behalve waar de "
                          + "planten ze raakten (hun berichten deelden, hun links of hashtags tegelijk gebruikten). Een aantal "
                          + "onder {threshold} wordt niet getoond.")
        case .changesCaption:
            Bilingual(en: "Real accounts whose flag changed when the plants were added",
                      nl: "Echte accounts waarvan de aanwijzing veranderde toen de planten werden toegevoegd")
        case .changesChanged: Bilingual(en: "Changed", nl: "Veranderd")
        case .changesContacts: Bilingual(en: "Touched by plants", nl: "Geraakt door planten")
        case .changesOtherwise: Bilingual(en: "Not touched", nl: "Niet geraakt")
        }
    }
}
