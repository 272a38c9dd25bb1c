import AssayCore
import Foundation

/// What one question's fields hold, as the form shows them: from a stored answer, or as the person typed them.
public struct FormEntry: Sendable, Hashable {
    /// The option ids ticked (`na` and `unknown` among them).
    public var chosen: Set<String> = []
    /// The number or text typed.
    public var typed: String = ""
    /// The note.
    public var note: String = ""
    /// The evidence, one item a line.
    public var evidence: String = ""

    /// An empty entry.
    public init() {}

    /// The fields that show `answer`.
    public init(_ answer: Answer, question: FormQuestion) {
        switch answer.value {
        case nil: break
        case .notApplicable: chosen = ["na"]
        case .dontKnow: chosen = ["unknown"]
        case .flag(let flag): chosen = [flag ? "yes" : "no"]
        case .choices(let ids): chosen = Set(ids)
        case .number(let number):
            switch question.kind {
            case .oneOption, .options:
                // A scale option given by its value: show it as the option it names.
                chosen = [Self.numberText(number)]
            case .number, .text: typed = Self.numberText(number)
            }
        case .text(let text):
            switch question.kind {
            case .oneOption, .options: chosen = [text]
            case .number, .text: typed = text
            }
        }
        note = answer.note ?? ""
        evidence = answer.evidence.joined(separator: "\n")
    }

    /// The fields of `question` in a posted form.
    public init(_ fields: FormFields, question: FormQuestion) {
        let id = question.id
        switch question.kind {
        case .oneOption, .options:
            chosen = Set(fields.values(FormEntry.answerField(id)).filter { !$0.isEmpty })
        case .number, .text:
            typed = fields.first(FormEntry.answerField(id)) ?? ""
            if let special = fields.first(FormEntry.specialField(id)), !special.isEmpty { chosen = [special] }
        }
        note = fields.first(FormEntry.noteField(id)) ?? ""
        evidence = fields.first(FormEntry.evidenceField(id)) ?? ""
    }

    /// The answer these fields give; `nil` when they give none. Throws a message for the person when they cannot
    /// be read at all (a number that is not one); what the rubric accepts is checked afterwards, by the library.
    func answer(to question: FormQuestion) throws(FormEntryProblem) -> Answer? {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let evidence = evidence.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let value: AnswerValue?
        if chosen == ["na"] {
            value = .notApplicable
        } else if chosen == ["unknown"] {
            value = .dontKnow
        } else {
            switch question.kind {
            case .oneOption:
                guard chosen.count <= 1 else { throw .oneOptionOnly }
                if let id = chosen.first {
                    value = question.isYesNo && (id == "yes" || id == "no") ? .flag(id == "yes") : .text(id)
                } else {
                    value = nil
                }
            case .options:
                value =
                    chosen.isEmpty
                    ? nil
                    : .choices(
                        question.options.map(\.id).filter(chosen.contains)
                            + chosen.filter { id in !question.options.contains { $0.id == id } }.sorted())
            case .number:
                let text = typed.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    value = nil
                } else if let number = Double(text.replacingOccurrences(of: ",", with: ".")), number.isFinite {
                    value = .number(number)
                } else {
                    throw .notANumber(text)
                }
            case .text:
                let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
                value = text.isEmpty ? nil : .text(text)
            }
        }
        if value == nil && note.isEmpty && evidence.isEmpty { return nil }
        return Answer(value, note: note.isEmpty ? nil : note, evidence: evidence)
    }

    static func answerField(_ id: String) -> String { "answer." + id }
    static func specialField(_ id: String) -> String { "special." + id }
    static func noteField(_ id: String) -> String { "note." + id }
    static func evidenceField(_ id: String) -> String { "evidence." + id }

    private static func numberText(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

/// Fields that cannot be read as an answer at all.
enum FormEntryProblem: Error, Sendable, Hashable {
    case notANumber(String)
    case oneOptionOnly
}
