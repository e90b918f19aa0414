#if canImport(Glibc)
import Glibc
import Testing
@testable import TriageEvalProviders

/// The allocator libcurl is given (``CurlSmallBlocks``), called as libcurl calls it. Serialized: the pools are the
/// process's, and reuse is checked slot by slot.
@Suite("libcurl's small blocks", .serialized)
struct CurlSmallBlocksTests {
    @Test("Issue 15: up to 16, 32 and 64 bytes come from the three pools; larger blocks from the heap")
    func sizesGoToTheirPools() throws {
        #expect(CurlSmallBlocks.base != 0)
        // The sizes the leak leaves per request (heaptrack): 32, 21, 6 and 5 bytes.
        let tiny = try #require(CurlSmallBlocks.allocate(6))
        let small = try #require(CurlSmallBlocks.allocate(21))
        let medium = try #require(CurlSmallBlocks.allocate(33))
        let large = try #require(CurlSmallBlocks.allocate(65))
        #expect(CurlSmallBlocks.pool(of: tiny) == 0)
        #expect(CurlSmallBlocks.pool(of: small) == 1)
        #expect(CurlSmallBlocks.pool(of: medium) == 2)
        #expect(CurlSmallBlocks.pool(of: large) == nil)
        // Slots are aligned as malloc's blocks are (16 bytes on x86-64).
        #expect([tiny, small, medium].allSatisfy { Int(bitPattern: $0) % 16 == 0 })
        for pointer in [tiny, small, medium, large] { CurlSmallBlocks.release(pointer) }
    }

    @Test("Issue 15: a freed slot is the next one given out, so leaked blocks pack instead of spreading")
    func freedSlotsAreReused() throws {
        let first = try #require(CurlSmallBlocks.allocate(24))
        let second = try #require(CurlSmallBlocks.allocate(24))
        #expect(first != second)
        CurlSmallBlocks.release(first)
        #expect(CurlSmallBlocks.allocate(30) == first)
        CurlSmallBlocks.release(second)
        CurlSmallBlocks.release(first)
    }

    @Test("Issue 15: realloc keeps a block that still fits and moves one that grows, bytes intact; strdup and calloc as libc's")
    func reallocStrdupCalloc() throws {
        let block = try #require(CurlSmallBlocks.allocate(8))
        block.copyMemory(from: Array("abcdefg\u{0}".utf8), byteCount: 8)
        #expect(CurlSmallBlocks.resize(block, 16) == block)
        let grown = try #require(CurlSmallBlocks.resize(block, 200))
        #expect(grown != block)
        #expect(CurlSmallBlocks.pool(of: grown) == nil)
        #expect(String(cString: grown.assumingMemoryBound(to: CChar.self)) == "abcdefg")
        CurlSmallBlocks.release(grown)
        #expect(CurlSmallBlocks.resize(nil, 10).map { CurlSmallBlocks.pool(of: $0) } == 0)
        // A block that outgrows its slot moves to the next pool, bytes intact.
        let word = try #require(CurlSmallBlocks.allocate(16))
        word.copyMemory(from: Array("0123456789abcde\u{0}".utf8), byteCount: 16)
        let wider = try #require(CurlSmallBlocks.resize(word, 20))
        #expect(CurlSmallBlocks.pool(of: wider) == 1)
        #expect(String(cString: wider.assumingMemoryBound(to: CChar.self)) == "0123456789abcde")
        CurlSmallBlocks.release(wider)

        for text in ["127.0.0.1", String(repeating: "x", count: 63), String(repeating: "y", count: 64)] {
            let copy = try #require(text.withCString { CurlSmallBlocks.duplicate($0) })
            #expect(String(cString: copy) == text)
            // 63 characters and the NUL fit a 64-byte slot; 64 do not.
            #expect((CurlSmallBlocks.pool(of: UnsafeMutableRawPointer(copy)) != nil) == (text.utf8.count < 64))
            CurlSmallBlocks.release(UnsafeMutableRawPointer(copy))
        }

        let dirty = try #require(CurlSmallBlocks.allocate(48))
        dirty.initializeMemory(as: UInt8.self, repeating: 0xAB, count: 48)
        CurlSmallBlocks.release(dirty)
        let zeroed = try #require(CurlSmallBlocks.zeroed(6, 8))
        #expect(zeroed == dirty)
        #expect(UnsafeRawBufferPointer(start: zeroed, count: 48).allSatisfy { $0 == 0 })
        CurlSmallBlocks.release(zeroed)
        #expect(CurlSmallBlocks.zeroed(Int.max, 2) == nil)
    }
}
#endif
