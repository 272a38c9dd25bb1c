import AssayReport
import Foundation

/// The words the session loop says around the rubric's own text, in the languages Assay ships.
///
/// A language without a table falls back to English, and so does a key missing from a table.
struct SessionStrings: Sendable {
    private let table: [String: String]
    private let language: String

    init(language: String) {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        self.language = base
        self.table = Self.tables[base] ?? Self.tables["en"]!
    }

    subscript(_ key: String) -> String {
        table[key] ?? Self.tables["en"]![key] ?? key
    }

    /// `key`'s text with `%1`, `%2`, … replaced by `arguments`.
    func format(_ key: String, _ arguments: String...) -> String {
        ReportStrings.fill(self[key], with: arguments)
    }

    /// `key`'s text followed by a colon, as the language writes it ("fichier :" in French).
    func label(_ key: String) -> String {
        ReportStrings.colon(after: self[key], language: language)
    }

    /// `text` followed by a colon, as the language writes it ("hr.lead : note" in French).
    func colon(after text: String) -> String {
        ReportStrings.colon(after: text, language: language)
    }

    private static let tables: [String: [String: String]] = [
        "en": [
            "session": "Assay session", "file": "file", "progress": "%1 of %2 · %3",
            "time": "%1 min spent · %2 min left", "time-over": "%1 min spent · %2 min over",
            "time-left": "%1 min left", "time-left-over": "%1 min over",
            "behind": "warning: at this pace the %1 questions left need about %2 min, and %3 min remain",
            "key-answer": "%1 answer", "key-na": "na not applicable", "key-dont-know": "? don't know",
            "key-note": "n note", "key-evidence": "e evidence", "key-back": "b back", "key-jump": "j <id> jump",
            "key-skip": "s skip", "key-help": "h help", "key-score": "r score", "key-quit": "q save & quit",
            "self-reported": "%1 said: %2", "self-reported-none": "%1 gave no answer", "key-confirm": "c confirms",
            "key-keep": "Enter or c keeps it", "key-keep-enter": "Enter keeps it",
            "saved": "saved", "save-failed": "the answers are kept in memory; the next answer tries to save again",
            "quit-failed": "nothing was quit: press q again to quit without saving",
            "quit-saved": "Saved to %1.", "report-hint": "Report: assay report %1 --format html --out report.html",
            "finished": "Every question asked has an answer: %1. Type b, j <id>, r, or q.",
            "empty-enter": "Enter alone does nothing here: type %1 to answer, or h for help",
            "note-added": "note, added after the earlier one",
            "resume-hint": "Carry on later with: assay session resume %1",
            "key-details": "d full text", "yes-no": "yes / no", "more": "Enter: more (lines %1–%2 of %3)",
            "more-last": "lines %1–%2 of %3",
            "question": "question",
            "end-of-input": "End of input.",
            "pasted": "pasted text is not a key press: type n and a space, then paste, to keep it as a note",
            "not-an-option": "\"%1\" is not an answer to this question; type %2", "option-ids": "or one of: %1",
            "not-a-number": "\"%1\" is not a number", "na-not-allowed": "this question cannot be not applicable",
            "unknown-target": "\"%1\" is neither a question nor a dimension",
            "needs-target": "type j and a question or dimension id, such as j %1",
            "not-asked": "\"%1\" is not asked, given the answers so far", "at-first": "this is the first question",
            "no-question": "there is no current question", "no-help": "no help for this question",
            "needs-text": "type the text after %1, such as: %1 %2", "current-answer": "answer", "note": "note",
            "answered-before": "answered before the session, to confirm or change",
            "evidence": "evidence", "rubric-changed": "The rubric changed from %1 to %2 since this session was saved:",
            "added": "new questions: %1", "removed": "questions removed: %1", "dropped": "answers dropped: %1",
            "carried": "answers carried to changed questions, to confirm: %1",
            "invalidated": "answer cleared for %1: %2", "free-text": "free text", "a-number": "a number",
            "score-so-far": "Score so far", "no-score": "no score yet", "interrupted": "Interrupted.",
            "look-for": "Evidence to ask for", "unanswered": "unanswered",
        ],
        "fr": [
            "session": "Séance Assay", "file": "fichier", "progress": "%1 sur %2 · %3",
            "time": "%1 min écoulées · reste %2 min", "time-over": "%1 min écoulées · %2 min de trop",
            "time-left": "reste %1 min", "time-left-over": "%1 min de trop",
            "behind":
                "attention\u{00A0}: à ce rythme, les %1 questions restantes demandent environ %2 min, et il reste %3 min",
            "key-answer": "%1 répondre", "key-na": "na sans objet", "key-dont-know": "? ne sait pas",
            "key-note": "n note", "key-evidence": "e preuve", "key-back": "b retour", "key-jump": "j <id> aller à",
            "key-skip": "s passer", "key-help": "h aide", "key-score": "r score",
            "key-quit": "q enregistrer et quitter",
            "self-reported": "%1 a répondu\u{00A0}: %2", "self-reported-none": "%1 n'a pas répondu",
            "key-confirm": "c confirme",
            "key-keep": "Entrée ou c la garde", "key-keep-enter": "Entrée la garde",
            "saved": "enregistré",
            "save-failed":
                "les réponses sont gardées en mémoire\u{00A0}; la prochaine réponse réessaiera d'enregistrer",
            "quit-failed": "rien n'est quitté\u{00A0}: appuyez de nouveau sur q pour quitter sans enregistrer",
            "quit-saved": "Enregistré dans %1.",
            "report-hint": "Rapport\u{00A0}: assay report %1 --format html --out rapport.html",
            "finished": "Toutes les questions posées ont une réponse\u{00A0}: %1. Tapez b, j <id>, r ou q.",
            "empty-enter": "Entrée seule ne fait rien ici\u{00A0}: tapez %1 pour répondre, ou h pour l'aide",
            "note-added": "note, ajoutée après la précédente",
            "resume-hint": "Pour reprendre plus tard\u{00A0}: assay session resume %1",
            "key-details": "d texte complet", "yes-no": "oui / non",
            "more": "Entrée\u{00A0}: suite (lignes %1 à %2 sur %3)", "more-last": "lignes %1 à %2 sur %3",
            "question": "question",
            "end-of-input": "Fin de l'entrée.",
            "pasted":
                "un texte collé n'est pas une touche\u{00A0}: tapez n et une espace, puis collez, pour le garder en note",
            "not-an-option": "«\u{00A0}%1\u{00A0}» n'est pas une réponse à cette question\u{00A0}; tapez %2",
            "option-ids": "ou l'un de\u{00A0}: %1",
            "not-a-number": "«\u{00A0}%1\u{00A0}» n'est pas un nombre",
            "na-not-allowed": "cette question ne peut pas être sans objet",
            "unknown-target": "«\u{00A0}%1\u{00A0}» n'est ni une question ni une dimension",
            "needs-target": "tapez j et l'id d'une question ou d'une dimension, par exemple j %1",
            "not-asked": "«\u{00A0}%1\u{00A0}» n'est pas posée, vu les réponses données",
            "at-first": "c'est la première question",
            "no-question": "il n'y a pas de question en cours", "no-help": "pas d'aide pour cette question",
            "needs-text": "tapez le texte après %1, par exemple\u{00A0}: %1 %2", "current-answer": "réponse",
            "answered-before": "répondue avant la séance, à confirmer ou à changer",
            "note": "note",
            "evidence": "preuves",
            "rubric-changed": "La grille est passée de %1 à %2 depuis l'enregistrement de cette séance\u{00A0}:",
            "added": "nouvelles questions\u{00A0}: %1", "removed": "questions retirées\u{00A0}: %1",
            "dropped": "réponses retirées\u{00A0}: %1",
            "carried": "réponses reportées sur des questions modifiées, à confirmer\u{00A0}: %1",
            "invalidated": "réponse effacée pour %1\u{00A0}: %2", "free-text": "texte libre", "a-number": "un nombre",
            "score-so-far": "Score à ce stade", "no-score": "pas encore de score", "interrupted": "Interrompu.",
            "look-for": "Preuves à demander", "unanswered": "sans réponse",
        ],
        "es": [
            "session": "Sesión de Assay", "file": "archivo", "progress": "%1 de %2 · %3",
            "time": "%1 min transcurridos · quedan %2 min", "time-over": "%1 min transcurridos · %2 min de más",
            "time-left": "quedan %1 min", "time-left-over": "%1 min de más",
            "behind": "aviso: a este ritmo las %1 preguntas restantes necesitan unos %2 min, y quedan %3 min",
            "key-answer": "%1 responder", "key-na": "na no aplica", "key-dont-know": "? no sabe",
            "key-note": "n nota", "key-evidence": "e evidencia", "key-back": "b atrás", "key-jump": "j <id> ir a",
            "key-skip": "s saltar", "key-help": "h ayuda", "key-score": "r puntuación", "key-quit": "q guardar y salir",
            "self-reported": "%1 respondió: %2", "self-reported-none": "%1 no respondió", "key-confirm": "c confirma",
            "key-keep": "Intro o c la mantiene", "key-keep-enter": "Intro la mantiene",
            "saved": "guardado",
            "save-failed": "las respuestas se mantienen en memoria; la próxima respuesta volverá a intentar guardar",
            "quit-failed": "no se salió: pulse q otra vez para salir sin guardar",
            "quit-saved": "Guardado en %1.", "report-hint": "Informe: assay report %1 --format html --out informe.html",
            "finished": "Todas las preguntas planteadas tienen respuesta: %1. Escriba b, j <id>, r o q.",
            "empty-enter": "Intro sola no hace nada aquí: escriba %1 para responder, o h para ayuda",
            "note-added": "nota, añadida tras la anterior",
            "resume-hint": "Para continuar más tarde: assay session resume %1",
            "key-details": "d texto completo", "yes-no": "sí / no", "more": "Intro: más (líneas %1–%2 de %3)",
            "more-last": "líneas %1–%2 de %3",
            "question": "pregunta",
            "end-of-input": "Fin de la entrada.",
            "pasted":
                "un texto pegado no es una tecla: escriba n y un espacio, y luego pegue, para guardarlo como nota",
            "not-an-option": "\"%1\" no es una respuesta a esta pregunta; escriba %2", "option-ids": "o uno de: %1",
            "not-a-number": "\"%1\" no es un número", "na-not-allowed": "esta pregunta no admite no aplica",
            "unknown-target": "\"%1\" no es ni una pregunta ni una dimensión",
            "needs-target": "escriba j y el id de una pregunta o dimensión, por ejemplo j %1",
            "not-asked": "\"%1\" no se plantea, dadas las respuestas", "at-first": "esta es la primera pregunta",
            "no-question": "no hay pregunta actual", "no-help": "no hay ayuda para esta pregunta",
            "needs-text": "escriba el texto después de %1, por ejemplo: %1 %2", "current-answer": "respuesta",
            "answered-before": "respondida antes de la sesión, por confirmar o cambiar",
            "note": "nota",
            "evidence": "evidencia", "rubric-changed": "La rúbrica pasó de %1 a %2 desde que se guardó esta sesión:",
            "added": "preguntas nuevas: %1", "removed": "preguntas eliminadas: %1",
            "dropped": "respuestas eliminadas: %1",
            "carried": "respuestas trasladadas a preguntas modificadas, por confirmar: %1",
            "invalidated": "respuesta borrada para %1: %2", "free-text": "texto libre", "a-number": "un número",
            "score-so-far": "Puntuación hasta ahora", "no-score": "aún sin puntuación", "interrupted": "Interrumpido.",
            "look-for": "Evidencia a pedir", "unanswered": "sin respuesta",
        ],
    ]
}
