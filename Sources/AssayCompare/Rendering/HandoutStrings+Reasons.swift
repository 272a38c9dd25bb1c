import AssayCore

extension HandoutStrings {
    /// The sentence that says why `reason` withheld something, in this language, with the reader's names for its
    /// group, scope and question; `nil` for a code this version of Assay does not know.
    ///
    /// Placeholders: %1 count, %2 minimum, %3 organisations, %4 group, %5 the group protected, %6 scope, %7
    /// question, %8 round, %9 the earlier releases.
    package func sentence(
        _ reason: SuppressionReason, group: (String) -> String, scope: (String) -> String,
        question: (String) -> String
    ) -> String? {
        var key = "reason-" + reason.code.rawValue
        guard Self.english[key] != nil else { return nil }
        let releases = reason.releases ?? []
        if reason.code == .differencing {
            if releases.isEmpty { key += "-this" }
            if reason.organisations == 1 { key += "-one" }
        } else if reason.count == 1 && Self.english[key + "-one"] != nil {
            key += "-one"
        }
        let merged = [SuppressionReason.Code.groupsMerged, .mergedGroupSuppressed].contains(reason.code)
        let quoted = releases.map { format("quote", $0) }
        let releaseList =
            quoted.isEmpty
            ? ""
            : format(
                quoted.count == 1 ? "releases-one" : "releases",
                quoted.count == 1
                    ? quoted[0]
                    : quoted.dropLast().joined(separator: ", ") + " " + self["and"] + " "
                        + quoted.last!)
        return format(
            key,
            reason.count.map(integer) ?? "",
            reason.minimum.map(integer) ?? "",
            reason.organisations.map(integer) ?? "",
            format("quote", merged ? self["other"] : reason.group.map(group) ?? ""),
            reason.source.map { format("quote", group($0)) } ?? "",
            reason.scope.map { format("quote", scope($0)) } ?? "",
            reason.question.map { format("quote", question($0)) } ?? "",
            reason.round.map { format("quote", $0) } ?? "",
            releaseList)
    }

    /// What the disclosure rule `name` does, in this language; `nil` for a rule this version does not know.
    package func rule(_ name: String) -> String? {
        let key = "rule-" + name
        return Self.english[key] == nil ? nil : self[key]
    }

    /// A rule's setting as the reader reads it: `true` is "yes", `merge` is "merge", a number as the language
    /// writes it.
    package func setting(_ value: String) -> String {
        if let number = Int(value) { return integer(number) }
        let key = "value-" + value
        return Self.english[key] == nil ? value : self[key]
    }

