/// The delimiters and line ends (LF, CR) of a buffer, found 64 bytes at a time and handed
/// out in order: a bit mask per block, so that finding the end of the next field is a
/// bit scan rather than a byte loop.
///
/// Quotes are not stops: a reader that meets a quoted field skips it by hand and `seek`s
/// past it. The index is a cache of facts about immutable bytes, so it may be reused from
/// one record to the next and moved anywhere with `seek`.
public struct CSVStopIndex {
    /// Offset of the block's first byte.
    @usableFromInline var base = 0
    /// One bit per stop in `floor..<base + 64` not yet handed out, bit 0 for `base`.
    @usableFromInline var mask: UInt64 = 0
    /// The first offset whose stops are all still in `mask`.
    @usableFromInline var floor = 0
    /// False until the first `seek`.
    @usableFromInline var started = false
    /// The delimiter.
    public let delimiter: UInt8

    /// An index of the stops for `delimiter`.
    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Makes `position` the next offset from which stops are handed out. Moving forward
    /// within the current block only drops bits; anything else starts a new block.
    @inlinable @inline(__always)
    public mutating func seek(_ bytes: UnsafeRawBufferPointer, to position: Int) {
        let offset = position &- base
        if started, position >= floor, offset < 64 {
            mask &= ~((UInt64(1) << UInt64(offset)) &- 1)
            floor = position
        } else {
            restart(bytes, at: position)
        }
    }

    /// Starts a block at `position`.
    @usableFromInline @inline(never)
    mutating func restart(_ bytes: UnsafeRawBufferPointer, at position: Int) {
        started = true
        base = position
        floor = position
        mask = block(bytes, at: position)
    }

    /// Offset of the next stop (consumed), or `bytes.count` when there is none.
    @inlinable @inline(__always)
    public mutating func next(_ bytes: UnsafeRawBufferPointer) -> Int {
        if mask == 0, !refill(bytes) { return bytes.count }
        let stop = base + mask.trailingZeroBitCount
        mask &= mask &- 1
        floor = stop + 1
        return stop
    }

    /// Moves to the next block holding a stop; false at the end of the buffer.
    @usableFromInline @inline(never)
    mutating func refill(_ bytes: UnsafeRawBufferPointer) -> Bool {
        while mask == 0 {
            base += 64
            floor = base
            if base >= bytes.count {
                base = bytes.count
                floor = base
                return false
            }
            mask = block(bytes, at: base)
        }
        return true
    }

    /// The stops of `start..<start + 64` (clipped to the buffer) as a bit mask.
    private func block(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt64 {
        let n = bytes.count
        guard start >= 0, start < n, let base = bytes.baseAddress else { return 0 }
        if start + 64 <= n {
            let bits = CSVBlockBits(base + start, delimiter: delimiter)
            return bits.delimiters | bits.lineEnds
        }
        var bits: UInt64 = 0
        for k in 0..<(n - start) {
            let c = bytes[start + k]
            if c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr {
                bits |= UInt64(1) << UInt64(k)
            }
        }
        return bits
    }
}

