import Foundation

/// The digest algorithms `States.Hash` accepts, implemented in pure Swift (no dependency).
public enum HashAlgorithm: String, Sendable, CaseIterable {
  case md5 = "MD5"
  case sha1 = "SHA-1"
  case sha256 = "SHA-256"
  case sha384 = "SHA-384"
  case sha512 = "SHA-512"

  /// The digest of `message` as lowercase hex.
  public func hexDigest(_ message: [UInt8]) -> String {
    let digest: [UInt8]
    switch self {
    case .md5: digest = Digests.md5(message)
    case .sha1: digest = Digests.sha1(message)
    case .sha256: digest = Digests.sha2(message, initial: Digests.sha256Initial, Digests.sha256Rounds)
    case .sha384:
      digest = Array(Digests.sha2(message, initial: Digests.sha384Initial, Digests.sha512Rounds).prefix(48))
    case .sha512: digest = Digests.sha2(message, initial: Digests.sha512Initial, Digests.sha512Rounds)
    }
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(digest.count * 2)
    for byte in digest {
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Message digest implementations (RFC 1321, FIPS 180-4).
enum Digests {
  /// Pads to a multiple of `blockSize` with the bit length appended in `lengthBytes` bytes.
  static func pad(_ message: [UInt8], blockSize: Int, lengthBytes: Int, bigEndian: Bool) -> [UInt8]
  {
    var data = message
    let bitLength = UInt64(message.count) &* 8
    data.append(0x80)
    while (data.count + lengthBytes) % blockSize != 0 { data.append(0) }
    var lengthField = [UInt8](repeating: 0, count: lengthBytes)
    for i in 0..<8 {
      let byte = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))
      if bigEndian { lengthField[lengthBytes - 1 - i] = byte } else { lengthField[i] = byte }
    }
    data.append(contentsOf: lengthField)
    return data
  }

  static func rotl<Word: FixedWidthInteger & UnsignedInteger>(_ x: Word, _ n: Int) -> Word {
    (x &<< n) | (x &>> (Word.bitWidth - n))
  }
  static func rotr<Word: FixedWidthInteger & UnsignedInteger>(_ x: Word, _ n: Int) -> Word {
    (x &>> n) | (x &<< (Word.bitWidth - n))
  }

  /// The word of `Word.bitWidth / 8` bytes at `base`.
  static func word<Word: FixedWidthInteger & UnsignedInteger>(
    _ data: [UInt8], at base: Int, bigEndian: Bool
  ) -> Word {
    let count = Word.bitWidth / 8
    var word: Word = 0
    for j in 0..<count { word = word &<< 8 | Word(data[base + (bigEndian ? j : count - 1 - j)]) }
    return word
  }

  /// The bytes of `words`, each in the given byte order.
  static func bytes<Word: FixedWidthInteger & UnsignedInteger>(_ words: [Word], bigEndian: Bool)
    -> [UInt8]
  {
    let count = Word.bitWidth / 8
    var out: [UInt8] = []
    out.reserveCapacity(words.count * count)
    for word in words {
      for i in 0..<count {
        out.append(UInt8(truncatingIfNeeded: word &>> (8 * (bigEndian ? count - 1 - i : i))))
      }
    }
    return out
  }

  static let md5Shifts: [Int] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
  ]
  static let md5Constants: [UInt32] = (0..<64).map { i in
    UInt32(truncatingIfNeeded: Int64((abs(sin(Double(i + 1))) * 4_294_967_296.0).rounded(.down)))
  }

  static func md5(_ message: [UInt8]) -> [UInt8] {
    let data = pad(message, blockSize: 64, lengthBytes: 8, bigEndian: false)
    var a0: UInt32 = 0x6745_2301
    var b0: UInt32 = 0xefcd_ab89
    var c0: UInt32 = 0x98ba_dcfe
    var d0: UInt32 = 0x1032_5476
    var m = [UInt32](repeating: 0, count: 16)
    for chunk in stride(from: 0, to: data.count, by: 64) {
      for i in 0..<16 { m[i] = word(data, at: chunk + 4 * i, bigEndian: false) }
      var a = a0
      var b = b0
      var c = c0
      var d = d0
      for i in 0..<64 {
        var f: UInt32
        let g: Int
        switch i {
        case 0..<16:
          f = (b & c) | (~b & d)
          g = i
        case 16..<32:
          f = (d & b) | (~d & c)
          g = (5 * i + 1) % 16
        case 32..<48:
          f = b ^ c ^ d
          g = (3 * i + 5) % 16
        default:
          f = c ^ (b | ~d)
          g = (7 * i) % 16
        }
        f = f &+ a &+ md5Constants[i] &+ m[g]
        a = d
        d = c
        c = b
        b = b &+ rotl(f, md5Shifts[i])
      }
      a0 = a0 &+ a
      b0 = b0 &+ b
      c0 = c0 &+ c
      d0 = d0 &+ d
    }
    return bytes([a0, b0, c0, d0], bigEndian: false)
  }

