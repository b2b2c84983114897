/// `java.util.Random` bit for bit: AWS implements seeded `$random(seed)` (JSONata) and
/// `States.MathRandom(start, end, seed)` with it, so seeded results match AWS exactly.
struct JavaRandom {
  static let multiplier: UInt64 = 0x5_DEEC_E66D
  static let mask: UInt64 = (1 << 48) - 1
  var seed: UInt64

  init(seed: Int64) {
    self.seed = (UInt64(bitPattern: seed) ^ JavaRandom.multiplier) & JavaRandom.mask
  }

  mutating func next(_ bits: Int) -> Int32 {
    seed = (seed &* JavaRandom.multiplier &+ 0xB) & JavaRandom.mask
    return Int32(truncatingIfNeeded: Int64(bitPattern: seed >> UInt64(48 - bits)))
  }

  /// `nextDouble()`: 53 random bits in [0, 1).
  mutating func nextDouble() -> Double {
    let high = Int64(next(26))
    let low = Int64(next(27))
    return Double((high << 27) + low) * 0x1.0p-53
  }

  /// `nextInt(bound)` for bound > 0.
  mutating func nextInt(_ bound: Int32) -> Int32 {
    var r = next(31)
    let m = bound &- 1
    if bound & m == 0 {
      return Int32(truncatingIfNeeded: (Int64(bound) &* Int64(r)) >> 31)
    }
    var u = r
    while true {
      r = u % bound
      if u &- r &+ m >= 0 { break }
      u = next(31)
    }
    return r
  }
}
