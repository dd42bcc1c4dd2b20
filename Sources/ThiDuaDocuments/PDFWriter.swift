import Foundation

/// Writes a PDF from its objects' bodies: numbered from 1 (object 1 is the catalog), with the cross-reference table
/// and trailer that readers need. For small generated files: simulated uploads and test samples.
public enum PDFWriter {
    public static func document(_ objects: [String]) -> Data {
        var table = PDFObjectTable()
        for object in objects { _ = table.add(object) }
        return table.serialised(root: 1, info: nil)
    }
}
