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

/// Runs `body` on the items `0..<count` cut into `blocks` contiguous ranges (at least one,
/// at most one per item; one empty range when `count` is 0), side by side on the cores
/// (`DispatchQueue.concurrentPerform`; on this thread for a single block), and returns the
/// results in block order — so a result joined in that order never depends on the number of
/// threads.
public func parallelBlocks<Value: Sendable>(count: Int, blocks: Int, _ body: @Sendable (Range<Int>) -> Value) -> [Value] {
    let n = max(1, min(blocks, count))
    let bounds = (0...n).map { $0 * count / n }
    if n == 1 { return [body(0..<count)] }
    let slots = ParallelSlots<Value>(count: n)
    DispatchQueue.concurrentPerform(iterations: n) { b in slots.store(body(bounds[b]..<bounds[b + 1]), at: b) }
    return slots.values
}
