import Leaf
import Vapor

/// `#refill(flashed, value, default, word)`: writes `word` ("checked", "selected") when a refused form sent `value`
/// (`flashed` is `flash.lists.<field>` for ticked boxes, or `flash.values.<field>` for a select), and otherwise
/// when `default` is true. So a refused form comes back with every box and choice as the user left it, and a fresh
/// page with its own defaults.
struct RefillTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        let p = ctx.parameters
        guard p.count == 4 else { throw Abort(.internalServerError, reason: "#refill takes (flashed, value, default, word)") }
        let value = p[1].string ?? ""
        let on: Bool
        if let list = p[0].array {
            on = list.contains { $0.string == value }
        } else if !p[0].isNil, let one = p[0].string {
            on = one == value
        } else {
            on = p[2].bool ?? false
        }
        return .string(on ? (p[3].string ?? "") : "")
    }
}
