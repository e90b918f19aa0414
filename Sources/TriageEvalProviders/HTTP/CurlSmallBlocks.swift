#if canImport(Glibc)
internal import Glibc
internal import Synchronization

/// Keeps libcurl's small blocks (up to 64 bytes) apart from the process heap, so the few it never frees do not pin
/// the heap's pages.
///
/// URLSession on Linux (swift-corelibs-foundation) checks every request's host with libcurl's URL parser and frees
/// the parser's handle with `curl_free` instead of `curl_url_cleanup` (`CFURLSessionCurlHostIsEqual`), so each
/// request leaves four blocks behind: 32, 21, 6 and 5 bytes (heaptrack, 100,000 requests).
/// Scattered through the heap among everything else each request allocates and frees, they keep about 12 MB of freed
/// heap pages resident after 100,000 requests (`malloc_trim` can only return a page with nothing live on it).
///
/// ``install()`` gives libcurl its own allocator through `curl_global_init_mem`, libcurl's documented way to replace its
/// memory functions, called before any URLSession initialises libcurl: blocks of up to 16, 32 and 64 bytes come from
/// three pools of fixed-size slots in one reserved mapping, reused through free lists; every larger block, and any
/// block once a pool is exhausted, comes from `malloc`. The leaked blocks then fill slots side by side (96 bytes a
/// request: 9.6 MB at 100,000) instead of pinning pages everywhere.
///
/// No library offers this (it is a workaround for that one leak), so it is written here; it is small and only libcurl
/// calls it.
public enum CurlSmallBlocks {
    /// Slot sizes: a block goes to the first pool whose slots hold it.
    static let slotSizes = [16, 32, 64]
    /// Bytes reserved (not committed: a page costs memory only once written) per pool.
    static let poolBytes = 1 << 29

    /// The pools' mapping, reserved on first use (0 when it could not be).
    static let base: Int = {
        let mapped = mmap(nil, poolBytes * slotSizes.count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { return 0 }
        return Int(bitPattern: mapped)
    }()

    /// Addresses as integers (0: none), so the lock holds only plain values.
    private struct Pools {
        var used = [0, 0, 0]
        /// Each pool's first free slot; a free slot holds the address of the next.
        var free = [0, 0, 0]
    }

    private static let pools = Mutex(Pools())

    /// Installs the allocator for every libcurl handle of the process. Call once, first thing, before anything
    /// uses URLSession (libcurl takes the first memory functions it is given). Returns whether libcurl took them.
    @discardableResult
    public static func install() -> Bool {
        guard base != 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "curl_global_init_mem") else { return false }
        typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
        typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
        typealias Realloc = @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer?
        typealias Strdup = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
        typealias Calloc = @convention(c) (Int, Int) -> UnsafeMutableRawPointer?
        typealias InitMem = @convention(c) (Int, Malloc, Free, Realloc, Strdup, Calloc) -> Int32
        // CURL_GLOBAL_ALL, as FoundationNetworking's own `curl_global_init` would initialise it.
        let status = unsafeBitCast(symbol, to: InitMem.self)(3, curlMalloc, curlFree, curlRealloc, curlStrdup, curlCalloc)
        return status == 0
    }

    /// The pool holding `pointer`, if one does.
    static func pool(of pointer: UnsafeMutableRawPointer) -> Int? {
        let offset = Int(bitPattern: pointer) - base
        guard base != 0, offset >= 0, offset < poolBytes * slotSizes.count else { return nil }
        return offset / poolBytes
    }

    /// `malloc`: a slot for up to 64 bytes while one is left, else the heap.
    static func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        if size > 0, base != 0, let pool = slotSizes.firstIndex(where: { size <= $0 }) {
            let slot = pools.withLock { pools -> Int in
                let reused = pools.free[pool]
                if reused != 0 {
                    pools.free[pool] = UnsafeRawPointer(bitPattern: reused)!.load(as: Int.self)
                    return reused
                }
                guard pools.used[pool] + slotSizes[pool] <= poolBytes else { return 0 }
                defer { pools.used[pool] += slotSizes[pool] }
                return base + pool * poolBytes + pools.used[pool]
            }
            if let pointer = UnsafeMutableRawPointer(bitPattern: slot) { return pointer }
        }
        return malloc(size)
    }

    /// `free`: a slot goes back to its pool's free list, anything else to the heap.
    static func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        guard let pool = pool(of: pointer) else { return free(pointer) }
        let address = Int(bitPattern: pointer)
        pools.withLock { pools in
            UnsafeMutableRawPointer(bitPattern: address)!.storeBytes(of: pools.free[pool], as: Int.self)
            pools.free[pool] = address
        }
    }

    /// `realloc`: a slot that still holds `size` bytes stays; otherwise the bytes move to a new block.
    static func resize(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        guard let pool = pool(of: pointer) else { return realloc(pointer, size) }
        guard size > 0 else {
            release(pointer)
            return nil
        }
        if size <= slotSizes[pool] { return pointer }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: min(slotSizes[pool], size))
        release(pointer)
        return moved
    }

    /// `strdup`.
    static func duplicate(_ string: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
        guard let string else { return nil }
        let size = strlen(string) + 1
        guard let copy = allocate(size) else { return nil }
        copy.copyMemory(from: string, byteCount: size)
        return copy.assumingMemoryBound(to: CChar.self)
    }

    /// `calloc`.
    static func zeroed(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, total > 0, total <= slotSizes.last ?? 0 else { return calloc(count, size) }
        guard let block = allocate(total) else { return nil }
        block.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        return block
    }
}
// libcurl's memory functions (C function pointers cannot be formed from static members).
private func curlMalloc(_ size: Int) -> UnsafeMutableRawPointer? { CurlSmallBlocks.allocate(size) }
private func curlFree(_ pointer: UnsafeMutableRawPointer?) { CurlSmallBlocks.release(pointer) }
private func curlRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? { CurlSmallBlocks.resize(pointer, size) }
private func curlStrdup(_ string: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? { CurlSmallBlocks.duplicate(string) }
private func curlCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? { CurlSmallBlocks.zeroed(count, size) }
#else
/// libcurl's allocator is replaced only where glibc's heap is the one it would fragment.
public enum CurlSmallBlocks {
    @discardableResult
    public static func install() -> Bool { false }
}
#endif
