import Foundation

/// The XML parts of a written workbook.
extension WorkbookWriter {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// Cell format indices in ``styles``.
    enum Style: Int {
        case plain = 0, bold = 1, date = 2, dateTime = 3
    }

    /// The content types of the package (ECMA-376 Part 2, §10.1.2).
    static func contentTypes(sheetCount: Int) -> [UInt8] {
        let prefix = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        var xml = XMLText()
        xml.raw(declaration)
        xml.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        xml.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        xml.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        xml.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(prefix)sheet.main+xml\"/>")
        xml.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"\(prefix)styles+xml\"/>")
        xml.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(prefix)sharedStrings+xml\"/>")
        for index in 1...sheetCount {
            xml.raw("<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"\(prefix)worksheet+xml\"/>")
        }
        xml.raw("</Types>")
        return xml.bytes
    }

    /// The package relationships: the workbook is the office document.
    static let packageRelationships = declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipType)officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    /// The workbook part (ECMA-376 Part 1, §18.2.27): the sheets in order.
    static func workbook(_ names: [String]) -> [UInt8] {
        var xml = XMLText()
        xml.raw(declaration)
        xml.raw("<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">")
        xml.raw("<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>")
        for (index, name) in names.enumerated() {
            xml.raw("<sheet name=\"")
            xml.escaped(name)
            xml.raw("\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>")
        }
        xml.raw("</sheets></workbook>")
        return xml.bytes
    }

    /// The workbook's relationships: sheets `rId1…rIdN`, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var xml = XMLText()
        xml.raw(declaration)
        xml.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for index in 1...sheetCount {
            xml.raw("<Relationship Id=\"rId\(index)\" Type=\"\(relationshipType)worksheet\" "
                + "Target=\"worksheets/sheet\(index).xml\"/>")
        }
        xml.raw("<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipType)styles\" Target=\"styles.xml\"/>")
        xml.raw("<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipType)sharedStrings\" "
            + "Target=\"sharedStrings.xml\"/>")
        xml.raw("</Relationships>")
        return xml.bytes
    }

    /// The styles part (ECMA-376 Part 1, §18.8.39): cell formats plain, bold, date
    /// (`yyyy-mm-dd`, custom format 164) and date-time (`yyyy-mm-dd hh:mm:ss`, 165).
    static let styles = declaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// One worksheet part (ECMA-376 Part 1, §18.3.1.99), its elements in the schema's
    /// order: dimension, sheet views (the frozen pane, §18.3.1.66), columns, data.
    static func worksheet(_ table: SpreadsheetTable, selected: Bool, strings: inout SharedStringTable,
                          fileName: String) throws -> [UInt8] {
        let headerCount = table.headerRows.count
        let rowCount = headerCount + table.rows.count
        let columnCount = max(table.headerRows.map(\.count).max() ?? 0, table.rows.map(\.count).max() ?? 0)
        let location = SpreadsheetLocation(file: fileName, sheet: table.name)
        guard rowCount <= CellReference.maximumRow else {
            throw SpreadsheetError(.tooManyRows(limit: CellReference.maximumRow), at: location)
        }
        guard columnCount <= CellReference.maximumColumn else {
            throw SpreadsheetError(.tooManyColumns(limit: CellReference.maximumColumn), at: location)
        }
        var xml = XMLText()
        xml.raw(declaration)
        xml.raw("<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">")
        if rowCount > 0, columnCount > 0 {
            xml.raw("<dimension ref=\"A1:\(CellReference(column: columnCount, row: rowCount))\"/>")
        }
        xml.raw("<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")")
        if table.freezesHeader, headerCount > 0, headerCount < CellReference.maximumRow {
            let first = "A\(headerCount + 1)"
            xml.raw("><pane ySplit=\"\(headerCount)\" topLeftCell=\"\(first)\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            xml.raw("<selection pane=\"bottomLeft\" activeCell=\"\(first)\" sqref=\"\(first)\"/></sheetView>")
        } else {
            xml.raw("/>")
        }
        xml.raw("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if columnCount > 0 {
            xml.raw("<cols>")
            for column in 1...columnCount {
                let given = column <= table.columnWidths.count ? table.columnWidths[column - 1] : nil
                let width = given.map { min(max($0, 0), 255) } ?? estimatedWidth(table, column: column)
                xml.raw("<col min=\"\(column)\" max=\"\(column)\" width=\"\(CellValue.decimalText(width))\" customWidth=\"1\"/>")
            }
            xml.raw("</cols>")
        }
        xml.raw("<sheetData>")
        let headerStyle: Style = table.boldHeader ? .bold : .plain
        for (index, header) in table.headerRows.enumerated() {
            try writeRow(header.map { CellValue.string($0) }, number: index + 1, style: headerStyle,
                         into: &xml, strings: &strings, location: location)
        }
        for (index, row) in table.rows.enumerated() {
            try writeRow(row, number: headerCount + index + 1, style: .plain, into: &xml, strings: &strings,
                         location: location)
        }
        xml.raw("</sheetData>")
        xml.raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        xml.raw("</worksheet>")
        return xml.bytes
    }

    /// One `row` with its non-empty cells.
    private static func writeRow(_ values: [CellValue], number: Int, style: Style, into xml: inout XMLText,
                                 strings: inout SharedStringTable, location: SpreadsheetLocation) throws {
        guard values.contains(where: { !$0.isEmpty }) else { return }
        xml.raw("<row r=\"\(number)\">")
        for (index, value) in values.enumerated() where !value.isEmpty {
            let reference = CellReference(column: index + 1, row: number)
            let styleAttribute = style == .plain ? "" : " s=\"\(style.rawValue)\""
            switch value {
            case .empty:
                break
            case .string(let text):
                guard text.utf16.count <= maximumCellText else {
                    var at = location
                    at.cell = reference
                    throw SpreadsheetError(.invalidCell("text longer than \(maximumCellText) characters"), at: at)
                }
                xml.raw("<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.index(of: text))</v></c>")
            case .number(let number):
                if number.isFinite {
                    xml.raw("<c r=\"\(reference)\"\(styleAttribute)><v>\(CellValue.decimalText(number))</v></c>")
                } else {
                    xml.raw("<c r=\"\(reference)\"\(styleAttribute) t=\"e\"><v>#NUM!</v></c>")
                }
            case .boolean(let flag):
                xml.raw("<c r=\"\(reference)\"\(styleAttribute) t=\"b\"><v>\(flag ? 1 : 0)</v></c>")
            case .date(let date):
                if let serial = DateSystem.date1900.serial(of: date) {
                    let dateStyle: Style = date.isMidnight ? .date : .dateTime
                    xml.raw("<c r=\"\(reference)\" s=\"\(dateStyle.rawValue)\"><v>\(CellValue.decimalText(serial))</v></c>")
                } else {
                    xml.raw("<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.index(of: date.description))</v></c>")
                }
            case .error(let text):
                xml.raw("<c r=\"\(reference)\"\(styleAttribute) t=\"e\"><v>")
                xml.escaped(text)
                xml.raw("</v></c>")
            }
        }
        xml.raw("</row>")
    }

    /// A column's width from its longest text (header or value), 8 to 60 characters.
    private static func estimatedWidth(_ table: SpreadsheetTable, column: Int) -> Double {
        var longest = 0
        func measure(_ text: String) { longest = max(longest, text.count) }
        for header in table.headerRows where column <= header.count { measure(header[column - 1]) }
        for row in table.rows.prefix(1000) where column <= row.count {
            let value = row[column - 1]
            switch value {
            case .date(let date): measure(date.isMidnight ? "2026-11-27" : "2026-11-27 08:30:00")
            default: measure(value.text)
            }
        }
        return Double(min(max(longest + 2, 8), 60))
    }
}