    static let reasonTables: [String: [String: String]] = [
        "en": [
            "quote": "“%1”", "and": "and", "releases-one": "the release %1", "releases": "the releases %1",
            "reason-groups-dominated":
                "%1 groups are treated as too small: in each, one organisation gave more than half of the responses.",
            "reason-groups-dominated-one":
                "1 group is treated as too small: one organisation gave more than half of its responses.",
            "reason-groups-merged": "%1 groups with fewer than %2 organisations each are merged into %4.",
            "reason-groups-merged-one": "1 group with fewer than %2 organisations is merged into %4.",
            "reason-merged-group-suppressed": "The group %4 is not shown: it has fewer than %2 organisations.",
            "reason-groups-suppressed": "%1 groups are not shown: each has fewer than %2 organisations.",
            "reason-groups-suppressed-one": "1 group is not shown: it has fewer than %2 organisations.",
            "reason-complementary-group":
                "One more group, the smallest, is not shown, so that a group left out cannot be worked out by subtracting the others from the total.",
            "reason-all-dominated": "Nothing is shown: one organisation gave more than half of all the responses.",
            "reason-all-too-small": "Nothing is shown: there are fewer than %2 organisations (%3).",
            "reason-all-too-small-noisy": "Nothing is shown: the noisy count of organisations is below %2.",
            "reason-rounds-too-small": "%1 rounds of %4 are not shown: fewer than %2 organisations each.",
            "reason-rounds-too-small-one": "1 round of %4 is not shown: it has fewer than %2 organisations.",
            "reason-complementary-round":
                "Round %8 is not shown for %4 either, so that another group’s cannot be worked out by subtraction.",
            "reason-complementary-levels":
                "The levels of %6 are not shown for %4 either, so that another group’s cannot be worked out by subtraction.",
            "reason-earlier-releases-expose":
                "Earlier releases already let a set of fewer than %2 organisations be worked out; this one adds nothing to it.",
            "reason-differencing":
                "%4 is not shown: together with %9, it would let the figures of %3 organisations (fewer than %2) be worked out by subtraction.",
            "reason-differencing-one":
                "%4 is not shown: together with %9, it would let the figures of one organisation (fewer than %2) be worked out by subtraction.",
            "reason-differencing-this":
                "%4 is not shown: with the other figures of this release, it would let the figures of %3 organisations (fewer than %2) be worked out by subtraction.",
            "reason-differencing-this-one":
                "%4 is not shown: with the other figures of this release, it would let the figures of one organisation (fewer than %2) be worked out by subtraction.",
            "reason-dominance-differencing":
                "%4 is not shown: with the other figures it would give those of a group held back because one organisation gave most of its responses.",
            "reason-dominant-levels-differencing":
                "The levels of %6 are not shown for %4, so that those withheld for %5 (all, or all but one, organisations at one level) cannot be worked out by subtraction.",
            "reason-dominant-gap-differencing":
                "The gap share of %7 is not shown for %4, so that the one withheld for %5 cannot be worked out by subtraction.",
            "levels-why-few-scores": "fewer than %1 organisations have a score here",
            "levels-why-partly-scored": "not every organisation here has a score",
            "levels-why-dominant-level": "all, or all but one, organisations are at one level",
            "levels-why-complementary": "so that another group’s levels cannot be worked out by subtraction",
            "levels-why-differential-privacy": "not released under differential privacy",
            "ledger-checked":
                "Checked against %1 earlier releases recorded in the ledger %2%3, so that no set of fewer than %4 organisations can be worked out by subtracting one release from another.",
            "ledger-checked-one":
                "Checked against 1 earlier release recorded in the ledger %2%3, so that no set of fewer than %4 organisations can be worked out by subtracting one release from another.",
            "ledger-none":
                "Not recorded in a release ledger: checked within this release only, not against earlier ones.",
            "rule-minimum_organisations":
                "no figure about fewer organisations, whether published or derivable by adding and subtracting the figures of this and every earlier release in the ledger",
            "rule-minimum_organisations_for_quartiles":
                "medians and quartiles only for groups of at least this many organisations",
            "rule-minimum_other_organisations":
                "an organisation sees its own group only with at least this many others",
            "rule-score_decimals": "decimals of published scores",
            "rule-withhold_dominant_levels":
                "a level distribution or gap shared by all, or all but one, organisations is withheld",
            "rule-complementary_suppression": "one more part is withheld when exactly one part of a published total is",
            "rule-small_groups": "groups below the minimum are merged into one group marked as such, or left out",
            "rule-gap_limit": "most common gaps listed per group",
            "value-true": "yes", "value-false": "no", "value-merge": "merge", "value-suppress": "leave out",
        ],
        "fr": [
            "quote": "«\u{00A0}%1\u{00A0}»", "and": "et", "releases-one": "la publication %1",
            "releases": "les publications %1",
            "reason-groups-dominated":
                "%1 groupes sont traités comme trop petits : dans chacun, une organisation a donné plus de la moitié des réponses.",
            "reason-groups-dominated-one":
                "1 groupe est traité comme trop petit : une organisation a donné plus de la moitié de ses réponses.",
            "reason-groups-merged": "%1 groupes de moins de %2 organisations chacun sont regroupés dans %4.",
            "reason-groups-merged-one": "1 groupe de moins de %2 organisations est regroupé dans %4.",
            "reason-merged-group-suppressed": "Le groupe %4 n’est pas montré : il compte moins de %2 organisations.",
            "reason-groups-suppressed": "%1 groupes ne sont pas montrés : chacun compte moins de %2 organisations.",
            "reason-groups-suppressed-one": "1 groupe n’est pas montré : il compte moins de %2 organisations.",
            "reason-complementary-group":
                "Un groupe de plus, le plus petit, n’est pas montré, pour qu’un groupe écarté ne puisse pas être retrouvé en soustrayant les autres du total.",
            "reason-all-dominated":
                "Rien n’est montré : une organisation a donné plus de la moitié de toutes les réponses.",
            "reason-all-too-small": "Rien n’est montré : il y a moins de %2 organisations (%3).",
            "reason-all-too-small-noisy": "Rien n’est montré : le nombre bruité d’organisations est inférieur à %2.",
            "reason-rounds-too-small": "%1 rondes de %4 ne sont pas montrées : moins de %2 organisations chacune.",
            "reason-rounds-too-small-one": "1 ronde de %4 n’est pas montrée : elle compte moins de %2 organisations.",
            "reason-complementary-round":
                "La ronde %8 n’est pas montrée non plus pour %4, pour que celle d’un autre groupe ne puisse pas être retrouvée par soustraction.",
            "reason-complementary-levels":
                "Les niveaux de %6 ne sont pas montrés non plus pour %4, pour que ceux d’un autre groupe ne puissent pas être retrouvés par soustraction.",
            "reason-earlier-releases-expose":
                "Des publications antérieures permettent déjà de retrouver un ensemble de moins de %2 organisations ; celle-ci n’y ajoute rien.",
            "reason-differencing":
                "%4 n’est pas montré : avec %9, il permettrait de retrouver par soustraction les chiffres de %3 organisations (moins de %2).",
            "reason-differencing-one":
                "%4 n’est pas montré : avec %9, il permettrait de retrouver par soustraction les chiffres d’une organisation (moins de %2).",
            "reason-differencing-this":
                "%4 n’est pas montré : avec les autres chiffres de cette publication, il permettrait de retrouver par soustraction les chiffres de %3 organisations (moins de %2).",
            "reason-differencing-this-one":
                "%4 n’est pas montré : avec les autres chiffres de cette publication, il permettrait de retrouver par soustraction les chiffres d’une organisation (moins de %2).",
            "reason-dominance-differencing":
                "%4 n’est pas montré : avec les autres chiffres, il donnerait ceux d’un groupe écarté parce qu’une organisation y a donné la plupart des réponses.",
            "reason-dominant-levels-differencing":
                "Les niveaux de %6 ne sont pas montrés pour %4, pour que ceux retenus pour %5 (toutes les organisations, ou toutes sauf une, au même niveau) ne puissent pas être retrouvés par soustraction.",
            "reason-dominant-gap-differencing":
                "La part de lacunes de %7 n’est pas montrée pour %4, pour que celle retenue pour %5 ne puisse pas être retrouvée par soustraction.",
            "levels-why-few-scores": "moins de %1 organisations ont un score ici",
            "levels-why-partly-scored": "certaines organisations n’ont pas de score ici",
            "levels-why-dominant-level": "toutes les organisations, ou toutes sauf une, sont au même niveau",
            "levels-why-complementary":
                "pour que les niveaux d’un autre groupe ne puissent pas être retrouvés par soustraction",
            "levels-why-differential-privacy": "non publiés sous confidentialité différentielle",
            "ledger-checked":
                "Vérifiée par rapport à %1 publications antérieures inscrites au registre %2%3, pour qu’aucun ensemble de moins de %4 organisations ne puisse être retrouvé en soustrayant une publication d’une autre.",
            "ledger-checked-one":
                "Vérifiée par rapport à 1 publication antérieure inscrite au registre %2%3, pour qu’aucun ensemble de moins de %4 organisations ne puisse être retrouvé en soustrayant une publication d’une autre.",
            "ledger-none":
                "Non inscrite dans un registre des publications : vérifiée au sein de cette publication seulement, pas par rapport aux précédentes.",
            "rule-minimum_organisations":
                "aucun chiffre portant sur moins d’organisations, qu’il soit publié ou calculable en additionnant et en soustrayant les chiffres de cette publication et de toutes les précédentes du registre",
            "rule-minimum_organisations_for_quartiles":
                "médianes et quartiles seulement pour les groupes d’au moins ce nombre d’organisations",
            "rule-minimum_other_organisations":
                "une organisation ne voit son propre groupe que s’il compte au moins ce nombre d’autres organisations",
            "rule-score_decimals": "décimales des scores publiés",
            "rule-withhold_dominant_levels":
                "une répartition des niveaux ou une lacune commune à toutes les organisations, ou à toutes sauf une, est retenue",
            "rule-complementary_suppression":
                "une part de plus est retenue quand exactement une part d’un total publié l’est",
            "rule-small_groups":
                "les groupes sous le minimum sont regroupés dans un groupe marqué comme tel, ou écartés",
            "rule-gap_limit": "lacunes les plus fréquentes listées par groupe",
            "value-true": "oui", "value-false": "non", "value-merge": "regrouper", "value-suppress": "écarter",
        ],
        "es": [
            "quote": "«%1»", "and": "y", "releases-one": "la publicación %1", "releases": "las publicaciones %1",
            "reason-groups-dominated":
                "%1 grupos se tratan como demasiado pequeños: en cada uno, una organización dio más de la mitad de las respuestas.",
            "reason-groups-dominated-one":
                "1 grupo se trata como demasiado pequeño: una organización dio más de la mitad de sus respuestas.",
            "reason-groups-merged": "%1 grupos de menos de %2 organizaciones cada uno se reúnen en %4.",
            "reason-groups-merged-one": "1 grupo de menos de %2 organizaciones se reúne en %4.",
            "reason-merged-group-suppressed": "El grupo %4 no se muestra: tiene menos de %2 organizaciones.",
            "reason-groups-suppressed": "%1 grupos no se muestran: cada uno tiene menos de %2 organizaciones.",
            "reason-groups-suppressed-one": "1 grupo no se muestra: tiene menos de %2 organizaciones.",
            "reason-complementary-group":
                "Un grupo más, el más pequeño, no se muestra, para que un grupo excluido no pueda obtenerse restando los demás del total.",
            "reason-all-dominated":
                "No se muestra nada: una organización dio más de la mitad de todas las respuestas.",
            "reason-all-too-small": "No se muestra nada: hay menos de %2 organizaciones (%3).",
            "reason-all-too-small-noisy":
                "No se muestra nada: el recuento con ruido de organizaciones es inferior a %2.",
            "reason-rounds-too-small": "%1 rondas de %4 no se muestran: menos de %2 organizaciones cada una.",
            "reason-rounds-too-small-one": "1 ronda de %4 no se muestra: tiene menos de %2 organizaciones.",
            "reason-complementary-round":
                "La ronda %8 tampoco se muestra para %4, para que la de otro grupo no pueda obtenerse por resta.",
            "reason-complementary-levels":
                "Los niveles de %6 tampoco se muestran para %4, para que los de otro grupo no puedan obtenerse por resta.",
            "reason-earlier-releases-expose":
                "Publicaciones anteriores ya permiten obtener un conjunto de menos de %2 organizaciones; esta no añade nada.",
            "reason-differencing":
                "%4 no se muestra: junto con %9, permitiría obtener por resta las cifras de %3 organizaciones (menos de %2).",
            "reason-differencing-one":
                "%4 no se muestra: junto con %9, permitiría obtener por resta las cifras de una organización (menos de %2).",
            "reason-differencing-this":
                "%4 no se muestra: con las demás cifras de esta publicación, permitiría obtener por resta las cifras de %3 organizaciones (menos de %2).",
            "reason-differencing-this-one":
                "%4 no se muestra: con las demás cifras de esta publicación, permitiría obtener por resta las cifras de una organización (menos de %2).",
            "reason-dominance-differencing":
                "%4 no se muestra: con las demás cifras daría las de un grupo excluido porque una organización dio la mayoría de sus respuestas.",
            "reason-dominant-levels-differencing":
                "Los niveles de %6 no se muestran para %4, para que los reservados para %5 (todas las organizaciones, o todas menos una, en un mismo nivel) no puedan obtenerse por resta.",
            "reason-dominant-gap-differencing":
                "La proporción de carencias de %7 no se muestra para %4, para que la reservada para %5 no pueda obtenerse por resta.",
            "levels-why-few-scores": "menos de %1 organizaciones tienen una puntuación aquí",
            "levels-why-partly-scored": "no todas las organizaciones tienen una puntuación aquí",
            "levels-why-dominant-level": "todas las organizaciones, o todas menos una, están en un mismo nivel",
            "levels-why-complementary": "para que los niveles de otro grupo no puedan obtenerse por resta",
            "levels-why-differential-privacy": "no publicados con privacidad diferencial",
            "ledger-checked":
                "Comprobada frente a %1 publicaciones anteriores anotadas en el registro %2%3, para que ningún conjunto de menos de %4 organizaciones pueda obtenerse restando una publicación de otra.",
            "ledger-checked-one":
                "Comprobada frente a 1 publicación anterior anotada en el registro %2%3, para que ningún conjunto de menos de %4 organizaciones pueda obtenerse restando una publicación de otra.",
            "ledger-none":
                "No anotada en un registro de publicaciones: comprobada solo dentro de esta publicación, no frente a las anteriores.",
            "rule-minimum_organisations":
                "ninguna cifra sobre menos organizaciones, ya sea publicada o deducible sumando y restando las cifras de esta y de todas las publicaciones anteriores del registro",
            "rule-minimum_organisations_for_quartiles":
                "medianas y cuartiles solo para grupos de al menos este número de organizaciones",
            "rule-minimum_other_organisations":
                "una organización ve su propio grupo solo si tiene al menos este número de otras organizaciones",
            "rule-score_decimals": "decimales de las puntuaciones publicadas",
            "rule-withhold_dominant_levels":
                "se reserva una distribución de niveles o una carencia común a todas las organizaciones, o a todas menos una",
            "rule-complementary_suppression":
                "se reserva una parte más cuando exactamente una parte de un total publicado está reservada",
            "rule-small_groups":
                "los grupos bajo el mínimo se reúnen en un grupo marcado como tal, o se excluyen",
            "rule-gap_limit": "carencias más frecuentes listadas por grupo",
            "value-true": "sí", "value-false": "no", "value-merge": "reunir", "value-suppress": "excluir",
        ],
    ]
}
