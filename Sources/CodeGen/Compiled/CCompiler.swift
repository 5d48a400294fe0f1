#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Running the system C compiler and loading what it builds, with POSIX calls only
// (posix_spawn, waitpid, dlopen), so the library needs no Foundation.

/// Where compiled tapes are cached, and with which compiler they are built.
///
///     CompileOptions().cacheDirectory   // "$XDG_CACHE_HOME/jacobi/tapes" or "~/.cache/jacobi/tapes"
public struct CompileOptions: Sendable {
    /// The compiler command: `$CC` when set, else `cc` (searched on PATH).
    public var compiler: String
    /// The cache directory: `$JACOBI_CACHE_DIR`, else `$XDG_CACHE_HOME/jacobi/tapes`, else
    /// `$HOME/.cache/jacobi/tapes`, else `/tmp/jacobi-<uid>/tapes`. Created when missing;
    /// deleting it is always safe (entries are rebuilt on demand).
    public var cacheDirectory: String
    /// Called once per `compiled()` call that falls back to the interpreter, with the
    /// reason; the default writes one line to standard error, once per process.
    public var onFallback: @Sendable (String) -> Void
    /// Also compile H·v for this many directions in one sweep (`hvp(at:directions:into:)`,
    /// e.g. 3 for the colours of a tridiagonal Hessian); 1 (the default) compiles no batch.
    public var hvpBatch: Int
    /// Also compile the compressed Hessian's sweep for this many colours (at most
    /// ``maximumColoursPerSweep`` per sweep; more take several): every colour's H·d in one
    /// sweep, seeded from the colours (``CompiledSparseHessian``); 0 (the default) compiles none.
    public var hessianColours: Int

    /// The most colours one compiled sweep of the compressed Hessian carries.
    public static let maximumColoursPerSweep = 8

    /// The defaults above.
    public init(
        compiler: String? = nil, cacheDirectory: String? = nil, hvpBatch: Int = 1, hessianColours: Int = 0,
        onFallback: @escaping @Sendable (String) -> Void = { FallbackNotice.shared.report($0) }
    ) {
        self.hvpBatch = Swift.max(1, hvpBatch)
        self.hessianColours = Swift.min(Swift.max(0, hessianColours), Self.maximumColoursPerSweep)
        self.compiler = compiler ?? Environment.value("CC").flatMap { $0.isEmpty ? nil : $0 } ?? "cc"
        self.cacheDirectory = cacheDirectory ?? Self.defaultCacheDirectory
        self.onFallback = onFallback
    }

    /// The default cache directory (see ``cacheDirectory``).
    public static var defaultCacheDirectory: String {
        if let d = Environment.value("JACOBI_CACHE_DIR"), !d.isEmpty { return d }
        if let d = Environment.value("XDG_CACHE_HOME"), !d.isEmpty { return d + "/jacobi/tapes" }
        if let h = Environment.value("HOME"), !h.isEmpty { return h + "/.cache/jacobi/tapes" }
        return "/tmp/jacobi-\(getuid())/tapes"
    }

    /// The flags every tape is compiled with: `-O2 -shared -fPIC`, plus `-ffp-contract=off`
    /// (no fused multiply-add, so results round as the interpreter's do) and
    /// `-fno-math-errno` (libm calls are pure, so unused ones are dropped; values unchanged).
    public static let flags = ["-std=c99", "-O2", "-shared", "-fPIC", "-ffp-contract=off", "-fno-math-errno"]
}

/// The one-line notice of a fallback to the interpreter, written at most once per process.
public final class FallbackNotice: @unchecked Sendable {  // guarded by `mutex`
    /// The process's notice, writing to standard error.
    public static let shared = FallbackNotice { line in
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var said = false
    private let sink: @Sendable (String) -> Void

    /// A notice writing through `sink` (one line, with its newline).
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Writes `jacobi: <reason>; running the interpreted tape` the first time only.
    public func report(_ reason: String) {
        pthread_mutex_lock(mutex)
        let first = !said
        said = true
        pthread_mutex_unlock(mutex)
        if first { sink("jacobi: \(reason); running the interpreted tape\n") }
    }
}

enum Environment {
    static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}

enum CCompiler {
    /// Makes `path` and its parents (mode 0700 for the new ones).
    static func makeDirectories(_ path: String) -> Bool {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func fileExists(_ path: String) -> Bool { access(path, R_OK) == 0 }

    static func write(_ text: String, to path: String) -> Bool {
        guard let f = fopen(path, "w") else { return false }
        let ok = text.withCString { fputs($0, f) } >= 0
        return fclose(f) == 0 && ok
    }

    static func read(_ path: String, limit: Int = 2000) -> String {
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var buffer = [CChar](repeating: 0, count: limit + 1)
        let n = fread(&buffer, 1, limit, f)
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `command` names an executable (a path, or a name found on PATH).
    static func find(_ command: String) -> String? {
        if command.contains("/") { return access(command, X_OK) == 0 ? command : nil }
        for dir in (Environment.value("PATH") ?? "").split(separator: ":") {
            let p = "\(dir)/\(command)"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }

    /// Runs `arguments` (argv[0] the program), standard error into `log`; the exit status.
    static func run(_ arguments: [String], log: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS, spelled out (they are macros)
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }
}

/// A 64-bit FNV-1a hash of text: the cache key of a generated source (the same in every
/// process, unlike `Hasher`).
func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}
