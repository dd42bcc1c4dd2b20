import Foundation

/// The built-in plan (kế hoạch) template, laid out like the 2023 seed plan: purposes and requirements,
/// content (the units' own review, then the bloc's conference: form, time, venue, participants, agenda),
/// duties, and a table of steps and deadlines, followed by the closing sentence, recipients and signature.
enum DocxPlanTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders
        .union(DocxOfficialBlocks.signaturePlaceholders)
        .union([
            "summary", "blocName", "legalBases", "legalBases.text", "legalBases.end", "introduction",
            "purposes", "requirements", "unitReview",
            "conference", "conference.form", "conference.duration", "conference.date", "conference.timeNote",
            "conference.venue", "conference.backdrop",
            "conference.participants", "conference.participants.group", "conference.participants.members",
            "conference.agenda", "conference.agenda.title", "conference.agenda.items",
            "conference.agenda.items.number", "conference.agenda.items.text", "conference.agenda.items.notes",
            "duties", "duties.number", "duties.who", "duties.tasks",
            "steps", "steps.number", "steps.who", "steps.what", "steps.due", "closing",
        ])

    static func document(_ sheet: DocxStyleSheet) -> String {
        let text = sheet.body, bold = DocxStyleSheet.Text(sheet.body.size, bold: true)
        let italic = DocxStyleSheet.Text(sheet.body.size, italic: true)
        let format = DocxParagraphFormat(alignment: .both, firstLine: sheet.firstLineIndent,
                                         after: sheet.paragraphAfter, line: sheet.lineSpacing)
        var keep = format
        keep.keepNext = true
        func body(_ runs: [String]) -> String { ML.paragraph(runs, format, mark: text) }
        func heading(_ title: String) -> String { ML.paragraph([ML.run(title, sheet.heading)], keep, mark: sheet.heading) }
        func labelled(_ label: String, _ value: String) -> String { body([ML.run(label, italic), ML.run(value, text)]) }
        /// A loop over paragraphs: the tag paragraphs vanish, `content` repeats once per item.
        func loop(_ name: String, _ content: String...) -> String {
            ML.tag("{{#\(name)}}", text) + content.joined() + ML.tag("{{/\(name)}}", text)
        }

        var out = DocxOfficialBlocks.header(sheet) + DocxOfficialBlocks.title("KẾ HOẠCH", sheet)
        // Legal bases: upright with "- " (Party) or italic (State), each ending ";" and the last "." (`end`).
        out += loop("legalBases", ML.paragraph([ML.run("\(sheet.legalBasisPrefix){{text}}{{end}}", sheet.legalBasis)],
                                               format, mark: sheet.legalBasis))
        out += body([ML.run("{{introduction}}", text)])

        out += heading("I. MỤC ĐÍCH, YÊU CẦU") + heading("1. Mục đích")
        out += loop("purposes", body([ML.run("- {{.}}", text)]))
        out += heading("2. Yêu cầu") + loop("requirements", body([ML.run("{{.}}", text)]))

        out += heading("II. NỘI DUNG") + heading("1. Tổng kết phong trào thi đua tại các cơ quan, đơn vị")
        out += body([ML.run("{{unitReview}}", text)])
        out += heading("2. Tổng kết {{blocName}}")
        out += labelled("2.1. Hình thức tổng kết: ", "{{conference.form}}")
        out += labelled("2.2. Thời gian: ", "{{conference.duration}}, {{conference.date}}. {{conference.timeNote}}")
        out += labelled("2.3. Địa điểm: ", "{{conference.venue}}")
        out += ML.paragraph([ML.run("2.4. Thành phần", italic)], keep, mark: text)
        out += loop("conference.participants", body([ML.run("- {{group}}: ", text), ML.run("{{members}}", text)]))
        out += ML.paragraph([ML.run("2.5. Nội dung", italic)], keep, mark: text)
        out += loop("conference.agenda",
                    ML.paragraph([ML.run("* {{title}}:", bold)], keep, mark: bold),
                    loop("items", body([ML.run("({{number}}) {{text}}", text)]), loop("notes", body([ML.run("- {{.}}", text)]))))
        out += ML.paragraph([ML.run("{{?conference.backdrop}}", text), ML.run("2.6. Maket hội nghị: ", italic),
                             ML.run("{{conference.backdrop}}{{/conference.backdrop}}", text)], format, mark: text)

        out += heading("III. TỔ CHỨC THỰC HIỆN")
        out += loop("duties", ML.paragraph([ML.run("{{number}}. {{who}}", bold)], keep, mark: bold),
                    loop("tasks", body([ML.run("{{.}}", text)])))

        out += heading("IV. TIẾN ĐỘ THỰC HIỆN") + steps(sheet)
        out += ML.paragraph([], DocxParagraphFormat(after: 0), mark: text)
        out += body([ML.run("{{closing}}", text)])
        out += DocxOfficialBlocks.signature(sheet)
        return DocxPackageParts.document(body: out, style: sheet)
    }

    /// The steps table: a header row repeated on every page, then one row per step (a row loop: the tags
    /// sit in the first and last cells of the same row).
    static func steps(_ sheet: DocxStyleSheet) -> String {
        let width = sheet.textWidth
        let columns = [650, 2350, width - 650 - 2350 - 2200, 2200]
        let header = ["TT", "Đơn vị thực hiện", "Nội dung công việc", "Thời hạn"]
        let centre = DocxParagraphFormat(alignment: .center, before: 40, after: 40)
        let left = DocxParagraphFormat(alignment: .left, before: 40, after: 40)
        func cell(_ index: Int, _ content: String, _ style: DocxStyleSheet.Text, _ format: DocxParagraphFormat) -> String {
            ML.cell(width: columns[index], [ML.paragraph([ML.run(content, style)], format, mark: style)], centred: true)
        }
        let headerRow = ML.row(header.enumerated().map { cell($0.offset, $0.element, sheet.tableHeader, centre) },
                               header: true)
        let stepRow = ML.row([cell(0, "{{#steps}}{{number}}", sheet.tableText, centre),
                              cell(1, "{{who}}", sheet.tableText, left), cell(2, "{{what}}", sheet.tableText, left),
                              cell(3, "{{due}}{{/steps}}", sheet.tableText, left)])
        return ML.table(columns: columns, rows: [headerRow, stepRow], borders: true)
    }
}
