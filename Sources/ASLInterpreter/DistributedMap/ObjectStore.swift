import JSONCore
import Synchronization

/// The S3 buckets a Distributed Map reads (ItemReader) and writes (ResultWriter).
///
/// A seam, so the interpreter stays pure: the command line maps buckets to local folders
/// (`--s3 BUCKET=DIR`, ProjectLoading's `LocalFolderStore`), tests use `InMemoryObjectStore`.
public protocol ObjectStore: Sendable {
  /// `s3:getObject`: the object's bytes.
  func getObject(bucket: String, key: String) throws(ObjectStoreError) -> [UInt8]
  /// `s3:listObjectsV2`: the objects whose key starts with `prefix`, in key order.
  func listObjects(bucket: String, prefix: String) throws(ObjectStoreError) -> [StoredObject]
  /// `s3:putObject`.
  func putObject(bucket: String, key: String, bytes: [UInt8]) throws(ObjectStoreError)
}

/// One entry of an object listing.
public struct StoredObject: Sendable, Equatable {
  public var key: String
  public var size: Int
  /// The quoted hex digest S3 gives as ETag (`"\"…\""`).
  public var eTag: String
  /// Seconds since 1970 (what the ItemReader's listing items carry).
  public var lastModified: Int

  public init(key: String, size: Int, eTag: String, lastModified: Int) {
    (self.key, self.size, self.eTag, self.lastModified) = (key, size, eTag, lastModified)
  }
}

/// Why the store could not do what was asked.
public enum ObjectStoreError: Error, Sendable, Equatable {
  /// No folder is mapped to the bucket (the message names `--s3`).
  case unmappedBucket(String)
  /// S3's NoSuchKey.
  case noSuchKey(bucket: String, key: String)
  /// Anything else (an unreadable file, a write that failed), in words.
  case failed(String)

  /// The cause text the Map state's error carries.
  public var message: String {
    switch self {
    case .unmappedBucket(let bucket):
      return "The bucket '\(bucket)' is not mapped to a local folder; run sfdbg with --s3 \(bucket)=DIR"
    case .noSuchKey(let bucket, let key):
      // S3's NoSuchKey message, as its SDKs print it.
      return "The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey) "
        + "Bucket: \(bucket), Key: \(key)"
    case .failed(let text): return text
    }
  }
}

/// Buckets held in memory (tests, and runs that give no `--s3`).
public final class InMemoryObjectStore: ObjectStore {
  private let buckets: Mutex<[String: [String: [UInt8]]]>

  /// `buckets`: bucket name → key → bytes. Only these buckets exist.
  public init(_ buckets: [String: [String: [UInt8]]] = [:]) {
    self.buckets = Mutex(buckets)
  }

  public func getObject(bucket: String, key: String) throws(ObjectStoreError) -> [UInt8] {
    let found: [UInt8]?? = buckets.withLock { $0[bucket].map { $0[key] } }
    guard let objects = found else { throw .unmappedBucket(bucket) }
    guard let bytes = objects else { throw .noSuchKey(bucket: bucket, key: key) }
    return bytes
  }

  public func listObjects(bucket: String, prefix: String) throws(ObjectStoreError) -> [StoredObject] {
    guard let objects = buckets.withLock({ $0[bucket] }) else { throw .unmappedBucket(bucket) }
    return objects.keys.filter { $0.hasPrefix(prefix) }.sorted().map { key in
      let bytes = objects[key]!
      return StoredObject(key: key, size: bytes.count, eTag: ObjectDigest.eTag(bytes), lastModified: 0)
    }
  }

  public func putObject(bucket: String, key: String, bytes: [UInt8]) throws(ObjectStoreError) {
    let mapped = buckets.withLock { (b: inout [String: [String: [UInt8]]]) -> Bool in
      guard b[bucket] != nil else { return false }
      b[bucket]![key] = bytes
      return true
    }
    if !mapped { throw .unmappedBucket(bucket) }
  }

  /// The bytes under `key`, nil when absent (for tests).
  public func object(bucket: String, key: String) -> [UInt8]? {
    buckets.withLock { $0[bucket]?[key] }
  }

  /// Every key of `bucket`, sorted (for tests).
  public func keys(bucket: String) -> [String] {
    buckets.withLock { ($0[bucket]?.keys).map { Array($0).sorted() } ?? [] }
  }
}

/// A stable ETag for local objects. S3's is the MD5 of the bytes; here a 128-bit FNV-1a digest
/// in the same quoted 32-hex-digit shape, so ETags change exactly when the bytes do.
public enum ObjectDigest {
  public static func eTag(_ bytes: [UInt8]) -> String {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4
    for byte in bytes {
      a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      b = (b ^ UInt64(byte) ^ (a >> 29)) &* 0x0000_0100_0000_01B3
    }
    func hex(_ v: UInt64) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return "\"" + hex(a) + hex(b) + "\""
  }
}
