import Foundation
import Vapor

/// A path of the site: routes.swift registers it from `route`, and every link to it comes from `link(_:)`,
/// so each path is written once. `:name` components are parameters, filled in order.
struct WebPath: Sendable {
    let components: [String]

    init(_ components: String...) { self.components = components }
    private init(components: [String]) { self.components = components }

    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    /// `self` followed by more components.
    func appending(_ more: String...) -> WebPath { WebPath(components: components + more) }

    /// The path with its parameters filled in, in order: `SiteURL.Path.ballot.link(id)` is "/ballots/<ID>".
    func link(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let parts = components.map { component in
            guard component.hasPrefix(":") else { return component }
            let value = remaining.next()
            precondition(value != nil, "missing value for \(component) in /\(components.joined(separator: "/"))")
            return value!.description.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// The site's map: every web page and file, and the API resources that pages and DTOs link to.
enum SiteURL {
    enum Path {
        static let home = WebPath()
        static let login = WebPath("login"), logout = WebPath("logout")
        static let publicIndex = WebPath("public"), publicCycle = WebPath("public", "cycles", ":cycleID")
        static let blocs = WebPath("blocs"), bloc = WebPath("blocs", ":blocID"), blocCycles = bloc.appending("cycles")
        static let units = WebPath("units"), users = WebPath("users"), password = WebPath("account", "password")
        static let notifications = WebPath("notifications"), outbox = WebPath("outbox")

        static let cycle = WebPath("cycles", ":cycleID")
        static let cycleMilestones = cycle.appending("milestones"), cycleSetup = cycle.appending("setup")
        static let milestone = WebPath("milestones", ":milestoneID"), milestoneDelete = milestone.appending("delete")
        static let requirements = cycle.appending("requirements"), requirement = WebPath("requirements", ":requirementID")
        static let requirementUpload = requirement.appending("upload")
        static let checklist = cycle.appending("checklist"), dashboard = cycle.appending("dashboard")
        static let statusCSV = cycle.appending("submission-status.csv"), statusXLSX = cycle.appending("submission-status.xlsx")
        static let bundle = cycle.appending("bundle.zip")
        static let submission = WebPath("submissions", ":submissionID"), submissionFile = submission.appending("file")
        static let submissionReview = submission.appending("review")

        static let conference = cycle.appending("conference"), attendance = conference.appending("attendance")
        static let cycleBallots = cycle.appending("ballots"), minutes = cycle.appending("minutes")
        static let ballot = WebPath("ballots", ":ballotID"), vote = ballot.appending("vote")
        static let projector = ballot.appending("projector"), countMinutes = ballot.appending("count-minutes")
        static let ballotDocument = ballot.appending("documents", ":file")
        static let trustee = ballot.appending("trustee"), trusteeState = trustee.appending("state")
        static let trusteeSeat = ballot.appending("trustees", ":number")
        static let trusteeKey = trusteeSeat.appending("key"), trusteeShares = trusteeSeat.appending("shares")
        static let trusteeDecryption = trusteeSeat.appending("decryption")
        static let ballotBoard = WebPath("public", "ballots", ":ballotID"), ballotRecord = ballotBoard.appending("record.json")
        static let boardProposals = WebPath("board", "proposals"), boardProposal = boardProposals.appending(":proposalID")
        static let decisionDraft = WebPath("board", "decision-draft", ":year")
        static let overviewXLSX = WebPath("board", "overview.xlsx"), statistics = WebPath("board", "statistics", ":year")
        static let certificates = WebPath("board", "certificates"), certificatesPDF = certificates.appending("print.pdf")
        static let certificate = certificates.appending("awards", ":awardID")
        static let certificateLayout = certificates.appending("layouts", ":blank")
        static let certificateTestPage = certificateLayout.appending("test.pdf")
        static let council = WebPath("board", "council"), councilSession = council.appending("sessions", ":sessionID")
        static let councilVote = WebPath("council", "ballots", ":ballotID", "vote")
        static let councilMinutes = WebPath("council", "ballots", ":ballotID", "minutes.docx")
        static let history = WebPath("board", "history"), historyXLSX = WebPath("board", "history.xlsx")
        static let historyImport = history.appending("import")

        static let scoring = cycle.appending("scoring"), scoringImport = scoring.appending("import")
        static let scoringState = scoring.appending("state"), ranking = cycle.appending("ranking")
        static let scoringTableXLSX = cycle.appending("scoring-table.xlsx"), rankingXLSX = cycle.appending("ranking.xlsx")
        static let unitOfCycle = cycle.appending("units", ":unitID")
        static let assessment = unitOfCycle.appending("assessment"), assessmentImport = assessment.appending("import")
        static let assessmentEvidence = assessment.appending("evidence")
        static let assessmentXLSX = unitOfCycle.appending("self-assessment.xlsx")
        static let assessmentCSV = unitOfCycle.appending("self-assessment.csv")
        static let evidenceFile = WebPath("evidence", ":evidenceID", "file")

        static let documents = cycle.appending("documents"), document = documents.appending(":file")
        static let generatedDocument = WebPath("documents", ":documentID")
        static let awards = cycle.appending("awards"), decisionScan = WebPath("decisions", ":decisionID", "scan")

        /// API resources that DTOs link to (the API's own routes are listed in docs/openapi.yaml).
        static let apiDocument = WebPath("api", "v1", "documents", ":documentID")
        static let apiCycleDocument = WebPath("api", "v1", "cycles", ":cycleID", "documents", ":file")
        static let apiSubmissionFile = WebPath("api", "v1", "submissions", ":submissionID", "file")
        static let apiDecisionScan = WebPath("api", "v1", "decisions", ":decisionID", "scan")
        static let apiCertificates = WebPath("api", "v1", "certificates"), apiCertificatesPDF = apiCertificates.appending("print.pdf")
        static let apiCertificate = WebPath("api", "v1", "awards", ":awardID", "certificate.pdf")
        static let apiCertificateLayout = apiCertificates.appending("layouts", ":blank")
        static let apiCertificateTestPage = apiCertificateLayout.appending("test.pdf")
        /// A unit's deadline feed; its unguessable file name is the credential.
        static let calendar = WebPath("calendar", ":file")
    }

    static let home = Path.home.link()
    static let blocs = Path.blocs.link()
    static let units = Path.units.link()
    static let users = Path.users.link()
    static let logout = Path.logout.link()
    static let password = Path.password.link()
    static let outbox = Path.outbox.link()

    static func login(next: String? = nil) -> String {
        guard let next = next.flatMap(safeLocalPath), next != Path.login.link() else { return Path.login.link() }
        let encoded = next.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
        return Path.login.link() + "?next=\(encoded)"
    }

    /// `path` when no browser can read it as another origin, else nil. Browsers treat `\` as `/` and drop tabs
    /// and newlines, so `/\evil.example` and `/<TAB>/evil.example` both mean `//evil.example`: a local path is
    /// one slash followed by anything but a slash, with no backslash, whitespace or control character anywhere.
    static func safeLocalPath(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2048 else { return nil }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") { return nil }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        return path
    }

    static func bloc(_ id: UUID) -> String { Path.bloc.link(id) }
    static func blocCycles(_ id: UUID) -> String { Path.blocCycles.link(id) }
    static func cycle(_ id: UUID) -> String { Path.cycle.link(id) }
    static func cycleMilestones(_ id: UUID) -> String { Path.cycleMilestones.link(id) }
    static func requirements(_ cycleID: UUID) -> String { Path.requirements.link(cycleID) }
    static func checklist(_ cycleID: UUID, unit: UUID? = nil) -> String {
        Path.checklist.link(cycleID) + (unit.map { "?unit=\($0.uuidString)" } ?? "")
    }
    static func dashboard(_ cycleID: UUID) -> String { Path.dashboard.link(cycleID) }
    static func submission(_ id: UUID) -> String { Path.submission.link(id) }
    static func submissionFile(_ id: UUID) -> String { Path.submissionFile.link(id) }
    static func requirementUpload(_ id: UUID) -> String { Path.requirementUpload.link(id) }
    static func requirement(_ id: UUID) -> String { Path.requirement.link(id) }
    static func milestone(_ id: UUID) -> String { Path.milestone.link(id) }
    static func milestoneDelete(_ id: UUID) -> String { Path.milestoneDelete.link(id) }
    static func conference(_ cycleID: UUID) -> String { Path.conference.link(cycleID) }
    static func minutes(_ cycleID: UUID) -> String { Path.minutes.link(cycleID) }
    static func ballot(_ id: UUID) -> String { Path.ballot.link(id) }
    static func vote(_ ballotID: UUID) -> String { Path.vote.link(ballotID) }
    static func trustee(_ ballotID: UUID) -> String { Path.trustee.link(ballotID) }
    static func ballotBoard(_ ballotID: UUID) -> String { Path.ballotBoard.link(ballotID) }
    static func ballotRecord(_ ballotID: UUID) -> String { Path.ballotRecord.link(ballotID) }
    static func scoring(_ cycleID: UUID) -> String { Path.scoring.link(cycleID) }
    static func ranking(_ cycleID: UUID) -> String { Path.ranking.link(cycleID) }
    static func assessment(_ cycleID: UUID, unit: UUID) -> String { Path.assessment.link(cycleID, unit) }
    static func awards(_ cycleID: UUID) -> String { Path.awards.link(cycleID) }
    static func publicCycle(_ cycleID: UUID) -> String { Path.publicCycle.link(cycleID) }
}

/// The links every page's layout needs, from the same map (the navigation and the sign-out form).
struct SiteLinks: Encodable {
    var home = SiteURL.Path.home.link(), blocs = SiteURL.blocs, units = SiteURL.units, users = SiteURL.users
    var outbox = SiteURL.outbox, password = SiteURL.password, notifications = SiteURL.Path.notifications.link()
    var login = SiteURL.Path.login.link(), logout = SiteURL.logout, publicIndex = SiteURL.Path.publicIndex.link()
    var boardProposals = SiteURL.Path.boardProposals.link(), overviewXLSX = SiteURL.Path.overviewXLSX.link()
    var council = SiteURL.Path.council.link(), certificates = SiteURL.Path.certificates.link()
    var history = SiteURL.Path.history.link()
}

/// The links of one cycle's pages, from the map, for every view model that shows them.
struct CycleLinks: Encodable {
    var scoring, ranking, rankingXLSX, scoringTableXLSX, scoringImport, scoringState: String
    var awards, documents, planDocx, conference, attendance, statusCSV, statusXLSX, bundle: String

    init(_ cycleID: UUID) {
        typealias P = SiteURL.Path
        scoring = P.scoring.link(cycleID)
        ranking = P.ranking.link(cycleID)
        rankingXLSX = P.rankingXLSX.link(cycleID)
        scoringTableXLSX = P.scoringTableXLSX.link(cycleID)
        scoringImport = P.scoringImport.link(cycleID)
        scoringState = P.scoringState.link(cycleID)
        awards = P.awards.link(cycleID)
        documents = P.documents.link(cycleID)
        planDocx = P.document.link(cycleID, "plan.docx")
        conference = P.conference.link(cycleID)
        attendance = P.attendance.link(cycleID)
        statusCSV = P.statusCSV.link(cycleID)
        statusXLSX = P.statusXLSX.link(cycleID)
        bundle = P.bundle.link(cycleID)
    }
}

/// The links of a ballot round's pages.
struct BallotLinks: Encodable {
    var vote, countMinutes, minutesDocx, projector: String
    var trustee, board: String

    init(_ ballotID: UUID) {
        vote = SiteURL.Path.vote.link(ballotID)
        countMinutes = SiteURL.Path.countMinutes.link(ballotID)
        minutesDocx = SiteURL.Path.ballotDocument.link(ballotID, "minutes.docx")
        projector = SiteURL.Path.projector.link(ballotID)
        trustee = SiteURL.Path.trustee.link(ballotID)
        board = SiteURL.Path.ballotBoard.link(ballotID)
    }
}

/// The links of a unit's self-assessment page.
struct AssessmentLinks: Encodable {
    var importSheet, xlsx, evidence: String

    init(cycleID: UUID, unitID: UUID) {
        importSheet = SiteURL.Path.assessmentImport.link(cycleID, unitID)
        xlsx = SiteURL.Path.assessmentXLSX.link(cycleID, unitID)
        evidence = SiteURL.Path.assessmentEvidence.link(cycleID, unitID)
    }
}

extension Request {
    /// A path made absolute: THIDUA_PUBLIC_URL when set, else the scheme and Host this request came with.
    func absoluteURL(_ path: String) -> String {
        if let base = application.settings.publicURL { return base + path }
        let host = headers.first(name: .host) ?? "localhost"
        let scheme = application.settings.secureCookies ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }
}
