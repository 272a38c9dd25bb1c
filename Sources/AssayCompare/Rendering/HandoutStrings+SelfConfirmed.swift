extension HandoutStrings {
    /// The words of the self-assessment-against-confirmed page (`assay aggregate --self-vs-confirmed`), beside the
    /// handout's own, which it shares (group, organisations, withheld, the reasons and the disclosure rules).
    ///
    /// "Self-assessment" and "confirmed" are the words the session report uses for the two views: autoévaluation
    /// and version confirmée, autoevaluación and versión confirmada.
    static let selfConfirmedTables: [String: [String: String]] = [
        "en": [
            "sc-title": "Self-assessment against confirmed assessment: %1",
            "sc-note":
                "Each figure is the self-assessed score minus the confirmed one, in points of 0 to 100, over the organisations with both a self-assessment and a confirmed session: positive when organisations rated themselves higher than their facilitator confirmed. Organisations with one view only are in no figure.",
            "sc-table": "Mean difference by group",
            "sc-caption": "Mean difference, self-assessed minus confirmed (points)",
            "sc-differing": "Answers that differ",
            "sc-questions": "Where the two views differ most often",
            "sc-question-share": "%1 % of organisations",
            "sc-mean-withheld": "The mean difference in %1 is not shown for %2: %3.",
            "sc-mean-why-few-scores": "fewer than %1 organisations have a score in both views",
            "sc-mean-why-partly-scored":
                "not every organisation has a score in both views, and the figure would cover fewer organisations than its group",
            "sc-differing-withheld-dominant":
                "The share of answers that differ is not shown for %1: fewer than two organisations have an answer on which their two views differ, or fewer than two have one on which they agree, so the share would tell of each organisation.",
            "sc-differing-withheld-none-compared":
                "The share of answers that differ is not shown for %1: no scored question was answered in either view.",
        ],
        "fr": [
            "sc-title": "Autoévaluation et évaluation confirmée : %1",
            "sc-note":
                "Chaque chiffre est le score de l’autoévaluation moins le score confirmé, en points de 0 à 100, pour les organisations qui ont à la fois une autoévaluation et une séance confirmée : il est positif quand les organisations se sont évaluées plus haut que la personne qui a animé la séance ne l’a confirmé. Les organisations qui n’ont que l’une des deux versions ne figurent dans aucun chiffre.",
            "sc-table": "Écart moyen par groupe",
            "sc-caption": "Écart moyen, autoévaluation moins version confirmée (points)",
            "sc-differing": "Réponses qui diffèrent",
            "sc-questions": "Là où les deux versions diffèrent le plus souvent",
            "sc-question-share": "%1 % des organisations",
            "sc-mean-withheld": "L’écart moyen en %1 n’est pas montré pour %2 : %3.",
            "sc-mean-why-few-scores": "moins de %1 organisations ont un score dans les deux versions",
            "sc-mean-why-partly-scored":
                "certaines organisations n’ont pas de score dans les deux versions, et le chiffre porterait sur moins d’organisations que son groupe",
            "sc-differing-withheld-dominant":
                "La part des réponses qui diffèrent n’est pas montrée pour %1 : moins de deux organisations ont une réponse sur laquelle leurs deux versions diffèrent, ou moins de deux en ont une sur laquelle elles concordent, si bien que cette part renseignerait sur chaque organisation.",
            "sc-differing-withheld-none-compared":
                "La part des réponses qui diffèrent n’est pas montrée pour %1 : aucune question notée n’a reçu de réponse dans l’une ou l’autre version.",
        ],
        "es": [
            "sc-title": "Autoevaluación frente a evaluación confirmada: %1",
            "sc-note":
                "Cada cifra es la puntuación de la autoevaluación menos la confirmada, en puntos de 0 a 100, sobre las organizaciones que tienen a la vez una autoevaluación y una sesión confirmada: es positiva cuando las organizaciones se evaluaron más alto de lo que confirmó quien facilitó la sesión. Las organizaciones con una sola de las dos versiones no entran en ninguna cifra.",
            "sc-table": "Diferencia media por grupo",
            "sc-caption": "Diferencia media, autoevaluación menos versión confirmada (puntos)",
            "sc-differing": "Respuestas que difieren",
            "sc-questions": "Dónde las dos versiones difieren con más frecuencia",
            "sc-question-share": "el %1 % de las organizaciones",
            "sc-mean-withheld": "La diferencia media en %1 no se muestra para %2: %3.",
            "sc-mean-why-few-scores": "menos de %1 organizaciones tienen una puntuación en las dos versiones",
            "sc-mean-why-partly-scored":
                "no todas las organizaciones tienen una puntuación en las dos versiones, y la cifra abarcaría menos organizaciones que su grupo",
            "sc-differing-withheld-dominant":
                "La proporción de respuestas que difieren no se muestra para %1: menos de dos organizaciones tienen una respuesta en la que sus dos versiones difieren, o menos de dos una en la que coinciden, de modo que la proporción revelaría algo de cada organización.",
            "sc-differing-withheld-none-compared":
                "La proporción de respuestas que difieren no se muestra para %1: ninguna pregunta puntuada tiene respuesta en ninguna de las dos versiones.",
        ],
    ]
}
