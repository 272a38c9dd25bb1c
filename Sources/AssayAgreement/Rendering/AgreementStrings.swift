import AssayReport

/// The words the agreement report and the reconcile screen say around the rubric's own text, in the languages
/// Assay ships; the lookup is ``LocalizedStrings``', as for the session console's and the reports' words.
///
/// A language without a table falls back to English, and so does a key missing from a table.
struct AgreementStrings: LocalizedStrings {
    /// The language's base code: `fr` for `fr-CA`.
    let language: String
    let table: [String: String]

    init(language: String, table: [String: String]) {
        self.language = language
        self.table = table
    }

    static let tables: [String: [String: String]] = [
        "en": [
            "heading": "Agreement of %1 views — %2 %3", "view": "View %1", "scores": "Scores", "overall": "Overall",
            "changes": "What the differences change", "no-change": "no level and no gate differs",
            "agreement-kappa-alpha": "Agreement (κ for two views, α for any number)", "agreement": "Agreement",
            "questions": "questions", "agree": "agree", "scope": "scope",
            "worklist": "Disagreements, the one that moves a score most first",
            "worklist-none": "none: every view gives the same answers",
            "every-question-key": "Every question (= agree, ≠ disagree, · no answer in any view)",
            "every-question": "Every question", "question": "question", "no-level": "below the first level",
            "not-applicable": "not applicable", "dont-know": "don't know", "unanswered": "unanswered",
            "not-asked": "not asked", "none-chosen": "none chosen", "undefined": "undefined",
            "row-every": "every answer (nominal)", "row-ordinal": "scale (ordinal)",
            "row-nominal": "yes/no and choice (nominal)", "row-interval": "numeric (interval)",
            "missing-exclude":
                "\"Not applicable\" and \"don't know\" are left out of κ and α (--missing exclude); unanswered and not-asked questions always are. Any difference in them still counts as a disagreement.",
            "missing-category":
                "\"Not applicable\" and \"don't know\" count as categories of their own in the nominal κ and α (--missing as-category), and are left out of the scale and numeric ones; unanswered and not-asked questions are always left out. Any difference in them still counts as a disagreement.",
            "level-in": "%1 in %2", "level-crossed": "%1: %2 — a level crossed",
            "gate-passes": "The gate of %1 on %2 passes in %3 only: %4",
            "move": "%1 taking %2's answer: %3 overall (%4 in %5)", "move-level": ", overall level becomes %1",
            "move-dimension-level": ", %1 becomes %2", "self-beside-confirmed": "Self-reported beside confirmed",
            "every-answer": "Every answer", "confirmed": "Confirmed",
            "no_pairable_values": "undefined: no question has answers from two views to compare",
            "no_variation": "undefined: every answer compared is the same, so agreement cannot be told from chance",
            // The reconcile screen.
            "disagreement": "Disagreement %1 of %2", "to-settle": "%1 to settle", "note": "note",
            "settled-as": "settled as", "rationale": "rationale", "new-answer": "new answer",
            "keys-take": "%1 take that view's answer · = <answer> a new one (either + rationale) · n <text> rationale",
            "keys-other": "s skip · b back · h help · q save & quit", "key-details": "d full text",
            "one-or-two": "1 or 2",
            "rationale-saved": "rationale saved", "all-settled": "Every disagreement is settled.",
            "saved-to": "Saved to %1.", "report-hint": "Report: assay report %1 --format html --out report.html",
            "resume-hint": "Carry on later with: %1",
            "save-failed": "%1; the choices are kept in memory and the next one tries again",
            "give-answer": "give the new answer after =, such as = 3",
            "give-rationale": "give the rationale after n, such as n the 2026 budget has the line",
            "not-one-of": "\"%1\" is not one of: %2", "not-a-number": "\"%1\" is not a number",
            "na-not-allowed": "this question does not allow \"not applicable\"", "no-question": "no question %1",
            "not-asked-now": "%1 is not asked with the answers settled so far",
            "at-first": "this is the first disagreement", "finished": "every disagreement is settled",
            "help":
                "  1-%1       take that view's answer; text after the number is the rationale (2 the line is voted)\n  = ANSWER  a new answer: an option's number or id, na, ? (don't know), a number or text\n  na, ?     a new answer of \"not applicable\" or \"don't know\", as in a session\n  n TEXT    add to the rationale of this disagreement (saved at once)\n  s         skip for now; b back to the one before; q save and quit (Ctrl-C too)",
        ],
        "fr": [
            "heading": "Concordance de %1 points de vue — %2 %3", "view": "Point de vue %1", "scores": "Scores",
            "overall": "Global", "changes": "Ce que changent les écarts",
            "no-change": "aucun niveau ni seuil ne diffère",
            "agreement-kappa-alpha": "Concordance (κ pour deux points de vue, α pour tout nombre)",
            "agreement": "Concordance", "questions": "questions", "agree": "accord", "scope": "portée",
            "worklist": "Désaccords, celui qui déplace le plus un score en premier",
            "worklist-none": "aucun : tous les points de vue donnent les mêmes réponses",
            "every-question-key": "Toutes les questions (= accord, ≠ désaccord, · aucune réponse)",
            "every-question": "Toutes les questions", "question": "question", "no-level": "sous le premier niveau",
            "not-applicable": "sans objet", "dont-know": "ne sait pas", "unanswered": "sans réponse",
            "not-asked": "non posée", "none-chosen": "aucun choix", "undefined": "non défini",
            "row-every": "toutes les réponses (nominal)", "row-ordinal": "échelle (ordinal)",
            "row-nominal": "oui/non et choix (nominal)", "row-interval": "numérique (intervalle)",
            "missing-exclude":
                "« Sans objet » et « ne sait pas » sont exclus de κ et α (--missing exclude) ; les questions sans réponse ou non posées le sont toujours. Tout écart sur elles compte quand même comme un désaccord.",
            "missing-category":
                "« Sans objet » et « ne sait pas » comptent comme des catégories à part dans les κ et α nominaux (--missing as-category), et sont exclus des coefficients d'échelle et numériques ; les questions sans réponse ou non posées sont toujours exclues. Tout écart sur elles compte quand même comme un désaccord.",
            "level-in": "%1 selon %2", "level-crossed": "%1 : %2 — un niveau franchi",
            "gate-passes": "Le seuil de %1 sur %2 n'est atteint que selon %3 : %4",
            "move": "%1 en prenant la réponse de %2 : %3 au global (%4 en %5)",
            "move-level": ", le niveau global devient %1", "move-dimension-level": ", %1 devient %2",
            "self-beside-confirmed": "Autoévaluation à côté de la version confirmée",
            "every-answer": "Toutes les réponses", "confirmed": "Confirmé",
            "no_pairable_values": "non défini : aucune question n'a de réponses de deux points de vue à comparer",
            "no_variation":
                "non défini : toutes les réponses comparées sont identiques, l'accord ne peut donc pas être distingué du hasard",
            "disagreement": "Désaccord %1 sur %2", "to-settle": "%1 à régler", "note": "note",
            "settled-as": "réglé ainsi", "rationale": "justification", "new-answer": "nouvelle réponse",
            "keys-take":
                "%1 prend la réponse de ce point de vue · = <réponse> une nouvelle (+ justification) · n <texte> justification",
            "keys-other": "s passer · b retour · h aide · q enregistrer et quitter", "key-details": "d texte complet",
            "one-or-two": "1 ou 2",
            "rationale-saved": "justification enregistrée", "all-settled": "Tous les désaccords sont réglés.",
            "saved-to": "Enregistré dans %1.",
            "report-hint": "Rapport : assay report %1 --format html --out report.html",
            "resume-hint": "Pour reprendre plus tard : %1",
            "save-failed": "%1 ; les choix sont gardés en mémoire et le prochain réessaie",
            "give-answer": "donnez la nouvelle réponse après =, par exemple = 3",
            "give-rationale": "donnez la justification après n, par exemple n le budget 2026 prévoit la ligne",
            "not-one-of": "« %1 » n'est pas parmi : %2", "not-a-number": "« %1 » n'est pas un nombre",
            "na-not-allowed": "cette question n'admet pas « sans objet »", "no-question": "aucune question %1",
            "not-asked-now": "%1 n'est pas posée avec les réponses réglées jusqu'ici",
            "at-first": "c'est le premier désaccord", "finished": "tous les désaccords sont réglés",
            "help":
                "  1-%1       prend la réponse de ce point de vue ; le texte après le numéro est la justification (2 la ligne est votée)\n  = RÉPONSE une nouvelle réponse : numéro ou identifiant d'option, na, ? (ne sait pas), un nombre ou un texte\n  na, ?     une nouvelle réponse « sans objet » ou « ne sait pas », comme en séance\n  n TEXTE   ajoute à la justification de ce désaccord (enregistré aussitôt)\n  s         passer pour l'instant ; b retour au précédent ; q enregistrer et quitter (Ctrl-C aussi)",
        ],
        "es": [
            "heading": "Concordancia de %1 puntos de vista — %2 %3", "view": "Punto de vista %1",
            "scores": "Puntuaciones", "overall": "General", "changes": "Qué cambian las diferencias",
            "no-change": "ningún nivel ni umbral difiere",
            "agreement-kappa-alpha": "Concordancia (κ para dos puntos de vista, α para cualquier número)",
            "agreement": "Concordancia", "questions": "preguntas", "agree": "acuerdo", "scope": "ámbito",
            "worklist": "Desacuerdos, primero el que más mueve una puntuación",
            "worklist-none": "ninguno: todos los puntos de vista dan las mismas respuestas",
            "every-question-key": "Todas las preguntas (= acuerdo, ≠ desacuerdo, · sin respuesta)",
            "every-question": "Todas las preguntas", "question": "pregunta", "no-level": "por debajo del primer nivel",
            "not-applicable": "no aplica", "dont-know": "no sabe", "unanswered": "sin respuesta",
            "not-asked": "no planteada", "none-chosen": "ninguna elegida", "undefined": "no definido",
            "row-every": "todas las respuestas (nominal)", "row-ordinal": "escala (ordinal)",
            "row-nominal": "sí/no y elección (nominal)", "row-interval": "numérica (intervalo)",
            "missing-exclude":
                "«No aplica» y «no sabe» quedan fuera de κ y α (--missing exclude); las preguntas sin respuesta o no planteadas siempre quedan fuera. Cualquier diferencia en ellas cuenta igualmente como desacuerdo.",
            "missing-category":
                "«No aplica» y «no sabe» cuentan como categorías propias en los κ y α nominales (--missing as-category) y quedan fuera de los de escala y numéricos; las preguntas sin respuesta o no planteadas siempre quedan fuera. Cualquier diferencia en ellas cuenta igualmente como desacuerdo.",
            "level-in": "%1 según %2", "level-crossed": "%1: %2 — se cruza un nivel",
            "gate-passes": "El umbral de %1 en %2 solo se cumple según %3: %4",
            "move": "%1 tomando la respuesta de %2: %3 en general (%4 en %5)",
            "move-level": ", el nivel general pasa a %1", "move-dimension-level": ", %1 pasa a %2",
            "self-beside-confirmed": "Autoevaluación junto a la versión confirmada",
            "every-answer": "Todas las respuestas", "confirmed": "Confirmado",
            "no_pairable_values": "no definido: ninguna pregunta tiene respuestas de dos puntos de vista para comparar",
            "no_variation":
                "no definido: todas las respuestas comparadas son iguales, así que el acuerdo no se distingue del azar",
            "disagreement": "Desacuerdo %1 de %2", "to-settle": "%1 por resolver", "note": "nota",
            "settled-as": "resuelto como", "rationale": "justificación", "new-answer": "nueva respuesta",
            "keys-take":
                "%1 toma la respuesta de ese punto de vista · = <respuesta> una nueva (+ justificación) · n <texto> justificación",
            "keys-other": "s saltar · b atrás · h ayuda · q guardar y salir", "key-details": "d texto completo",
            "one-or-two": "1 o 2",
            "rationale-saved": "justificación guardada", "all-settled": "Todos los desacuerdos están resueltos.",
            "saved-to": "Guardado en %1.", "report-hint": "Informe: assay report %1 --format html --out report.html",
            "resume-hint": "Para seguir más tarde: %1",
            "save-failed": "%1; las elecciones se guardan en memoria y la próxima lo vuelve a intentar",
            "give-answer": "escriba la nueva respuesta después de =, por ejemplo = 3",
            "give-rationale":
                "escriba la justificación después de n, por ejemplo n el presupuesto 2026 tiene la partida",
            "not-one-of": "«%1» no es una de: %2", "not-a-number": "«%1» no es un número",
            "na-not-allowed": "esta pregunta no admite «no aplica»", "no-question": "no hay pregunta %1",
            "not-asked-now": "%1 no se plantea con las respuestas resueltas hasta ahora",
            "at-first": "este es el primer desacuerdo", "finished": "todos los desacuerdos están resueltos",
            "help":
                "  1-%1       toma la respuesta de ese punto de vista; el texto tras el número es la justificación (2 la partida está votada)\n  = RESPUESTA una nueva respuesta: número o id de opción, na, ? (no sabe), un número o un texto\n  na, ?     una nueva respuesta «no aplica» o «no sabe», como en una sesión\n  n TEXTO   añade a la justificación de este desacuerdo (se guarda enseguida)\n  s         saltar por ahora; b volver al anterior; q guardar y salir (también Ctrl-C)",
        ],
    ]
}
