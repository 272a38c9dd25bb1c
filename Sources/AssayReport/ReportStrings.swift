import AssayCore
import Foundation

/// The words reports use around a rubric's own text, in the languages Assay ships.
///
/// A language without an entry falls back to English; rubric text itself comes from the rubric's translations.
package struct ReportStrings: LocalizedStrings {
    package let language: String
    package let table: [String: String]

    package init(language: String, table: [String: String]) {
        self.language = language
        self.table = table
    }

    package static let tables: [String: [String: String]] = [
        "en": [
            "overall": "Overall", "score": "Score", "level": "Level", "dimension": "Dimension", "weight": "Weight",
            "no-level": "below the first level", "none": "—", "completeness": "Completeness",
            "answered-of": "%1 of %2 questions answered", "not-applicable": "not applicable", "dont-know": "don't know",
            "unanswered": "unanswered", "blocks": "What blocks the next level", "next-steps": "Top next steps",
            "to-reach": "to reach %1", "at-top": "at the top level", "score-needed": "score must reach %1 (now %2)",
            "gate": "%2 — needs a passing answer (now: %3)", "practice": "%3 — must reach its target (now: %2)",
            "you": "You", "peer-band": "Peers' middle half (Q1–Q3)", "peer-median-quartiles": "Peers: median (Q1–Q3)",
            "critical-means":
                "marks a practice the rubric treats as essential: worth doing whatever its gain in points.",
            "gain": "+%1 overall, +%2 in %3", "critical": "critical", "answers": "Answers", "note": "Note",
            "evidence": "Evidence", "not-answered": "not answered", "not-asked": "not asked",
            "recommendation": "Recommendation", "question": "Question", "answer": "Answer",
            "organisation": "Organisation", "date": "Date", "rubric": "Rubric", "no-blockers": "nothing blocks it",
            "left-unanswered": "Left unanswered", "facilitator": "Facilitator", "peer-median": "Peer median",
            "scores-by-dimension": "Scores by dimension", "model": "Scoring model",
            "languages": "Languages", "weight-of": "weight %1", "na-allowed": "not applicable allowed",
            "conditional": "asked only after some answers", "free-text": "free text", "gate-on": "required: %1",
            "evidence-prompt": "Evidence",
            "time-budget":
                "Time: facilitated core up to %1 min (%2 questions); before the session %3 min (%4 questions)",
            "unestimated": "%1 questions without a time estimate", "minutes": "%1 min",
            "asked-before": "answered before the session", "not-scored": "routing, not scored",
        ],
        "fr": [
            "overall": "Global", "score": "Score", "level": "Niveau", "dimension": "Dimension", "weight": "Poids",
            "no-level": "sous le premier niveau", "none": "—", "completeness": "Complétude",
            "answered-of": "%1 questions sur %2 répondues", "not-applicable": "sans objet", "dont-know": "ne sait pas",
            "unanswered": "sans réponse", "blocks": "Ce qui bloque le niveau suivant",
            "next-steps": "Prochaines étapes prioritaires",
            "to-reach": "pour atteindre %1", "at-top": "au niveau le plus élevé",
            "score-needed": "le score doit atteindre %1 (actuellement %2)",
            "gate": "%2 — exige une réponse suffisante (actuellement : %3)",
            "practice": "%3 — doit atteindre sa cible (actuellement : %2)",
            "you": "Vous", "peer-band": "Moitié centrale des pairs (Q1–Q3)",
            "peer-median-quartiles": "Pairs : médiane (Q1–Q3)",
            "critical-means":
                "signale une pratique que la grille juge essentielle : à faire quel que soit son gain en points.",
            "gain": "+%1 au global, +%2 en %3", "critical": "critique", "answers": "Réponses", "note": "Note",
            "evidence": "Preuves", "not-answered": "sans réponse", "not-asked": "non posée",
            "recommendation": "Recommandation", "question": "Question", "answer": "Réponse",
            "organisation": "Organisation", "date": "Date", "rubric": "Grille", "no-blockers": "rien ne le bloque",
            "left-unanswered": "Restées sans réponse", "facilitator": "Animation", "peer-median": "Médiane des pairs",
            "scores-by-dimension": "Scores par dimension", "model": "Modèle de notation",
            "languages": "Langues", "weight-of": "poids %1", "na-allowed": "« sans objet » permis",
            "conditional": "posée seulement selon des réponses précédentes", "free-text": "texte libre",
            "gate-on": "exigé : %1", "evidence-prompt": "Preuves",
            "time-budget":
                "Durée : cœur animé au plus %1 min (%2 questions) ; avant la séance %3 min (%4 questions)",
            "unestimated": "%1 questions sans durée estimée", "minutes": "%1 min",
            "asked-before": "répondue avant la séance", "not-scored": "aiguillage, non notée",
        ],
        "es": [
            "overall": "General", "score": "Puntuación", "level": "Nivel", "dimension": "Dimensión", "weight": "Peso",
            "no-level": "por debajo del primer nivel", "none": "—", "completeness": "Completitud",
            "answered-of": "%1 de %2 preguntas respondidas", "not-applicable": "no aplica", "dont-know": "no sabe",
            "unanswered": "sin respuesta", "blocks": "Qué impide el siguiente nivel",
            "next-steps": "Próximos pasos prioritarios",
            "to-reach": "para alcanzar %1", "at-top": "en el nivel más alto",
            "score-needed": "la puntuación debe llegar a %1 (ahora %2)",
            "gate": "%2 — necesita una respuesta suficiente (ahora: %3)",
            "practice": "%3 — debe alcanzar su meta (ahora: %2)",
            "you": "Usted", "peer-band": "Mitad central de los pares (Q1–Q3)",
            "peer-median-quartiles": "Pares: mediana (Q1–Q3)",
            "critical-means":
                "señala una práctica que la rúbrica considera esencial: conviene hacerla sea cual sea su ganancia en puntos.",
            "gain": "+%1 en general, +%2 en %3",
            "critical": "crítica", "answers": "Respuestas", "note": "Nota", "evidence": "Evidencia",
            "not-answered": "sin respuesta", "not-asked": "no planteada", "recommendation": "Recomendación",
            "question": "Pregunta", "answer": "Respuesta", "organisation": "Organización", "date": "Fecha",
            "rubric": "Rúbrica", "no-blockers": "nada lo impide", "left-unanswered": "Sin responder",
            "facilitator": "Facilitación", "peer-median": "Mediana de pares",
            "scores-by-dimension": "Puntuaciones por dimensión", "model": "Modelo de puntuación",
            "languages": "Idiomas", "weight-of": "peso %1", "na-allowed": "admite «no aplica»",
            "conditional": "solo según respuestas anteriores", "free-text": "texto libre", "gate-on": "requisito: %1",
            "evidence-prompt": "Evidencia",
            "time-budget":
                "Tiempo: núcleo facilitado hasta %1 min (%2 preguntas); antes de la sesión %3 min (%4 preguntas)",
            "unestimated": "%1 preguntas sin tiempo estimado", "minutes": "%1 min",
            "asked-before": "respondida antes de la sesión", "not-scored": "de enrutamiento, sin puntuación",
        ],
    ]

    /// `value` rounded to `places` decimals, with the language's decimal mark ("46,8" in French); "—" for `nil`.
    package func number(_ value: Double?, places: Int = 1) -> String {
        guard let value else { return "—" }
        let text = value.rounded(places: places).formatted()
        return language == "en" ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// "30 of 33 questions answered, 1 not applicable, 1 don't know, 1 unanswered", in this language.
    ///
    /// The one definition every format uses, JSON's `completeness` included: a question is answered when it has a
    /// value; "not applicable", "don't know" and unanswered are counted apart, and the four add up to the
    /// questions asked.
    package func completeness(_ completeness: Completeness) -> String {
        var parts = [format("answered-of", String(completeness.answered), String(completeness.askable))]
        if completeness.notApplicable > 0 { parts.append("\(completeness.notApplicable) \(self["not-applicable"])") }
        if completeness.dontKnow > 0 { parts.append("\(completeness.dontKnow) \(self["dont-know"])") }
        if completeness.unanswered > 0 { parts.append("\(completeness.unanswered) \(self["unanswered"])") }
        return parts.joined(separator: ", ")
    }

    /// "+2,4 au global, +12,1 en Ressources financières": what a next step would add.
    package func gain(_ step: ScoreReport.NextStep) -> String {
        format("gain", number(step.overallGain), number(step.dimensionGain), step.dimensionTitle)
    }

    /// `text` followed by a colon as `language` writes it: French puts a no-break space before it.
    package static func colon(after text: String, language: String) -> String {
        language == "fr" ? text + "\u{00A0}:" : text + ":"
    }

    /// `template` with `%1`, `%2`, … replaced by `arguments`, in one pass over the template, so an argument that
    /// itself contains "%2" is never substituted again.
    package static func fill(_ template: String, with arguments: [String]) -> String {
        var result = ""
        var characters = template.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            guard let digit = characters.next() else {
                result.append(character)
                break
            }
            if let number = digit.wholeNumberValue, number >= 1, number <= arguments.count {
                result += arguments[number - 1]
            } else {
                result.append(character)
                result.append(digit)
            }
        }
        return result
    }
}
