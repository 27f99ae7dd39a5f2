import ArgumentParser

/// The output formats every command offers: a table for people, CSV and JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json
}
