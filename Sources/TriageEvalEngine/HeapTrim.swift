#if canImport(Glibc)
internal import Glibc
#endif

/// Hands freed heap back to the operating system after a phase that allocated much and freed it (a case-set sync,
/// a run's execution): glibc otherwise keeps the peak resident for the rest of the process, and the next phase's
/// memory adds to it. glibc's `malloc_trim` is found at run time (its header is not in Swift's Glibc module); a
/// no-op where the C library has none.
enum HeapTrim {
    static func now() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
