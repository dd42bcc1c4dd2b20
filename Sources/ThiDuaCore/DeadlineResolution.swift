import Foundation

extension DeadlineCalendar {
    /// Largest offset accepted in a relative rule: keeps working-day counting bounded.
    public static let maximumOffsetDays = 36_600

    /// Resolve all rules to instants. Every rule's key is in the result.
    ///
    /// Keys are visited in sorted order so that the same rules give the same result, and the
    /// same error, whatever order they arrive in. If a key appears twice, the last rule wins.
    public func resolve(_ rules: [MilestoneRule]) throws(DeadlineError) -> [String: Date] {
        var byKey: [String: DueRule] = [:]
        for rule in rules { byKey[rule.key] = rule.rule }

        var resolved: [String: Date] = [:]
        for start in byKey.keys.sorted() where resolved[start] == nil {
            // Each rule has at most one base, so dependencies form chains: walk the chain
            // down to something already known or absolute, then fill it in on the way back.
            var chain: [String] = []
            var onChain: Set<String> = []
            var current = start
            while resolved[current] == nil {
                if onChain.contains(current) {
                    let loop = Array(chain[chain.firstIndex(of: current)!...])
                    throw .cycle(Self.canonicalCycle(loop))
                }
                chain.append(current)
                onChain.insert(current)
                guard let base = byKey[current]!.base else { break }
                guard byKey[base] != nil else {
                    throw .unknownBase(milestone: current, base: base)
                }
                current = base
            }
            for key in chain.reversed() where resolved[key] == nil {
                resolved[key] = try instant(for: key, byKey[key]!, resolved: resolved)
            }
        }
        return resolved
    }

    /// Keys of milestones that (transitively) depend on `key` — used to tell what a change
    /// moves. Sorted; never contains `key` itself, even when `key` sits on a cycle.
    public static func dependants(of key: String, in rules: [MilestoneRule]) -> [String] {
        var children: [String: Set<String>] = [:]
        for rule in rules {
            if let base = rule.rule.base { children[base, default: []].insert(rule.key) }
        }
        var found: Set<String> = []
        var pending = [key]
        while let next = pending.popLast() {
            for child in children[next] ?? [] where child != key && !found.contains(child) {
                found.insert(child)
                pending.append(child)
            }
        }
        return found.sorted()
    }

    private func instant(
        for key: String, _ rule: DueRule, resolved: [String: Date]
    ) throws(DeadlineError) -> Date {
        switch rule {
        case .instant(let date):
            return date
        case .endOfLocalDay(let day):
            guard day.isValid else { throw .outOfRange(milestone: key) }
            return endOfDay(day)
        case .relative(let base, let offset, let kind):
            guard abs(offset) <= Self.maximumOffsetDays, let baseInstant = resolved[base] else {
                throw .outOfRange(milestone: key)
            }
            let day = adding(offset, kind, to: localDate(of: baseInstant))
            guard day.isValid else { throw .outOfRange(milestone: key) }
            return endOfDay(day)
        }
    }

    /// Rotates a cycle to start at its smallest key, so the report does not depend on
    /// where the walk happened to enter it; the first key is repeated at the end.
    static func canonicalCycle(_ loop: [String]) -> [String] {
        guard let smallest = loop.indices.min(by: { loop[$0] < loop[$1] }) else { return loop }
        let rotated = Array(loop[smallest...] + loop[..<smallest])
        return rotated + [rotated[0]]
    }
}
