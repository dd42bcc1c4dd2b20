import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The conference page: time and place, participants, agenda with outcomes, attendance, ballots.
struct ConferencePage: Encodable {
    var heading: String
    var cycleURL: String
    var cycleLinks: CycleLinks
    var exists: Bool
    var whenText: String?
    var venue: String
    var formLabel: String?
    var participants: [ParticipantGroupDTO]
    var parts: [Part]
    /// Chair, secretary, counting committee: who the minutes will name; an empty `people` is not recorded yet.
    var officers: [OfficerLine]
    var attendance: AttendanceDTO
    var ballots: [BallotRow]
    var canManage: Bool
    var setup: Setup
    var minutesURL: String
    var ballotsURL: String
    var kinds: [RequirementsController.Option]

    struct OfficerLine: Encodable {
        var role: String
        var people: String
    }

    struct Part: Encodable {
        var title: String
        var items: [AgendaItemDTO]
    }

    struct BallotRow: Encodable {
        var title: String
        var round: Int
        var statusLabel: String
        var url: String
    }

    /// The set-up form's current values; participants and agenda as editable lines.
    struct Setup: Encodable {
        var url: String
        var date: String
        var start: String
        var end: String
        var venue: String
        var online: Bool
        var participants: String
        var agenda: String
        var chairName: String
        var chairPosition: String
        var secretaryName: String
        var secretaryPosition: String
        var countingCommittee: String
    }

    static func build(_ cycle: Cycle, on req: Request) async throws -> ConferencePage {
        let cycleID = try cycle.requireID()
        let conference = try await ConferenceService.find(cycleID: cycleID, on: req.db)
        let dto = try await conference.asyncMap { try await ConferenceService.dto($0, on: req.db) }
        let agenda = dto?.agenda ?? []
        var parts: [Part] = []
        for item in agenda {
            if parts.last?.title == item.part { parts[parts.count - 1].items.append(item) } else { parts.append(Part(title: item.part, items: [item])) }
        }
        let ballots = try await BallotService.ballots(of: cycleID, on: req.db).map {
            BallotRow(title: $0.title, round: $0.round, statusLabel: req.t($0.status.labelKey), url: SiteURL.ballot($0.id!))
        }
        let calendar = DeadlineCalendar(holidays: [])
        let start = conference?.startsAt
        let officers = conference?.officers ?? .none
        let setup = Setup(
            url: SiteURL.conference(cycleID), date: start.map { calendar.localDate(of: $0).iso } ?? "",
            start: start.map { VietnameseDate.hourMinute($0) } ?? "08:00",
            end: conference?.endsAt.map { VietnameseDate.hourMinute($0) } ?? "",
            venue: conference?.venue ?? "", online: conference?.form == .online,
            participants: (dto?.participants ?? []).map { "\($0.name): \($0.members)" }.joined(separator: "\n"),
            agenda: agenda.map { item -> String in
                let target: String = item.ballotKind.map { "ballot:\($0.rawValue)" } ?? item.link?.rawValue ?? ""
                return [item.part, String(item.number), item.text, target].joined(separator: " | ")
            }.joined(separator: "\n"),
            chairName: officers.chair?.name ?? "", chairPosition: officers.chair?.position ?? "",
            secretaryName: officers.secretary?.name ?? "", secretaryPosition: officers.secretary?.position ?? "",
            countingCommittee: officers.countingCommittee.map { $0.position.isEmpty ? $0.name : "\($0.name) | \($0.position)" }
                .joined(separator: "\n"))
        return ConferencePage(
            heading: req.t("conference_heading", ["year": String(cycle.year)]), cycleURL: SiteURL.cycle(cycleID), cycleLinks: CycleLinks(cycleID),
            exists: conference != nil,
            whenText: conference.map { c in
                VietnameseDate.long(c.startsAt) + (c.endsAt.map { " – " + VietnameseDate.hourMinute($0) } ?? "")
            },
            venue: conference?.venue ?? "", formLabel: conference.map { req.t("conference_form_\($0.form)") },
            participants: dto?.participants ?? [], parts: parts,
            officers: [(req.t("conference_role_chair"), officers.chair.map { [$0] } ?? []),
                       (req.t("conference_role_secretary"), officers.secretary.map { [$0] } ?? []),
                       (req.t("conference_counting_committee"), officers.countingCommittee)]
                .map { OfficerLine(role: $0.0, people: $0.1.map { $0.position.isEmpty ? $0.name : "\($0.name) (\($0.position))" }
                    .joined(separator: "; ")) },
            attendance: try await ConferenceService.attendance(cycle: cycle, on: req.db), ballots: ballots,
            canManage: Policy.allows(try req.user(), .runCycle(cycle)), setup: setup,
            minutesURL: SiteURL.minutes(cycleID), ballotsURL: SiteURL.Path.cycleBallots.link(cycleID),
            kinds: BallotKind.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey)) })
    }

    /// "Phần I | 1 | text | ballot:flag" lines back into agenda items; "Group: people" lines into participant groups.
    /// An unknown link or ballot kind is refused as the API refuses it (400), naming the line's field.
    static func parse(agenda: String, participants: String, on req: Request) throws -> ([AgendaItemDTO], [ParticipantGroupDTO]) {
        var items: [AgendaItemDTO] = []
        for line in agenda.split(whereSeparator: \.isNewline) {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let number = Int(cells[1]) else { continue }
            let target = cells.count > 3 ? cells[3] : ""
            var link: AgendaLink?, kind: BallotKind?
            if target.hasPrefix("ballot:") {
                link = .ballot
                kind = try Validate.choice(String(target.dropFirst(7)), "agenda[\(items.count)].ballotKind", on: req)
            } else if !target.isEmpty {
                link = try Validate.choice(target, "agenda[\(items.count)].link", on: req)
            }
            items.append(AgendaItemDTO(part: cells[0], number: number, text: cells[2], link: link, ballotKind: kind, outcome: nil))
        }
        let groups = participants.split(whereSeparator: \.isNewline).compactMap { line -> ParticipantGroupDTO? in
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = pair.first, !name.isEmpty else { return nil }
            return ParticipantGroupDTO(name: name, members: pair.count > 1 ? pair[1] : "")
        }
        return (items, groups)
    }
}
