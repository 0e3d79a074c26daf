/// Harm in absolute numbers, for the ethicist: what analysts must check to find campaign
/// accounts, chilling effects, what a flag must never be used for, and which labels reveal
/// political affiliation.
package enum HarmText: String, Catalogued {
    case workloadHeading, workloadIntro, workload, workloadNothingFound, workloadNothingFlagged
    case chillingHeading, chilling, chillingKinds, chillingKind, chillingKindFew, chillingKindNone, neverHeading, neverItems
    case specialCategories

    package var text: Bilingual {
        switch self {
        case .workloadHeading:
            Bilingual(en: "What analysts would have to check", nl: "Wat analisten zouden moeten nakijken")
        case .workloadIntro:
            Bilingual(en: "Every flag is a person's account an analyst must look at. Among the labelled accounts, at each "
                          + "method's own operating point:",
                      nl: "Elke aanwijzing is het account van een persoon waar een analist naar moet kijken. Onder de "
                          + "beoordeelde accounts, bij het eigen werkpunt van elke methode:")
        case .workload:
            Bilingual(en: "{method}: to find {found} of the {positives} campaign accounts, analysts check {flagged} flagged "
                          + "accounts, {falsePositives} of them legitimate: about {per10} legitimate accounts for every 10 "
                          + "campaign accounts found.",
                      nl: "{method}: om {found} van de {positives} campagne-accounts te vinden, kijken analisten {flagged} "
                          + "aangewezen accounts na, waarvan {falsePositives} legitiem: ongeveer {per10} legitieme accounts per "
                          + "10 gevonden campagne-accounts.")
        case .workloadNothingFound:
            Bilingual(en: "{method}: finds none of the {positives} campaign accounts, yet analysts would check "
                          + "{falsePositives} legitimate accounts it flagged.",
                      nl: "{method}: vindt geen van de {positives} campagne-accounts, maar analisten zouden {falsePositives} "
                          + "legitieme accounts nakijken die de methode aanwees.")
        case .workloadNothingFlagged:
            Bilingual(en: "{method}: flags no labelled account, so it gives analysts nothing to check and finds nothing.",
                      nl: "{method}: wijst geen beoordeeld account aan, dus analisten hebben niets na te kijken en de "
                          + "methode vindt niets.")
        case .chillingHeading:
            Bilingual(en: "Chilling effects", nl: "Afschrikwekkende werking")
        case .chilling:
            Bilingual(en: "A false flag lands on a real person. Party volunteers, news outlets that syndicate their stories "
                          + "and fans who post together coordinate for legitimate reasons. If being flagged has "
                          + "consequences, or is only feared to, they may post less, and the public debate around an "
                          + "election loses voices. That is a cost to freedom of expression (art. 10 ECHR) even when nobody "
                          + "is wrongly punished.",
                      nl: "Een onterechte aanwijzing treft een echt persoon. Vrijwilligers van partijen, nieuwsmedia die hun "
                          + "berichten doorplaatsen en fans die samen posten, werken om legitieme redenen samen. Als een "
                          + "aanwijzing gevolgen heeft, of als mensen dat alleen al vrezen, posten zij misschien minder en "
                          + "verliest het publieke debat rond een verkiezing stemmen. Dat kost vrijheid van meningsuiting "
                          + "(art. 10 EVRM), ook als niemand ten onrechte wordt gestraft.")
        case .chillingKinds:
            Bilingual(en: "In this run, legitimate coordination was flagged as follows (the most any one method flagged):",
                      nl: "In deze run werd legitieme samenwerking zo vaak aangewezen (het hoogste aantal van één methode):")
        case .chillingKind:
            Bilingual(en: "{kind}: up to {n} of {total} accounts", nl: "{kind}: tot {n} van {total} accounts")
        case .chillingKindFew:
            Bilingual(en: "{kind}: fewer than {min} of {total} accounts", nl: "{kind}: minder dan {min} van {total} accounts")
        case .chillingKindNone:
            Bilingual(en: "{kind}: none of {total} accounts", nl: "{kind}: geen van {total} accounts")
        case .neverHeading:
            Bilingual(en: "What a flag must never be used for", nl: "Waarvoor een aanwijzing nooit mag dienen")
        case .neverItems:
            Bilingual(en: "as proof that an account is foreign, inauthentic or acts unlawfully|to remove, block, label or "
                          + "demote posts or accounts|to identify, profile or contact the person behind an account|to take a "
                          + "decision about a person, a party, a news outlet or any other organisation|to watch people for "
                          + "their political opinions or affiliations (special-category data, GDPR art. 9)|without an analyst "
                          + "who checks the evidence and may disagree with the method",
                      nl: "als bewijs dat een account buitenlands of onecht is, of in strijd met de wet handelt|om berichten "
                          + "of accounts te verwijderen, te blokkeren, te labelen of minder zichtbaar te maken|om de persoon "
                          + "achter een account te identificeren, te profileren of te benaderen|om een besluit te nemen over "
                          + "een persoon, een partij, een nieuwsmedium of een andere organisatie|om mensen te volgen om hun "
                          + "politieke mening of voorkeur (bijzondere persoonsgegevens, AVG art. 9)|zonder een analist die het "
                          + "bewijs nakijkt en het met de methode oneens mag zijn")
        case .specialCategories:
            Bilingual(en: "Labels of the kinds {kinds} reveal a person's political affiliation: they are special-category "
                          + "data (GDPR art. 9), processed only under an exception such as art. 9(2)(j) with UAVG art. 24, "
                          + "and shown here only as counts.",
                      nl: "Labels van de soorten {kinds} laten de politieke voorkeur van een persoon zien: dat zijn bijzondere "
                          + "persoonsgegevens (AVG art. 9), alleen te verwerken met een uitzondering zoals art. 9 lid 2 onder j "
                          + "met UAVG art. 24, en hier alleen als aantallen getoond.")
        }
    }
}
