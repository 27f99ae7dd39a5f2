import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One relationship of a package part (ECMA-376 Part 2, §9.3): its id, type and target.
struct Relationship: Hashable, Sendable {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool
}

/// Reads a relationships part (`_rels/*.rels`, ECMA-376 Part 2, §9.3.2).
final class RelationshipsDelegate: EventDelegate {
    var relationships: [Relationship] = []

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard XMLSupport.localName(elementName) == "Relationship" else { return }
        guard let id = attributeDict["Id"], let type = attributeDict["Type"], let target = attributeDict["Target"] else {
            return
        }
        relationships.append(Relationship(id: id, type: type, target: target,
                                          isExternal: attributeDict["TargetMode"] == "External"))
    }
}

/// A worksheet as the workbook part lists it (ECMA-376 Part 1, §18.2.19).
struct SheetEntry: Hashable, Sendable {
    var name: String
    var relationshipID: String
    var state: String
}

/// Reads the workbook part (ECMA-376 Part 1, §18.2.27): the sheets in tab order and the
/// date system.
final class WorkbookDelegate: EventDelegate {
    var sheets: [SheetEntry] = []
    var dateSystem = DateSystem.date1900

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLSupport.localName(elementName) {
        case "workbookPr":
            if let flag = attributeDict["date1904"], flag == "1" || flag == "true" { dateSystem = .date1904 }
        case "sheet":
            guard let name = attributeDict["name"], let id = XMLSupport.attribute("id", in: attributeDict) else { return }
            sheets.append(SheetEntry(name: name, relationshipID: id, state: attributeDict["state"] ?? "visible"))
        default:
            break
        }
    }
}

/// Reads the styles part (ECMA-376 Part 1, §18.8.39) for what a reader needs: the number
/// format of each cell format (`cellXfs/xf`), as a ``NumberFormatKind``.
final class StylesDelegate: EventDelegate {
    var formatKinds: [NumberFormatKind] = []
    private var customFormats: [Int: NumberFormatKind] = [:]
    private var inCellFormats = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLSupport.localName(elementName) {
        case "numFmt":
            if let id = attributeDict["numFmtId"].flatMap({ Int($0) }), let code = attributeDict["formatCode"] {
                customFormats[id] = NumberFormatKind.ofCode(code)
            }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats:
            let id = attributeDict["numFmtId"].flatMap { Int($0) } ?? 0
            formatKinds.append(customFormats[id] ?? NumberFormatKind.builtIn(id))
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        if XMLSupport.localName(elementName) == "cellXfs" { inCellFormats = false }
    }
}

/// Resolving part names (ECMA-376 Part 2, §9.1.1 and §9.3.3.2).
enum PartName {
    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        let (folder, file) = split(part)
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    /// The part a relationship of `source` points to: an absolute target (`/xl/…`) from
    /// the package root, a relative one from `source`'s folder, `..` and `.` resolved.
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring] = []
        if !target.hasPrefix("/") {
            components = split(source).folder.split(separator: "/")
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    private static func split(_ part: String) -> (folder: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}
