import Foundation

/// The results of a parallel loop (`DispatchQueue.concurrentPerform`): one slot per
/// iteration, each written by exactly one worker, read in iteration order once the loop has
/// returned — so the result never depends on the number of threads.
public final class ParallelSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    /// `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    public func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The filled slots' values, in slot order.
    public var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
