/// What the pilot is and what it cannot say, in both languages: who delivered which method,
/// whether the data are simulated, and the limits every reader must see (origin, missed
/// campaigns, accounts no method found, how far the annotators agreed, tuning).
package enum PilotText: String, Catalogued {
    case simulatedBanner, simulatedLimit
    case deliveryTotal, deliveryBuiltIn, deliveryExternal, deliveryNoExternal, deliveryUndeclared
    case externalFamily
    case limitsHeading, limitsIntro
    case attribution, campaignsMissed, campaignsMissedExcept, campaignsMissedNone, accountsUnfound, accountsUnfoundFew, accountsAllFound
    case agreementLow, agreementTentative
    case operatingPointsFixed, operatingPointsNotAllFixed

    package var text: Bilingual {
        switch self {
        case .simulatedBanner:
            Bilingual(en: "The data in this pilot are simulated. No real person is in them, and the annotators are "
                          + "simulated too. The figures show how the methods behave on a made-up world, not how they "
                          + "would do on real accounts around the elections.",
                      nl: "De gegevens in deze proef zijn gesimuleerd (nagemaakt). Er zitten geen echte personen in, en ook "
                          + "de beoordelaars zijn nagemaakt. De getallen laten zien hoe de methoden werken in een nagemaakte "
                          + "wereld, niet hoe ze zouden werken op echte accounts rond de verkiezingen.")
        case .simulatedLimit:
            Bilingual(en: "The data are simulated: no figure here says how often a method errs on real accounts; that "
                          + "needs a test on real, lawfully collected data.",
                      nl: "De gegevens zijn gesimuleerd: geen getal hier zegt hoe vaak een methode zich vergist bij echte "
                          + "accounts. Daarvoor is een proef met echte, rechtmatig verzamelde gegevens nodig.")
        case .deliveryTotal:
            Bilingual(en: "{n} methods were tested.", nl: "Er zijn {n} methoden getest.")
        case .deliveryBuiltIn:
            Bilingual(en: "{n} of them are built into Toets itself: known methods from the research literature, as a "
                          + "point of comparison.",
                      nl: "Daarvan zitten er {n} in Toets zelf: bekende methoden uit wetenschappelijk onderzoek, om mee te "
                          + "vergelijken.")
        case .deliveryExternal:
            Bilingual(en: "Delivered by a team: {n}. Teams: {teams}.", nl: "Door een team aangeleverd: {n}. Teams: {teams}.")
        case .deliveryNoExternal:
            Bilingual(en: "No team delivered a method of its own.", nl: "Geen team leverde een eigen methode aan.")
        case .deliveryUndeclared:
            Bilingual(en: "For {n}, the pipeline does not say who delivered it.",
                      nl: "Bij {n} zegt de pijplijn niet wie de methode aanleverde.")
        case .externalFamily:
            Bilingual(en: "method delivered by a team", nl: "methode van een team")
        case .limitsHeading:
            Bilingual(en: "What this pilot cannot say", nl: "Wat deze proef niet kan zeggen")
        case .limitsIntro:
            Bilingual(en: "Each point below follows from this run's figures and declarations.",
                      nl: "Elk punt hieronder volgt uit de getallen en de opgaven van deze run.")
        case .attribution:
            Bilingual(en: "Nothing in this pilot shows that a campaign came from abroad. The methods look for accounts "
                          + "that act together, not for where they come from; a language or a community abroad is no proof "
                          + "of foreign origin.",
                      nl: "Niets in deze proef toont aan dat een campagne uit het buitenland kwam. De methoden zoeken "
                          + "accounts die samen optrekken, niet waar ze vandaan komen. Een taal of een gemeenschap in het "
                          + "buitenland is geen bewijs van buitenlandse herkomst.")
        case .campaignsMissed:
            Bilingual(en: "Found by no method at all: {n} of the {total} campaigns ({campaigns}). Their way of working "
                          + "went unnoticed by every method tested.",
                      nl: "Geen enkele methode vond {n} van de {total} campagnes ({campaigns}). Hun werkwijze bleef bij alle "
                          + "geteste methoden onopgemerkt.")
        case .campaignsMissedExcept:
            Bilingual(en: "Campaigns {campaigns}: no method found any of their accounts, except perhaps {methods}, whose "
                          + "count is held back by disclosure control.",
                      nl: "Campagnes {campaigns}: geen methode vond er ook maar één account van, behalve misschien "
                          + "{methods}, waarvan het aantal is achtergehouden om niemand herkenbaar te maken.")
        case .campaignsMissedNone:
            Bilingual(en: "Every campaign large enough to show was found in part by at least one method.",
                      nl: "Elke campagne die groot genoeg is om te tonen, vond minstens één methode voor een deel.")
        case .accountsUnfound:
            Bilingual(en: "Of the {positives} campaign accounts, {n} were flagged by no method.",
                      nl: "Van de {positives} campagne-accounts wees geen enkele methode er {n} aan.")
        case .accountsUnfoundFew:
            Bilingual(en: "Of the {positives} campaign accounts, fewer than {min} were flagged by no method.",
                      nl: "Van de {positives} campagne-accounts wees geen enkele methode er minder dan {min} aan.")
        case .accountsAllFound:
            Bilingual(en: "Every one of the {positives} campaign accounts was flagged by at least one method.",
                      nl: "Elk van de {positives} campagne-accounts wees minstens één methode aan.")
        case .agreementLow:
            Bilingual(en: "The annotators often disagreed: their agreement (Krippendorff's alpha) is {alpha}, below {threshold}, "
                          + "the least that is usually asked before drawing even tentative conclusions. The ground truth "
                          + "itself is uncertain, and so is every figure measured against it.",
                      nl: "De beoordelaars waren het vaak oneens: hun overeenstemming (Krippendorffs alfa) is {alpha}, lager "
                          + "dan {threshold}, het minimum dat gewoonlijk geldt voor zelfs voorlopige conclusies. De "
                          + "grondwaarheid zelf is dus onzeker, en daarmee elk getal dat ermee is gemeten.")
        case .agreementTentative:
            Bilingual(en: "The annotators' agreement (Krippendorff's alpha) is {alpha}: enough for tentative conclusions "
                          + "(at least {threshold}), not for firm ones (at least {firm}).",
                      nl: "De overeenstemming tussen de beoordelaars (Krippendorffs alfa) is {alpha}: genoeg voor "
                          + "voorlopige conclusies (minstens {threshold}), niet voor stellige (minstens {firm}).")
        case .operatingPointsFixed:
            Bilingual(en: "Each method's operating point was fixed in the pipeline before any score existed. Whether a "
                          + "team tuned its method beforehand on earlier results with these labels, the pilot cannot rule out.",
                      nl: "Het werkpunt van elke methode lag in de pijplijn vast voordat er een score bestond. Of een team "
                          + "zijn methode vooraf heeft afgesteld op eerdere uitkomsten met deze beoordelingen, kan de proef "
                          + "niet uitsluiten.")
        case .operatingPointsNotAllFixed:
            Bilingual(en: "For {methods}, the provenance log does not show the operating point fixed before scoring: "
                          + "it may have been chosen after the labels were seen.",
                      nl: "Bij {methods} laat het herkomstlogboek niet zien dat het werkpunt vóór het scoren vastlag: het "
                          + "kan gekozen zijn nadat de beoordelingen bekend waren.")
        }
    }
}

/// The families of the built-in methods in words, with the technical name in brackets where a
/// reader needs it; keyed by the built-in stage kind.
package enum MethodFamily: String, Catalogued {
    case coortweet = "method/coortweet"
    case coAction = "method/co-action"
    case nearDuplicate = "method/near-duplicate"
    case pacheco = "method/pacheco"
    case accountSignals = "method/account-signals"

    package var text: Bilingual {
        switch self {
        case .coortweet: Bilingual(en: "sharing the same thing at the same time", nl: "tegelijk hetzelfde delen")
        case .coAction: Bilingual(en: "acting on the same post at the same time", nl: "tegelijk op hetzelfde bericht reageren")
        case .nearDuplicate: Bilingual(en: "near-identical texts", nl: "bijna gelijke teksten")
        case .pacheco: Bilingual(en: "similar traces of behaviour", nl: "gelijke gedragssporen")
        case .accountSignals: Bilingual(en: "suspicious account features", nl: "verdachte accountkenmerken")
        }
    }
}
