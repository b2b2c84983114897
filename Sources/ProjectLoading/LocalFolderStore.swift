import ASLInterpreter
import Foundation

/// S3 buckets as local folders (`--s3 BUCKET=DIR`): a key is a path under the bucket's folder.
/// The edge of the Distributed Map's ItemReader and ResultWriter: the interpreter reads and
/// writes through this `ObjectStore` and never touches files itself.
public struct LocalFolderStore: ObjectStore {
  /// Bucket name → folder.
  public let folders: [String: String]

  public init(folders: [String: String]) { self.folders = folders }

  /// Parses `--s3` values (`BUCKET=DIR`, repeatable); the folder must exist.
  public init(specs: [String]) throws(LoadPipelineError) {
    var folders: [String: String] = [:]
    for spec in specs {
      guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex, spec.index(after: eq) != spec.endIndex
      else {
        throw .usage("--s3 '\(spec)': expected BUCKET=DIR (a bucket name and a local folder)")
      }
      let bucket = String(spec[..<eq])
      let folder = String(spec[spec.index(after: eq)...])
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
      else {
        throw .usage("--s3 \(bucket)=\(folder): \(folder) is not a folder")
      }
      if let other = folders[bucket], other != folder {
        throw .usage("--s3 \(bucket) is given twice (\(other) and \(folder))")
      }
      folders[bucket] = folder
    }
    self.folders = folders
  }

  func path(_ bucket: String, _ key: String) throws(ObjectStoreError) -> String {
    guard let folder = folders[bucket] else { throw .unmappedBucket(bucket) }
    // Keys stay inside the folder: no `..` segments, no absolute paths.
    let parts = key.split(separator: "/", omittingEmptySubsequences: true)
    if parts.contains(where: { $0 == ".." }) {
      throw .failed("The key '\(key)' leaves the folder of bucket '\(bucket)' (..)")
    }
    return (folder.hasSuffix("/") ? folder : folder + "/") + parts.joined(separator: "/")
  }

  public func getObject(bucket: String, key: String) throws(ObjectStoreError) -> [UInt8] {
    let file = try path(bucket, key)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
      let data = FileManager.default.contents(atPath: file)
    else {
      throw .noSuchKey(bucket: bucket, key: key)
    }
    return [UInt8](data)
  }

  public func listObjects(bucket: String, prefix: String) throws(ObjectStoreError) -> [StoredObject] {
    let root = try path(bucket, "")
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var objects: [StoredObject] = []
    while let relative = walker.nextObject() as? String {
      let file = root + relative
      var isDirectory: ObjCBool = false
      guard relative.hasPrefix(prefix), FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory),
        !isDirectory.boolValue, let data = FileManager.default.contents(atPath: file)
      else { continue }
      let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
        .flatMap { $0 }
      objects.append(
        StoredObject(
          key: relative, size: data.count, eTag: ObjectDigest.eTag([UInt8](data)),
          lastModified: Int(modified?.timeIntervalSince1970 ?? 0)))
    }
    return objects.sorted { $0.key < $1.key }
  }

  public func putObject(bucket: String, key: String, bytes: [UInt8]) throws(ObjectStoreError) {
    let file = try path(bucket, key)
    let directory = (file as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: file))
    } catch {
      throw .failed("Unable to write s3://\(bucket)/\(key) to \(file): \(error.localizedDescription)")
    }
  }
}
