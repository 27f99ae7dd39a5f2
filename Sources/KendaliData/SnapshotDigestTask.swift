import Dispatch
import Foundation

/// The content digest of a snapshot file, computed on another thread while the reader
/// parses the same bytes.
///
/// Hashing and parsing each take a good part of a read, and neither needs the other, so a
/// reader that hands the digest to a worker of the global queue waits only for the longer
/// of the two. Whoever claims the work first does it: the worker, or the reader itself
/// when it asks for the digest before any worker has started on it (all workers busy, as
/// when a folder is read in parallel). The reader therefore never waits for a thread that
/// has not started, and the result never depends on the number of threads.
///
/// The bytes are borrowed: the owner must call `result()` or `finish()` before they go
/// away; both return only once no worker uses them any more.
final class SnapshotDigestTask: @unchecked Sendable {
    /// Files smaller than this are hashed in line: a hand-off would cost more than it saves.
    static let minimumBytes = 64 * 1024

    /// Who has the work.
    private enum State {
        /// Nobody yet.
        case pending
        /// A worker is hashing.
        case worker
        /// The owner took the work (it hashes itself, or no longer needs the digest).
        case owner
        /// A worker is done.
        case done(String)
    }

    private let bytes: UnsafeRawBufferPointer
    private let condition = NSCondition()
    private var state = State.pending

    /// Starts hashing `bytes` on a worker thread.
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        DispatchQueue.global().async { [self] in work() }
    }

    /// The worker's part: hash, unless the owner got there first.
    private func work() {
        condition.lock()
        guard case .pending = state else {
            condition.unlock()
            return
        }
        state = .worker
        condition.unlock()
        let value = SnapshotDigest.sha256Hex(bytes)
        condition.lock()
        state = .done(value)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the work if nobody has; otherwise waits for the worker and returns its
    /// digest (`nil` when the owner took the work before).
    private func takeOrWait() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case .pending:
                state = .owner
                return nil
            case .owner:
                return nil
            case .done(let digest):
                return digest
            case .worker:
                condition.wait()
            }
        }
    }

    /// The SHA-256 digest of the bytes (64 lower-case hex digits): the worker's, or
    /// computed here when no worker has started.
    func result() -> String {
        takeOrWait() ?? SnapshotDigest.sha256Hex(bytes)
    }

    /// Returns once no worker uses the bytes, without computing the digest if no worker
    /// has started on it.
    func finish() {
        _ = takeOrWait()
    }
}
