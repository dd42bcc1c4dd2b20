import Foundation

/// Who holds the key of a sealed round (docs/sealed-ballot.md), as the rule set names them.
public enum TrusteeSeat: String, Codable, Sendable, CaseIterable {
    /// A staff member of the provincial board, named when the round is created.
    case boardObserver
    /// The bloc's head unit.
    case headUnit
    /// A member unit drawn by lot at the conference, neither head nor deputy.
    case memberByLot
}

/// The trustees of every sealed round under a rule set, and how many of them decrypt the totals.
public struct BallotTrustees: Codable, Equatable, Sendable {
    public var seats: [TrusteeSeat]
    public var threshold: Int

    public init(seats: [TrusteeSeat], threshold: Int) {
        self.seats = seats
        self.threshold = threshold
    }

    /// Three trustees, any two of whom count: the board's observer, the head unit and a member drawn by lot. The
    /// secretariat (head and deputy) holds one seat, never two, because the head unit is often a candidate.
    public static let standard = BallotTrustees(seats: [.boardObserver, .headUnit, .memberByLot], threshold: 2)

    /// Why these trustees could let one party count alone, or lose the count; nil when they are sound.
    public var problem: String? {
        guard (2...7).contains(seats.count) else { return "số người giữ khóa phải từ 2 đến 7" }
        guard (2...seats.count).contains(threshold) else { return "số người giữ khóa cần để kiểm phiếu phải từ 2 đến số người giữ khóa" }
        guard seats.filter({ $0 == .headUnit }).count <= 1, seats.filter({ $0 == .boardObserver }).count <= 1 else {
            return "đơn vị trưởng khối và cán bộ Ban Thi đua – Khen thưởng chỉ giữ một khóa mỗi bên"
        }
        return nil
    }
}
