import Foundation

extension PDFObjects {
    /// Pages of the document: the /Count of the page tree the catalog points to, checked against the tree
    /// itself when it looks implausible; failing a catalog, the root /Pages node or the /Page objects.
    func pageCount() -> Int? {
        if let root, let catalog = resolve(.ref(root))?.dict, let pages = resolve(catalog["Pages"])?.dict {
            // A page needs at least one object, so a larger /Count is a damaged or hostile file.
            if let count = resolve(pages["Count"])?.int, count >= 0, count <= objects.count { return count }
            var visited = Set<Int>()
            if let count = leaves(of: pages, visited: &visited, depth: 0) { return count }
        }
        let treeRoots = objects.values
            .filter { $0.value.dict?["Type"]?.name == "Pages" && $0.value.dict?["Parent"] == nil }
            .sorted { $0.position < $1.position }
        if let newest = treeRoots.last?.value.dict, let count = resolve(newest["Count"])?.int,
           count >= 0, count <= objects.count {
            return count
        }
        let pages = objects.values.filter { $0.value.dict?["Type"]?.name == "Page" }.count
        return pages > 0 ? pages : nil
    }

    /// Counts leaf pages under a /Pages node; nil on a cycle or a tree deeper than any real document's.
    private func leaves(of node: [String: PDFValue], visited: inout Set<Int>, depth: Int) -> Int? {
        guard depth < 64, case .array(let kids)? = resolve(node["Kids"]) else { return nil }
        var total = 0
        for kid in kids {
            guard case .ref(let number) = kid, visited.insert(number).inserted,
                  let child = resolve(kid)?.dict else { return nil }
            if child["Type"]?.name == "Pages" || child["Kids"] != nil {
                guard let count = leaves(of: child, visited: &visited, depth: depth + 1) else { return nil }
                total += count
            } else {
                total += 1
            }
        }
        return total
    }
}
