import Foundation
import ThiDuaCore

/// Turns `PlanData` into the value the plan template is filled with (see `BuiltInTemplate.plan`).
public enum PlanDocument {
    public static func value(_ plan: PlanData) -> DocxValue {
        .object([
            "issuer": .object(["parent": .text(DocxHeaderLines.broken(plan.issuerParent)), "name": .text(DocxHeaderLines.broken(plan.issuerName))]),
            "number": .text(plan.number),
            "place": .text(plan.place),
            "date": .text(dateInWords(plan.date)),
            "summary": .text(plan.summary),
            "blocName": .text(plan.blocName),
            "legalBases": punctuated(plan.legalBases),
            "introduction": .text(plan.introduction),
            "purposes": .list(plan.purposes.map(DocxValue.text)),
            "requirements": .list(plan.requirements.map(DocxValue.text)),
            "unitReview": .text(plan.unitReview),
            "conference": .object([
                "form": .text(plan.conference.form),
                "duration": .text(plan.conference.duration),
                "date": .text(plan.conference.date),
                "timeNote": .text(plan.conference.timeNote),
                "venue": .text(plan.conference.venue),
                "backdrop": .text(plan.conference.backdrop),
                "participants": .list(plan.conference.participants.map {
                    .object(["group": .text($0.group), "members": .text($0.members)])
                }),
                "agenda": .list(plan.conference.agenda.map { part in
                    .object(["title": .text(part.title), "items": .list(part.items.map { item in
                        .object(["number": .text(item.number), "text": .text(item.text),
                                 "notes": .list(item.notes.map(DocxValue.text))])
                    })])
                }),
            ]),
            "duties": .list(plan.duties.enumerated().map { index, duty in
                .object(["number": .text("\(index + 1)"), "who": .text(duty.who),
                         "tasks": .list(duty.tasks.map(DocxValue.text))])
            }),
            "steps": .list(plan.steps.map {
                .object(["number": .text($0.number), "who": .text($0.who), "what": .text($0.what), "due": .text($0.due)])
            }),
            "closing": .text(plan.closing),
            "signer": .object(["prefix": .text(plan.signer.prefix), "position": .text(plan.signer.position),
                               "name": .text(plan.signer.name)]),
            "recipients": punctuated(plan.recipients),
        ])
    }

    /// List items as `{text, end}`: every item ends with ";" and the last with "." (both house styles).
    static func punctuated(_ items: [String]) -> DocxValue {
        .list(items.enumerated().map { index, item in
            let trimmed = item.trimmingCharacters(in: CharacterSet(charactersIn: " ;.,"))
            return .object(["text": .text(trimmed), "end": .text(index == items.count - 1 ? "." : ";")])
        })
    }

    /// "ngày 28 tháng 11 năm 2023", "ngày 03 tháng 4 năm 2018": the house styles' wording, which `VietnameseDate.day` follows.
    static func dateInWords(_ date: LocalDate) -> String { VietnameseDate.day(date) }
}
