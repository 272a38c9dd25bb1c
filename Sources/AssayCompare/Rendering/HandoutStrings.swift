import AssayCore
import AssayReport
import Foundation

/// The words of the workshop handout, in the languages Assay ships; rubric text comes from the rubric.
package struct HandoutStrings: Sendable {
    package let language: String
    private let table: [String: String]

    package init(language: String) {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        self.language = Self.tables[base] == nil ? "en" : base
        self.table = Self.tables[self.language]!.merging(Self.reasonTables[self.language]!) { first, _ in first }
            .merging(Self.selfConfirmedTables[self.language]!) { first, _ in first }
    }

    package subscript(_ key: String) -> String { table[key] ?? Self.english[key] ?? key }

    /// Whether this language has a text for `key`, without falling back to English.
    package func has(_ key: String) -> Bool { table[key] != nil }

    /// Every key, in every language, for the test that no language lacks one.
    package static var keys: [String: Set<String>] {
        Dictionary(
            uniqueKeysWithValues: tables.keys.map { language in
                (
                    language,
                    Set(tables[language]!.keys).union(reasonTables[language]!.keys)
                        .union(selfConfirmedTables[language]!.keys)
                )
            })
    }

    static let english = tables["en"]!.merging(reasonTables["en"]!) { first, _ in first }
        .merging(selfConfirmedTables["en"]!) { first, _ in first }

    /// `key`'s text with `%1`, `%2`, … replaced by `arguments`.
    package func format(_ key: String, _ arguments: String...) -> String {
        ReportStrings.fill(self[key], with: arguments)
    }

    /// A whole number with the language's thousands separator: "20,000", "20 000" (a narrow no-break space),
    /// "20.000".
    package func integer(_ value: Int) -> String {
        let separator: String
        switch language {
        case "fr": separator = "\u{202F}"
        case "es": separator = "."
        default: separator = ","
        }
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += separator }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A released score as the language writes it ("46,8" in French); "—" when withheld.
    package func score(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = value.formatted()
        return language == "en" ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// "A or B", "A, B or C" in this language.
    package func either(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " " + self["or"] + " " + items.last!
    }

    private static let tables: [String: [String: String]] = [
        "en": [
            "title": "%1: peer comparison", "or": "or",
            "meta": "%1 organisations, %2 responses, grouped by %3.",
            "counted-latest": "Counted per organisation: the latest response of each organisation.",
            "counted-all": "Counted: every response.", "scores": "Scores are 0–100, rounded.",
            "overall": "Overall score", "all": "all organisations", "other": "other (small groups merged)",
            "key": "How to read this", "key-box": "the middle half of the organisations (first to third quartile)",
            "key-median": "the median: half the organisations are below it, half above",
            "key-mean": "the mean (average)",
            "key-no-quartiles": "a group too small for quartiles shows only its median and mean",
            "key-levels": "Maturity levels, lowest first:", "key-none": "below the first level",
            "key-no-extremes": "No minimum or maximum is ever shown, so a single organisation cannot be picked out.",
            "box-plots": "Scores of %1 by group", "level-bars": "Maturity levels in %1 by group",
            "numbers": "The numbers: %1", "group": "Group", "organisations": "Organisations", "q1": "First quartile",
            "median": "Median", "q3": "Third quartile", "mean": "Mean", "withheld": "withheld",
            "levels-withheld": "levels withheld: %1", "levels-withheld-short": "levels withheld (see the table)",
            "gaps": "Most common gaps", "gap": "%1% of those who answered were at %2",
            "gap-lowest": "one of its lowest answers",
            "trends": "Trends across rounds (overall score)", "round": "Round",
            "not-shown": "What is not shown, and why",
            "no-extremes": "No minimum or maximum is shown; box plots have no whiskers.",
            "thresholds": "A group is shown when it has at least %1 organisations; quartiles need %2.",
            "summary-withheld":
                "To protect small groups, %1 figures are withheld; each is explained in “What is not shown, and why”.",
            "summary-none": "Nothing is withheld beyond the minimum and maximum, which are never shown.",
            "levels-in": "Levels of %1 in %2 are withheld: %3.",
            "contents": "Contents",
            "sorted": "Groups are sorted by median, highest first (by mean where a group is too small for a median).",
            "focus": "%1 beside all organisations", "disclosure": "Disclosure report",
            "rule": "Rule", "setting": "Setting", "meaning": "Meaning",
        ],
        "fr": [
            "title": "%1 : comparaison entre pairs", "or": "ou",
            "meta": "%1 organisations, %2 réponses, regroupées par %3.",
            "counted-latest": "Comptée par organisation : la réponse la plus récente de chacune.",
            "counted-all": "Comptée : chaque réponse.", "scores": "Les scores vont de 0 à 100, arrondis.",
            "overall": "Score global", "all": "toutes les organisations",
            "other": "autres (petits groupes regroupés)",
            "key": "Comment lire ce document",
            "key-box": "la moitié centrale des organisations (du premier au troisième quartile)",
            "key-median": "la médiane : la moitié des organisations est en dessous, la moitié au-dessus",
            "key-mean": "la moyenne",
            "key-no-quartiles": "un groupe trop petit pour les quartiles ne montre que sa médiane et sa moyenne",
            "key-levels": "Niveaux de maturité, du plus bas au plus haut :", "key-none": "sous le premier niveau",
            "key-no-extremes":
                "Aucun minimum ni maximum n’est jamais montré, pour qu’aucune organisation ne puisse être repérée.",
            "box-plots": "Scores de %1 par groupe", "level-bars": "Niveaux de maturité en %1 par groupe",
            "numbers": "Les chiffres : %1", "group": "Groupe", "organisations": "Organisations",
            "q1": "Premier quartile", "median": "Médiane", "q3": "Troisième quartile", "mean": "Moyenne",
            "withheld": "retenu", "levels-withheld": "niveaux retenus : %1",
            "levels-withheld-short": "niveaux retenus (voir le tableau)",
            "gaps": "Lacunes les plus fréquentes", "gap": "%1 % des répondants en étaient à %2",
            "gap-lowest": "l’une des réponses les plus basses",
            "trends": "Évolution d’une ronde à l’autre (score global)", "round": "Ronde",
            "not-shown": "Ce qui n’est pas montré, et pourquoi",
            "no-extremes": "Aucun minimum ni maximum n’est montré ; les boîtes n’ont pas de moustaches.",
            "thresholds":
                "Un groupe est montré s’il compte au moins %1 organisations ; les quartiles en demandent %2.",
            "summary-withheld":
                "Pour protéger les petits groupes, %1 chiffres sont retenus ; chacun est expliqué dans « Ce qui n’est pas montré, et pourquoi ».",
            "summary-none": "Rien n’est retenu hormis le minimum et le maximum, jamais montrés.",
            "levels-in": "Les niveaux de %1 pour %2 sont retenus : %3.",
            "contents": "Sommaire",
            "sorted":
                "Les groupes sont triés par médiane, de la plus haute à la plus basse (par moyenne quand un groupe est trop petit pour une médiane).",
            "focus": "%1 à côté de toutes les organisations", "disclosure": "Rapport de confidentialité",
            "rule": "Règle", "setting": "Valeur", "meaning": "Signification",
        ],
        "es": [
            "title": "%1: comparación entre pares", "or": "o",
            "meta": "%1 organizaciones, %2 respuestas, agrupadas por %3.",
            "counted-latest": "Contada por organización: la respuesta más reciente de cada una.",
            "counted-all": "Contada: cada respuesta.", "scores": "Las puntuaciones van de 0 a 100, redondeadas.",
            "overall": "Puntuación general", "all": "todas las organizaciones",
            "other": "otros (grupos pequeños reunidos)",
            "key": "Cómo leer este documento",
            "key-box": "la mitad central de las organizaciones (del primer al tercer cuartil)",
            "key-median": "la mediana: la mitad de las organizaciones está por debajo y la mitad por encima",
            "key-mean": "la media",
            "key-no-quartiles": "un grupo demasiado pequeño para cuartiles muestra solo su mediana y su media",
            "key-levels": "Niveles de madurez, del más bajo al más alto:", "key-none": "por debajo del primer nivel",
            "key-no-extremes":
                "Nunca se muestra un mínimo ni un máximo, para que ninguna organización pueda identificarse.",
            "box-plots": "Puntuaciones de %1 por grupo", "level-bars": "Niveles de madurez en %1 por grupo",
            "numbers": "Las cifras: %1", "group": "Grupo", "organisations": "Organizaciones",
            "q1": "Primer cuartil", "median": "Mediana", "q3": "Tercer cuartil", "mean": "Media",
            "withheld": "reservado", "levels-withheld": "niveles reservados: %1",
            "levels-withheld-short": "niveles reservados (ver la tabla)",
            "gaps": "Carencias más frecuentes", "gap": "el %1 % de quienes respondieron estaba en %2",
            "gap-lowest": "una de sus respuestas más bajas",
            "trends": "Evolución entre rondas (puntuación general)", "round": "Ronda",
            "not-shown": "Qué no se muestra, y por qué",
            "no-extremes": "No se muestra ningún mínimo ni máximo; las cajas no tienen bigotes.",
            "thresholds": "Un grupo se muestra si tiene al menos %1 organizaciones; los cuartiles necesitan %2.",
            "summary-withheld":
                "Para proteger a los grupos pequeños se reservan %1 cifras; cada una se explica en «Qué no se muestra, y por qué».",
            "summary-none": "No se reserva nada salvo el mínimo y el máximo, que nunca se muestran.",
            "levels-in": "Los niveles de %1 en %2 están reservados: %3.",
            "contents": "Contenido",
            "sorted":
                "Los grupos se ordenan por mediana, de mayor a menor (por media cuando un grupo es demasiado pequeño para una mediana).",
            "focus": "%1 junto a todas las organizaciones", "disclosure": "Informe de confidencialidad",
            "rule": "Regla", "setting": "Valor", "meaning": "Significado",
        ],
    ]
}
