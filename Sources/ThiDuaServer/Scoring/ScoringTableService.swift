import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The cycle's scoring table, versioned: a frozen version is never rewritten.
enum ScoringTableService {
    static func current(cycleID: UUID, on db: Database) async throws -> ScoringTableRecord? {
        try await ScoringTableRecord.query(on: db).filter(\.$cycleID == cycleID).sort(\.$version, .descending).first()
    }

    static func version(_ version: Int, cycleID: UUID, on db: Database) async throws -> ScoringTableRecord? {
        try await ScoringTableRecord.query(on: db).filter(\.$cycleID == cycleID).filter(\.$version == version).first()
    }

    static func decode(_ record: ScoringTableRecord) throws -> ScoringTable {
        try JSONDecoder().decode(ScoringTable.self, from: Data(record.document.utf8))
    }

    static func table(cycleID: UUID, on req: Request) async throws -> (ScoringTableRecord, ScoringTable) {
        guard let record = try await current(cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        return (record, try decode(record))
    }

    static func encode(_ table: ScoringTable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(table), as: UTF8.self)
    }

    /// Validates and stores; a frozen current version gets a successor instead of an edit.
    static func put(cycleID: UUID, _ table: ScoringTable, on req: Request) async throws -> ScoringTableRecord {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        do { try table.validate() } catch {
            throw AppError.validation(error.code ?? "sections", req.t("scoring.invalid_table", ["detail": error.description]))
        }
        if try await AssessmentService.state(cycleID: cycleID, on: req.db)?.lockedAt != nil { throw AppError.conflict(req.t("scoring.locked")) }
        let document = try encode(table)
        let existing = try await current(cycleID: cycleID, on: req.db)
        let actor = req.actorName
        return try await req.audited { db in
            let record: ScoringTableRecord
            if let existing, existing.frozenAt == nil {
                record = existing
            } else {
                record = ScoringTableRecord()
                record.cycleID = cycleID
                record.version = (existing?.version ?? 0) + 1
            }
            record.document = document
            try await record.save(on: db)
            return (record, AuditRecord(actor: actor, action: "put", entity: "scoringTable", entityID: cycleID.uuidString,
                                        before: existing?.document, after: ["version": String(record.version)]))
        }
    }

    /// The shape the XLSX import checks rows against.
    static func shape(_ table: ScoringTable) -> ScoringTableShape {
        var leaves: [String: ScoringTableShape.LeafShape] = [:]
        for leaf in table.leaves { leaves[leaf.code] = .init(max: leaf.maxPoints ?? 0, step: leaf.step) }
        var sections: Set<String> = []
        func walk(_ node: ScoringNode) {
            if !node.isLeaf { sections.insert(node.code); node.children.forEach(walk) }
        }
        table.sections.forEach(walk)
        return ScoringTableShape(leaves: leaves, sections: sections)
    }

    /// Table rows in depth-first order, for the XLSX export; scores filled when given.
    static func rows(_ table: ScoringTable, selfScores: [String: Decimal] = [:], agreed: [String: Decimal] = [:],
                     notes: [String: String] = [:]) -> [ScoringSheetRow] {
        var rows: [ScoringSheetRow] = []
        func walk(_ node: ScoringNode) {
            rows.append(ScoringSheetRow(code: node.code, title: node.title, maxPoints: node.maxPoints,
                                        selfScore: selfScores[node.code], agreedScore: agreed[node.code], note: notes[node.code],
                                        row: rows.count + 2))
            node.children.forEach(walk)
        }
        table.sections.forEach(walk)
        return rows
    }

    /// Builds a table from imported rows: a code's parent is its longest dotted prefix ("I.2.a" → "I.2" → "I").
    static func table(from rows: [ScoringSheetRow], keeping previous: ScoringTable?) -> ScoringTable {
        var nodes: [String: ScoringNode] = [:]
        var order: [String] = []
        for row in rows {
            nodes[row.code] = ScoringNode(code: row.code, title: row.title, guidance: previous?.node(code: row.code)?.guidance, maxPoints: row.maxPoints,
                                          step: previous?.node(code: row.code)?.step, evidenceRequired: previous?.node(code: row.code)?.evidenceRequired ?? false,
                                          children: [])
            order.append(row.code)
        }
        func parent(of code: String) -> String? {
            var parts = code.split(separator: ".").map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                let candidate = parts.joined(separator: ".")
                if nodes[candidate] != nil { return candidate }
            }
            return nil
        }
        func build(_ code: String) -> ScoringNode {
            var node = nodes[code]!
            node.children = order.filter { parent(of: $0) == code }.map(build)
            if !node.children.isEmpty { node.maxPoints = nil; node.step = nil }
            return node
        }
        return ScoringTable(sections: order.filter { parent(of: $0) == nil }.map(build), bonusCap: previous?.bonusCap ?? 10,
                            penaltyItems: previous?.penaltyItems ?? [], isIllustrative: false)
    }

    /// Starts the cycle's table from the previous year's cycle of the same bloc (its latest version).
    static func copyFromPreviousYear(cycleID: UUID, on req: Request) async throws -> ScoringTableRecord {
        let cycle = try await CycleService.find(cycleID, on: req)
        // Asked before looking for last year's table, so a refused user learns nothing about it.
        try req.authorize(.runCycle(cycle))
        guard let previous = try await Cycle.query(on: req.db).filter(\.$bloc.$id == cycle.$bloc.id)
            .filter(\.$year == cycle.year - 1).first(),
              let record = try await current(cycleID: previous.requireID(), on: req.db) else {
            throw AppError.notFound(req.t("scoring.no_previous"))
        }
        return try await put(cycleID: cycleID, decode(record), on: req)
    }
}
