/// The delimiters, and the line ends and quotes, of a window of consecutive 64-byte
/// blocks as two bit masks per block, computed as a reader moving forward asks for them.
///
/// The reader's plain lane finds a row's fields from these masks alone: its line end is
/// the first bit of the second mask (unless that byte is a quote), its field ends the bits
/// of the first mask before it. The window holds at most `capacity` blocks, so that its
/// memory is small and stays in cache whatever the size of the file.
public struct CSVMaskWindow {
    /// Most blocks held at once.
    public static let capacity = 256
    /// The bytes.
    public let bytes: UnsafeRawBufferPointer
    /// `,` or `;`.
    public let delimiter: UInt8
    /// Number of 64-byte blocks of the bytes (the last one may be partial).
    public let blockCount: Int
    /// Two masks per block held: the delimiters, then the line ends and quotes. Owned:
    /// `deallocate()` frees them.
    @usableFromInline let masks: UnsafeMutablePointer<UInt64>
    /// The blocks held: `first..<end`.
    @usableFromInline var first = 0
    @usableFromInline var end = 0

    /// An empty window over `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        blockCount = (bytes.count + 63) / 64
        masks = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * Self.capacity)
    }

    /// The delimiters, and the line ends and quotes, of block `b` (`0..<blockCount`).
    @inlinable @inline(__always)
    public mutating func masks(ofBlock b: Int) -> (delimiters: UInt64, lineEndsAndQuotes: UInt64) {
        if b < first || b >= end { fill(from: b) }
        let k = 2 &* (b &- first)
        return (masks[k], masks[k &+ 1])
    }

    /// Makes the window hold the blocks from `b` on.
    @usableFromInline @inline(never)
    mutating func fill(from b: Int) {
        first = b
        end = max(b, min(b + Self.capacity, blockCount))
        var k = 0
        for block in first..<end {
            let bits = CSVBlockBits(bytes, block: block, delimiter: delimiter)
            masks[k] = bits.delimiters
            masks[k + 1] = bits.lineEnds | bits.quotes
            k += 2
        }
    }

    /// Frees the masks.
    public func deallocate() {
        masks.deallocate()
    }
}