  static func sha1(_ message: [UInt8]) -> [UInt8] {
    let data = pad(message, blockSize: 64, lengthBytes: 8, bigEndian: true)
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var w = [UInt32](repeating: 0, count: 80)
    for chunk in stride(from: 0, to: data.count, by: 64) {
      for i in 0..<16 { w[i] = word(data, at: chunk + 4 * i, bigEndian: true) }
      for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
      var a = h[0]
      var b = h[1]
      var c = h[2]
      var d = h[3]
      var e = h[4]
      for i in 0..<80 {
        let f: UInt32
        let k: UInt32
        switch i {
        case 0..<20:
          f = (b & c) | (~b & d)
          k = 0x5A82_7999
        case 20..<40:
          f = b ^ c ^ d
          k = 0x6ED9_EBA1
        case 40..<60:
          f = (b & c) | (b & d) | (c & d)
          k = 0x8F1B_BCDC
        default:
          f = b ^ c ^ d
          k = 0xCA62_C1D6
        }
        let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
        e = d
        d = c
        c = rotl(b, 30)
        b = a
        a = temp
      }
      h[0] = h[0] &+ a
      h[1] = h[1] &+ b
      h[2] = h[2] &+ c
      h[3] = h[3] &+ d
      h[4] = h[4] &+ e
    }
    return bytes(h, bigEndian: true)
  }

  static let sha512Initial: [UInt64] = [
    0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
  ]
  static let sha384Initial: [UInt64] = [
    0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
    0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4,
  ]
  static let sha512Constants: [UInt64] = [
    0x428a_2f98_d728_ae22, 0x7137_4491_23ef_65cd, 0xb5c0_fbcf_ec4d_3b2f, 0xe9b5_dba5_8189_dbbc,
    0x3956_c25b_f348_b538, 0x59f1_11f1_b605_d019, 0x923f_82a4_af19_4f9b, 0xab1c_5ed5_da6d_8118,
    0xd807_aa98_a303_0242, 0x1283_5b01_4570_6fbe, 0x2431_85be_4ee4_b28c, 0x550c_7dc3_d5ff_b4e2,
    0x72be_5d74_f27b_896f, 0x80de_b1fe_3b16_96b1, 0x9bdc_06a7_25c7_1235, 0xc19b_f174_cf69_2694,
    0xe49b_69c1_9ef1_4ad2, 0xefbe_4786_384f_25e3, 0x0fc1_9dc6_8b8c_d5b5, 0x240c_a1cc_77ac_9c65,
    0x2de9_2c6f_592b_0275, 0x4a74_84aa_6ea6_e483, 0x5cb0_a9dc_bd41_fbd4, 0x76f9_88da_8311_53b5,
    0x983e_5152_ee66_dfab, 0xa831_c66d_2db4_3210, 0xb003_27c8_98fb_213f, 0xbf59_7fc7_beef_0ee4,
    0xc6e0_0bf3_3da8_8fc2, 0xd5a7_9147_930a_a725, 0x06ca_6351_e003_826f, 0x1429_2967_0a0e_6e70,
    0x27b7_0a85_46d2_2ffc, 0x2e1b_2138_5c26_c926, 0x4d2c_6dfc_5ac4_2aed, 0x5338_0d13_9d95_b3df,
    0x650a_7354_8baf_63de, 0x766a_0abb_3c77_b2a8, 0x81c2_c92e_47ed_aee6, 0x9272_2c85_1482_353b,
    0xa2bf_e8a1_4cf1_0364, 0xa81a_664b_bc42_3001, 0xc24b_8b70_d0f8_9791, 0xc76c_51a3_0654_be30,
    0xd192_e819_d6ef_5218, 0xd699_0624_5565_a910, 0xf40e_3585_5771_202a, 0x106a_a070_32bb_d1b8,
    0x19a4_c116_b8d2_d0c8, 0x1e37_6c08_5141_ab53, 0x2748_774c_df8e_eb99, 0x34b0_bcb5_e19b_48a8,
    0x391c_0cb3_c5c9_5a63, 0x4ed8_aa4a_e341_8acb, 0x5b9c_ca4f_7763_e373, 0x682e_6ff3_d6b2_b8a3,
    0x748f_82ee_5def_b2fc, 0x78a5_636f_4317_2f60, 0x84c8_7814_a1f0_ab72, 0x8cc7_0208_1a64_39ec,
    0x90be_fffa_2363_1e28, 0xa450_6ceb_de82_bde9, 0xbef9_a3f7_b2c6_7915, 0xc671_78f2_e372_532b,
    0xca27_3ece_ea26_619c, 0xd186_b8c7_21c0_c207, 0xeada_7dd6_cde0_eb1e, 0xf57d_4f7f_ee6e_d178,
    0x06f0_67aa_7217_6fba, 0x0a63_7dc5_a2c8_98a6, 0x113f_9804_bef9_0dae, 0x1b71_0b35_131c_471b,
    0x28db_77f5_2304_7d84, 0x32ca_ab7b_40c7_2493, 0x3c9e_be0a_15c9_bebc, 0x431d_67c4_9c10_0d4c,
    0x4cc5_d4be_cb3e_42b6, 0x597f_299c_fc65_7e2a, 0x5fcb_6fab_3ad6_faec, 0x6c44_198c_4a47_5817,
  ]

