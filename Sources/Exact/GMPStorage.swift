import CGMP

/// A GMP value type (`mpz_t`, `mpq_t`) and the three calls that manage it.
protocol GMPValue {
    static func initialize(_ value: UnsafeMutablePointer<Self>)
    static func assign(_ target: UnsafeMutablePointer<Self>, _ source: UnsafeMutablePointer<Self>)
    static func clear(_ value: UnsafeMutablePointer<Self>)
}

extension __mpz_struct: GMPValue {
    static func initialize(_ value: UnsafeMutablePointer<Self>) { __gmpz_init(value) }
    static func assign(_ target: UnsafeMutablePointer<Self>, _ source: UnsafeMutablePointer<Self>) { __gmpz_set(target, source) }
    static func clear(_ value: UnsafeMutablePointer<Self>) { __gmpz_clear(value) }
}

extension __mpq_struct: GMPValue {
    static func initialize(_ value: UnsafeMutablePointer<Self>) { __gmpq_init(value) }
    static func assign(_ target: UnsafeMutablePointer<Self>, _ source: UnsafeMutablePointer<Self>) { __gmpq_set(target, source) }
    static func clear(_ value: UnsafeMutablePointer<Self>) { __gmpq_clear(value) }
}

/// Owns one heap-allocated, initialised GMP value.
///
/// GMP values hold pointers to their limbs, so the struct must never be copied bitwise; keeping
/// it behind a class-owned pointer with a stable address makes that impossible, and lets GMP
/// calls alias inputs and outputs freely.
final class GMPStorage<Value: GMPValue>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>

    init() {
        pointer = .allocate(capacity: 1)
        Value.initialize(pointer)
    }

    convenience init(copying other: GMPStorage) {
        self.init()
        Value.assign(pointer, other.pointer)
    }

    deinit {
        Value.clear(pointer)
        pointer.deallocate()
    }
}

/// One GMP integer (`mpz_t`).
typealias IntegerStorage = GMPStorage<__mpz_struct>

/// One GMP rational (`mpq_t`), always in canonical form (denominator positive, numerator and
/// denominator coprime).
typealias RationalStorage = GMPStorage<__mpq_struct>
