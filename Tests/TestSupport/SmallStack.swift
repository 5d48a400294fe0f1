import Foundation

/// Runs `body` on a new thread whose stack is `stackSize` bytes (512 KiB unless given) and
/// returns its result: code that recursed once per level of a 10⁵-deep input would overflow
/// such a stack, so a test that passes here shows the code is iterative on depth.
///
///     let n = try onSmallStack { try Expr.parse(deepText).height }   // 100_000
public func onSmallStack<T: Sendable>(stackSize: Int = 512 << 10, _ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    guard let result = box.result else { throw SmallStackError.noResult }
    return try result.get()
}

/// The thread finished without a result (it cannot, unless `Thread` misbehaves).
public enum SmallStackError: Error { case noResult }

/// Hands a result from the worker thread to the waiting one (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
