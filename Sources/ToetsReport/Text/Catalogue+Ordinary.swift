/// False positives among ordinary accounts, by platform, activity and language: where the false
/// positives that no kind of legitimate coordination explains fall.
package enum OrdinaryText: String, Catalogued {
    case heading, intro, introBreakdowns, introActivity, introNone, introHidden, rule, summaryCaption, columnAll, columnKinds, columnOrdinary, columnExplained
    case columnUnexplained, heldBack, notBrokenDown, withheld, noneLegitimate, allKinds, totals, concentrated
    case concentratedCell, elsewhere, notConcentrated, unexplained, unexplainedFew, allUnexplained, noneUnexplained
    case cellsCaption, cellsMark, breakdownPlatform, breakdownActivity, breakdownLanguage, or
    case band, bandOne, onePost, bandOpen

    package var text: Bilingual {
        switch self {
        case .heading:
            Bilingual(en: "False positives among ordinary accounts", nl: "Onterecht aangewezen gewone accounts")
        case .intro:
            Bilingual(en: "The kinds above explain only some of each method's false positives. The rest are ordinary "
                          + "accounts: the {accounts} labelled accounts that are neither campaign accounts nor of a kind of "
                          + "legitimate coordination shown above.",
                      nl: "De soorten hierboven verklaren maar een deel van de onterecht aangewezen accounts van elke "
                          + "methode. De rest zijn gewone accounts: de {accounts} beoordeelde accounts die geen "
                          + "campagne-account zijn en niet horen bij een soort legitieme samenwerking hierboven.")
        case .introBreakdowns:
            Bilingual(en: "Below, per method, where its false positives among them fall, by {breakdowns}.",
                      nl: "Hieronder staat per methode waar de onterecht aangewezen gewone accounts vallen: per {breakdowns}.")
        case .introActivity:
            Bilingual(en: "Activity is the number of posts an account wrote, in bands cut where a third and two thirds of "
                          + "the ordinary accounts lie (accounts with as many posts stay together, and a band with fewer "
                          + "than {min} accounts joins its neighbour).",
                      nl: "Activiteit is het aantal berichten van een account, in groepen die afgebakend zijn waar een "
                          + "derde en twee derde van de gewone accounts liggen (accounts met evenveel berichten blijven bij "
                          + "elkaar, en een groep met minder dan {min} accounts gaat op in de groep ernaast).")
        case .introNone:
            Bilingual(en: "The results break them down no further: the run gave the score stage no posts.",
                      nl: "De uitkomsten splitsen ze niet verder uit: de run gaf de scorestap geen berichten.")
        case .introHidden:
            Bilingual(en: "{n} of them are of kinds too few to show; they are counted here so that those kinds cannot be "
                          + "worked out by subtraction.",
                      nl: "{n} daarvan horen bij soorten die te klein zijn om te tonen; ze tellen hier mee, zodat die "
                          + "soorten niet door aftrekken te achterhalen zijn.")
        case .rule:
            Bilingual(en: "A group explains false positives when the method flags ordinary accounts in it clearly more "
                          + "often than elsewhere: the {level}% interval of its share (Wilson's, exact where none or all are "
                          + "flagged) lies wholly above the interval of the share among the other ordinary accounts. Where "
                          + "the intervals overlap, this report claims nothing. A false positive in no such group stays "
                          + "unexplained.",
                      nl: "Een groep verklaart onterechte aanwijzingen als de methode gewone accounts daarin duidelijk "
                          + "vaker aanwijst dan elders: het {level}%-interval van het aandeel (volgens Wilson, exact waar "
                          + "niemand of iedereen is aangewezen) ligt helemaal boven het interval van het aandeel onder de "
                          + "andere gewone accounts. Waar de intervallen overlappen, concludeert dit rapport niets. Een "
                          + "onterechte aanwijzing die in geen zo'n groep valt, blijft onverklaard.")
        case .summaryCaption:
            Bilingual(en: "False positives per method, and how many each breakdown explains (an account can be in more "
                          + "than one group).",
                      nl: "Onterecht aangewezen accounts per methode, en hoeveel elke indeling verklaart (een account kan "
                          + "in meer dan één groep vallen).")
        case .columnAll: Bilingual(en: "False positives", nl: "Onterecht aangewezen")
        case .columnKinds: Bilingual(en: "Legitimate coordination", nl: "Legitieme samenwerking")
        case .columnOrdinary: Bilingual(en: "Ordinary accounts", nl: "Gewone accounts")
        case .columnExplained: Bilingual(en: "Explained by {breakdown}", nl: "Verklaard door {breakdown}")
        case .columnUnexplained: Bilingual(en: "Unexplained", nl: "Onverklaard")
        case .heldBack: Bilingual(en: "not shown", nl: "niet getoond")
        case .notBrokenDown: Bilingual(en: "not broken down", nl: "niet uitgesplitst")
        case .withheld:
            Bilingual(en: "{method}: not shown, because its counts would reveal a number below {min} in the table of kinds.",
                      nl: "{method}: niet getoond, omdat de aantallen een aantal onder {min} in de tabel van soorten zouden "
                          + "verraden.")
        case .noneLegitimate:
            Bilingual(en: "{method}: flags none of the legitimate accounts.",
                      nl: "{method}: wijst geen van de legitieme accounts aan.")
        case .allKinds:
            Bilingual(en: "{method}: all {all} of its false positives are accounts of legitimate coordination; it flags "
                          + "none of the {accounts} ordinary accounts.",
                      nl: "{method}: alle {all} onterecht aangewezen accounts horen bij legitieme samenwerking; de methode "
                          + "wijst geen van de {accounts} gewone accounts aan.")
        case .totals:
            Bilingual(en: "{method}: {all} false positives, {kinds} of them accounts of legitimate coordination (counted by "
                          + "kind above) and {ordinary} of them ordinary accounts.",
                      nl: "{method}: {all} onterecht aangewezen accounts, waarvan {kinds} van legitieme samenwerking (per "
                          + "soort hierboven geteld) en {ordinary} gewone accounts.")
        case .concentrated:
            Bilingual(en: "By {breakdown}, {explained} of the {ordinary} ({share}) fall where {method} flags ordinary "
                          + "accounts clearly more often than elsewhere: {cells}.",
                      nl: "Per {breakdown} vallen {explained} van de {ordinary} ({share}) waar {method} gewone accounts "
                          + "duidelijk vaker aanwijst dan elders: {cells}.")
        case .concentratedCell:
            Bilingual(en: "{cell}, {n} of {total} ({rate}; interval {lower} to {upper})",
                      nl: "{cell}, {n} van {total} ({rate}; interval {lower} tot {upper})")
        case .elsewhere:
            Bilingual(en: "against {n} of {total} elsewhere ({rate}; interval {lower} to {upper})",
                      nl: "tegen {n} van {total} elders ({rate}; interval {lower} tot {upper})")
        case .notConcentrated:
            Bilingual(en: "By {breakdown}, no group where {method} flags ordinary accounts clearly more often than elsewhere.",
                      nl: "Per {breakdown} is er geen groep waar {method} gewone accounts duidelijk vaker aanwijst dan "
                          + "elders.")
        case .unexplained:
            Bilingual(en: "{n} of the {ordinary} remain unexplained by {breakdowns}.",
                      nl: "{n} van de {ordinary} blijven onverklaard door {breakdowns}.")
        case .unexplainedFew:
            Bilingual(en: "Fewer than {min} of the {ordinary} remain unexplained.",
                      nl: "Minder dan {min} van de {ordinary} blijven onverklaard.")
        case .allUnexplained:
            Bilingual(en: "So all {ordinary} remain unexplained.", nl: "Alle {ordinary} blijven dus onverklaard.")
        case .noneUnexplained:
            Bilingual(en: "None of the {ordinary} remains unexplained.", nl: "Geen van de {ordinary} blijft onverklaard.")
        case .cellsCaption:
            Bilingual(en: "Ordinary accounts flagged, by {breakdown}: flagged of all ordinary accounts in the group.",
                      nl: "Aangewezen gewone accounts per {breakdown}: aangewezen van alle gewone accounts in de groep.")
        case .cellsMark:
            Bilingual(en: "(more than elsewhere)", nl: "(meer dan elders)")
        case .breakdownPlatform: Bilingual(en: "platform", nl: "platform")
        case .breakdownActivity: Bilingual(en: "activity", nl: "activiteit")
        case .breakdownLanguage: Bilingual(en: "language", nl: "taal")
        case .or: Bilingual(en: "or", nl: "of")
        case .band: Bilingual(en: "{lower} to {upper} posts", nl: "{lower} tot {upper} berichten")
        case .bandOne: Bilingual(en: "{n} posts", nl: "{n} berichten")
        case .onePost: Bilingual(en: "1 post", nl: "1 bericht")
        case .bandOpen: Bilingual(en: "{lower} or more posts", nl: "{lower} of meer berichten")
        }
    }
}