  /// What differs between SHA-256 and SHA-512 (FIPS 180-4 §4.1.2, §4.1.3): the round
  /// constants and the rotate/shift amounts of σ0, σ1 (message schedule) and Σ0, Σ1 (rounds).
  struct SHA2Rounds<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    var constants: [Word]
    var sigma0: (Int, Int, Int)
    var sigma1: (Int, Int, Int)
    var bigSigma0: (Int, Int, Int)
    var bigSigma1: (Int, Int, Int)
  }

  // SHA-256's initial values and constants are the first 32 bits of SHA-512's (the fractional
  // parts of the square roots of the first 8 primes, the cube roots of the first 64).
  static let sha256Initial = sha512Initial.map { UInt32(truncatingIfNeeded: $0 >> 32) }
  static let sha256Constants = sha512Constants.prefix(64).map { UInt32(truncatingIfNeeded: $0 >> 32) }

  static let sha256Rounds = SHA2Rounds<UInt32>(
    constants: sha256Constants, sigma0: (7, 18, 3), sigma1: (17, 19, 10),
    bigSigma0: (2, 13, 22), bigSigma1: (6, 11, 25))
  static let sha512Rounds = SHA2Rounds<UInt64>(
    constants: sha512Constants, sigma0: (1, 8, 7), sigma1: (19, 61, 6),
    bigSigma0: (28, 34, 39), bigSigma1: (14, 18, 41))

  /// SHA-256 (32-bit words) or SHA-384/512 (64-bit words): one compression function.
  static func sha2<Word: FixedWidthInteger & UnsignedInteger>(
    _ message: [UInt8], initial: [Word], _ rounds: SHA2Rounds<Word>
  ) -> [UInt8] {
    let wordBytes = Word.bitWidth / 8
    let blockSize = 16 * wordBytes
    let data = pad(message, blockSize: blockSize, lengthBytes: 2 * wordBytes, bigEndian: true)
    let count = rounds.constants.count
    let (s0a, s0b, s0shift) = rounds.sigma0
    let (s1a, s1b, s1shift) = rounds.sigma1
    let (b0a, b0b, b0c) = rounds.bigSigma0
    let (b1a, b1b, b1c) = rounds.bigSigma1
    var h = initial
    var w = [Word](repeating: 0, count: count)
    for chunk in stride(from: 0, to: data.count, by: blockSize) {
      for i in 0..<16 { w[i] = word(data, at: chunk + wordBytes * i, bigEndian: true) }
      for i in 16..<count {
        let s0 = rotr(w[i - 15], s0a) ^ rotr(w[i - 15], s0b) ^ (w[i - 15] &>> s0shift)
        let s1 = rotr(w[i - 2], s1a) ^ rotr(w[i - 2], s1b) ^ (w[i - 2] &>> s1shift)
        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
      }
      var v = h
      for i in 0..<count {
        let s1 = rotr(v[4], b1a) ^ rotr(v[4], b1b) ^ rotr(v[4], b1c)
        let ch = (v[4] & v[5]) ^ (~v[4] & v[6])
        let t1 = v[7] &+ s1 &+ ch &+ rounds.constants[i] &+ w[i]
        let s0 = rotr(v[0], b0a) ^ rotr(v[0], b0b) ^ rotr(v[0], b0c)
        let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2])
        let t2 = s0 &+ maj
        v[7] = v[6]
        v[6] = v[5]
        v[5] = v[4]
        v[4] = v[3] &+ t1
        v[3] = v[2]
        v[2] = v[1]
        v[1] = v[0]
        v[0] = t1 &+ t2
      }
      for i in 0..<8 { h[i] = h[i] &+ v[i] }
    }
    return bytes(h, bigEndian: true)
  }
}
