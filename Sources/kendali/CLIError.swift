import ArgumentParser

/// A command's failure as the user sees it: a message and an exit status.
///
/// Commands throw it; ArgumentParser prints ``prefix`` and the message on standard error
/// (the root command's `_errorPrefix` is ``prefix``), and the tool exits with ``exitCode``.
/// A message may hold several lines, for instance every problem of a refused file.
struct CLIError: Error, CustomStringConvertible {
    /// What every error line starts with, also for the messages of ArgumentParser's own checks.
    static let prefix = "error: "

    /// What went wrong, without ``prefix``; several lines when it lists problems.
    var message: String
    /// The exit status: 1 (`EXIT_FAILURE`) for a failure, 64 (`EX_USAGE`) for a command line
    /// that cannot be understood.
    var exitCode: ExitCode

    /// An error with `message`, exiting with `exitCode` (1 unless given).
    init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The message, printed after ``prefix``.
    var description: String { message }

    /// Writes the error on standard error without ending the command, for a command that
    /// goes on with its other inputs and fails at the end (`ingest` with several files).
    func report() {
        writeToStandardError(Self.prefix + message)
    }
}
