/// The words of the form itself, in English, French and Spanish (the bundled rubrics' languages).
///
/// The rubric's own text (prompts, help, options) comes from the rubric; these are the buttons, headings and
/// messages around it. A language not here gets English.
public struct FormStrings: Sendable, Hashable {
    var saveSection: String
    var submit: String
    var submitExplanation: String
    var note: String
    var evidence: String
    var notApplicable: String
    var dontKnow: String
    var notAnswered: String
    var errorHeading: String
    var saved: String
    var savedSome: String
    var submitted: String
    var alreadySubmitted: String
    var staleForm: String
    var scopeBefore: String
    var scopeWhole: String
    var languageNav: String
    var number: String
    var answer: String
    var oneOptionOnly: String
    var notANumber: String
    var invalidLink: String
    var invalidLinkDetail: String

    /// The strings in `language` (English when there are none in it).
    public init(language: String) {
        switch language {
        case "fr":
            saveSection = "Enregistrer"
            submit = "Envoyer mes réponses"
            submitExplanation =
                "Quand vos réponses sont prêtes, envoyez-les : elles ne pourront plus être modifiées, et votre animateur les reprendra avec vous lors de la séance."
            note = "Note (facultative)"
            evidence = "Pièces justificatives, une par ligne (facultatif)"
            notApplicable = "Sans objet"
            dontKnow = "Je ne sais pas"
            notAnswered = "Pas encore répondu"
            errorHeading = "Certaines réponses n’ont pas été enregistrées"
            saved = "Vos réponses sont enregistrées. Vous pouvez revenir par le même lien pour les compléter."
            savedSome = "Les autres réponses sont enregistrées."
            submitted =
                "Vos réponses ont été envoyées. Elles ne peuvent plus être modifiées ; votre animateur les reprendra avec vous."
            alreadySubmitted = "Ces réponses ont déjà été envoyées : rien n’a été modifié."
            staleForm =
                "Rien n’a été enregistré : le jeton de sécurité de cette page n’est plus valide. Vos saisies sont ci-dessous ; appuyez de nouveau sur Enregistrer."
            scopeBefore =
                "Ces questions sont à remplir avant votre séance ; les autres seront posées pendant la séance."
            scopeWhole = "Cette grille ne distingue pas de questions préalables : toutes les questions sont ici."
            languageNav = "Langue"
            number = "Nombre"
            answer = "Réponse"
            oneOptionOnly = "choisissez une seule réponse"
            notANumber = "« %@ » n’est pas un nombre ; écrivez par exemple 12 ou 3,5"
            invalidLink = "Ce lien n’est pas valide"
            invalidLinkDetail = "Il a peut-être expiré. Demandez un nouveau lien à votre animateur."
        case "es":
            saveSection = "Guardar"
            submit = "Enviar mis respuestas"
            submitExplanation =
                "Cuando sus respuestas estén listas, envíelas: ya no podrán modificarse, y su facilitador las revisará con usted en la sesión."
            note = "Nota (opcional)"
            evidence = "Evidencias, una por línea (opcional)"
            notApplicable = "No aplica"
            dontKnow = "No lo sé"
            notAnswered = "Sin responder"
            errorHeading = "Algunas respuestas no se guardaron"
            saved = "Sus respuestas están guardadas. Puede volver con el mismo enlace para completarlas."
            savedSome = "Las demás respuestas están guardadas."
            submitted =
                "Sus respuestas fueron enviadas. Ya no pueden modificarse; su facilitador las revisará con usted."
            alreadySubmitted = "Estas respuestas ya fueron enviadas: no se modificó nada."
            staleForm =
                "No se guardó nada: el código de seguridad de esta página ya no es válido. Sus datos están abajo; pulse Guardar de nuevo."
            scopeBefore = "Estas preguntas se responden antes de la sesión; las demás se harán durante la sesión."
            scopeWhole = "Esta rúbrica no marca preguntas previas: todas las preguntas están aquí."
            languageNav = "Idioma"
            number = "Número"
            answer = "Respuesta"
            oneOptionOnly = "elija una sola respuesta"
            notANumber = "«%@» no es un número; escriba por ejemplo 12 o 3,5"
            invalidLink = "Este enlace no es válido"
            invalidLinkDetail = "Puede haber caducado. Pida un enlace nuevo a su facilitador."
        default:
            saveSection = "Save"
            submit = "Submit my answers"
            submitExplanation =
                "When your answers are ready, submit them: they can no longer be changed, and your facilitator will go through them with you in the session."
            note = "Note (optional)"
            evidence = "Evidence, one item a line (optional)"
            notApplicable = "Not applicable"
            dontKnow = "Don’t know"
            notAnswered = "Not answered yet"
            errorHeading = "Some answers were not saved"
            saved = "Your answers are saved. Come back through the same link to finish them."
            savedSome = "The other answers are saved."
            submitted =
                "Your answers have been submitted. They can no longer be changed; your facilitator will go through them with you."
            alreadySubmitted = "These answers were already submitted: nothing was changed."
            staleForm =
                "Nothing was saved: this page’s security token is no longer valid. What you entered is below; press Save again."
            scopeBefore = "These questions are for before your session; the others will be asked in the session."
            scopeWhole = "This rubric marks no questions for before the session: every question is here."
            languageNav = "Language"
            number = "Number"
            answer = "Answer"
            oneOptionOnly = "choose one answer only"
            notANumber = "“%@” is not a number; write one such as 12 or 3.5"
            invalidLink = "This link is not valid"
            invalidLinkDetail = "It may have expired. Ask your facilitator for a new link."
        }
    }

    func message(for problem: FormEntryProblem) -> String {
        switch problem {
        case .oneOptionOnly: oneOptionOnly
        case .notANumber(let text): notANumber.replacingOccurrences(of: "%@", with: text)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
