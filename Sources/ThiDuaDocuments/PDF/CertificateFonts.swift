import Foundation

/// Finds the certificate font on the machine: Times New Roman where it is installed (a Windows font folder copied
/// over, or Debian's ttf-mscorefonts), else Liberation Serif, which has Times New Roman's metrics, so a calibrated
/// position holds with either.
public enum CertificateFonts {
    public enum Problem: Error, Equatable {
        /// No regular face of either family in any folder searched; the folders are listed for the message.
        case notFound([String])
    }

    /// The usual folders, after the one the operator names (`THIDUA_FONT_DIR`).
    public static func folders(configured: String?) -> [String] {
        [configured].compactMap { $0 } + [
            "/usr/share/fonts/truetype/msttcorefonts", "/usr/share/fonts/truetype/liberation2",
            "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation-serif", "/usr/share/fonts/liberation",
            "/Library/Fonts", "/System/Library/Fonts/Supplemental",
        ]
    }

    /// The file names of each face, Times New Roman's first.
    static let names: [PDFPage.Style: [String]] = [
        .regular: ["times.ttf", "Times_New_Roman.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"],
        .bold: ["timesbd.ttf", "Times_New_Roman_Bold.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf"],
        .italic: ["timesi.ttf", "Times_New_Roman_Italic.ttf", "Times New Roman Italic.ttf", "LiberationSerif-Italic.ttf"],
        .boldItalic: ["timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf", "Times New Roman Bold Italic.ttf", "LiberationSerif-BoldItalic.ttf"],
    ]

    /// The four faces from the first folder that has a regular one; the faces are read once per call.
    public static func load(folders: [String]) throws -> PDFFonts {
        let manager = FileManager.default
        for folder in folders {
            func face(_ style: PDFPage.Style) -> TrueTypeFont? {
                for name in names[style]! {
                    let path = (folder as NSString).appendingPathComponent(name)
                    if manager.fileExists(atPath: path), let data = manager.contents(atPath: path), let font = try? TrueTypeFont(data: data) {
                        return font
                    }
                }
                return nil
            }
            guard let regular = face(.regular) else { continue }
            return PDFFonts(regular: regular, bold: face(.bold), italic: face(.italic), boldItalic: face(.boldItalic))
        }
        throw Problem.notFound(folders)
    }
}
