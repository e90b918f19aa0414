#if canImport(Glibc)
internal import Glibc
#endif

/// How the process's heap gives memory back to the operating system (glibc; a no-op where the C library has none).
/// glibc's `malloc_trim` and `mallopt` are found at run time: their header is not in Swift's Glibc module.
public enum Heap {
    /// Hands freed heap back after a phase that allocated much and freed it (a case-set sync, a run's execution):
    /// glibc otherwise keeps the peak resident for the rest of the process, and the next phase's memory adds to it.
    static func trim() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Sets glibc's allocator for a process that holds big arrays for a while and frees them: call once, first thing,
    /// before other threads start.
    /// - Blocks of 128 KiB or more (a big run's arrays of results, cases and report text) each get their own mapping,
    ///   returned to the system when freed. By default glibc raises that threshold to the largest block freed so far,
    ///   so after the first big array is freed the next ones come from the heap and stay resident: 18 MB of a
    ///   100,000-result report's peak.
    /// - At most two arenas: by default glibc makes up to eight per core as threads contend, and the concurrency
    ///   runtime's worker threads spread a run's short-lived allocations over all of them, each keeping its own free
    ///   pages (measured at 20,000 HTTP evaluations: 4–8 MB less, the same throughput).
    public static func configure() {
        #if canImport(Glibc)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Option.self)
        _ = mallopt(-3, 128 * 1024) // M_MMAP_THRESHOLD in <malloc.h>
        _ = mallopt(-8, 2) // M_ARENA_MAX
        #endif
    }
}
