import Synchronization

/// A request to end a running rank analysis early with what it has established (Ctrl-C at the
/// command line). Pass one in ``RankOptions/interruption``; after ``request()`` the batch stops
/// growing at the next round boundary (a round is one Jacobian block and its factorisation), and
/// the analysis attributes and reports the bracket so far (``GrowthStop/interrupted``).
/// ``request()`` is a lock-free atomic store, so a signal handler may call it.
public final class RankInterruption: Sendable, Equatable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// The instance the command line's SIGINT handler sets.
    public static let commandLine = RankInterruption()

    /// Asks the analyses using this instance to stop growing.
    public func request() { flag.store(true, ordering: .relaxed) }
    /// Clears a request.
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Identity: two options are equal only when they share the instance.
    public static func == (a: RankInterruption, b: RankInterruption) -> Bool { a === b }
}
