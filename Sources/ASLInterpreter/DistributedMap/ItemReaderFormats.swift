import JSONCore

/// How a Distributed Map's ItemReader turns an object's bytes into items, per `ReaderConfig`
/// (AWS's "ItemReader (Map)" guide): JSON (an array), JSON Lines, CSV (a header row or given
/// headers, five delimiters; every value a string), an S3 inventory manifest, and the entries of
/// an object listing. Pure functions; the caller reads the bytes through an `ObjectStore`.
enum ItemReaderFormats {
  /// A reader failure: the Map state fails with `States.ItemReaderFailed` and this cause.
  struct Failure: Error {
    var cause: String
  }

  /// `InputType: JSON`: the file holds an array (or, with `ItemsPointer`, an object holding
  /// one at that JSON pointer).
  static func json(_ bytes: [UInt8], itemsPointer: String?) throws(Failure) -> [JSONValue] {
    let value: JSONValue
    do {
      value = try JSONParser.parseDocument(bytes, options: .init(rejectDuplicateKeys: false)).value
    } catch {
      throw Failure(cause: "Unable to parse the JSON file: \(error.message)")
    }
    var items = value
    if let itemsPointer {
      guard itemsPointer.isEmpty || itemsPointer.hasPrefix("/"),
        let found = JSONPointer(itemsPointer).resolve(in: value)
      else {
        throw Failure(cause: "The ItemsPointer '\(itemsPointer)' does not point to a value in the JSON file.")
      }
      items = found
    }
    guard case .array(let array) = items else {
      throw Failure(cause: "Attempting to map over non-iterable node.")
    }
    return array
  }

  /// `InputType: JSONL`: one JSON value per non-empty line.
  static func jsonLines(_ bytes: [UInt8]) throws(Failure) -> [JSONValue] {
    var items: [JSONValue] = []
    for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      var slice = Array(line)
      if slice.last == UInt8(ascii: "\r") { slice.removeLast() }
      if slice.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
      do {
        items.append(try JSONParser.parseDocument(slice, options: .init(rejectDuplicateKeys: false)).value)
      } catch {
        throw Failure(cause: "Unable to parse line \(index + 1) of the JSONL file: \(error.message)")
      }
    }
    return items
  }

  /// `CSVDelimiter`'s values and the byte each names.
  static let delimiters: [String: UInt8] = [
    "COMMA": UInt8(ascii: ","), "PIPE": UInt8(ascii: "|"), "SEMICOLON": UInt8(ascii: ";"),
    "SPACE": UInt8(ascii: " "), "TAB": 9,
  ]

  /// `InputType: CSV`: each row an object from header to value (strings). `headers` nil: the
  /// first row is the header (`CSVHeaderLocation: FIRST_ROW`). A short row's missing columns
  /// are empty strings.
  static func csv(_ bytes: [UInt8], delimiter: UInt8, headers given: [String]?) throws(Failure)
    -> [JSONValue]
  {
    var rows = try records(bytes, delimiter: delimiter)
    let headers: [String]
    if let given {
      headers = given
    } else {
      guard !rows.isEmpty else { return [] }
      headers = rows.removeFirst()
    }
    if Set(headers).count < headers.count {
      throw Failure(cause: "CSV headers cannot contain duplicates.")
    }
    return rows.map { row in
      var o = JSONObject()
      for (i, header) in headers.enumerated() { o[header] = .string(i < row.count ? row[i] : "") }
      return .object(o)
    }
  }

  /// RFC 4180 records: quoted fields may hold the delimiter, `""` and line breaks; `\r\n` or
  /// `\n` end a record; blank lines are skipped.
  static func records(_ bytes: [UInt8], delimiter: UInt8) throws(Failure) -> [[String]] {
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), ret = UInt8(ascii: "\r")
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var fieldStarted = false
    var i = 0
    func endField() {
      row.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldStarted = false
    }
    func endRow() {
      endField()
      if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
      row = []
    }
    while i < bytes.count {
      let b = bytes[i]
      if quoted {
        if b == quote {
          if i + 1 < bytes.count, bytes[i + 1] == quote {
            field.append(quote)
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(b)
        }
      } else if b == quote && !fieldStarted && field.isEmpty {
        quoted = true
        fieldStarted = true
      } else if b == delimiter {
        endField()
      } else if b == newline {
        endRow()
      } else if b == ret, i + 1 < bytes.count, bytes[i + 1] == newline {
        // the newline ends the row
      } else {
        field.append(b)
        fieldStarted = true
      }
      i += 1
    }
    if quoted { throw Failure(cause: "The CSV file has a quoted field that is not closed.") }
    if fieldStarted || !field.isEmpty || !row.isEmpty { endRow() }
    return rows
  }

  /// An object listing (`s3:listObjectsV2`): each item as the service gives it to the Map
  /// (the "ItemReader (Map)" guide's example: Etag, Key, LastModified in epoch seconds, Size,
  /// StorageClass).
  static func listing(_ objects: [StoredObject]) -> [JSONValue] {
    objects.map { o in
      .object([
        "Etag": .string(o.eTag), "Key": .string(o.key), "LastModified": .int(o.lastModified),
        "Size": .int(o.size), "StorageClass": "STANDARD",
      ])
    }
  }

  /// An S3 inventory's `manifest.json`: the bucket and keys of its CSV files and their columns.
  struct InventoryManifest {
    var bucket: String
    var keys: [String]
    var columns: [String]
  }

  /// Reads an S3 inventory manifest (`ManifestType: S3_INVENTORY`, CSV files).
  static func inventoryManifest(_ bytes: [UInt8]) throws(Failure) -> InventoryManifest {
    let value: JSONValue
    do {
      value = try JSONParser.parseDocument(bytes, options: .init(rejectDuplicateKeys: false)).value
    } catch {
      throw Failure(cause: "Unable to parse the manifest file: \(error.message)")
    }
    guard case .object(let o) = value, case .string(let destination)? = o["destinationBucket"],
      case .array(let files)? = o["files"], case .string(let schema)? = o["fileSchema"]
    else {
      throw Failure(
        cause: "The manifest is not an S3 inventory manifest (destinationBucket, fileSchema and files).")
    }
    if case .string(let format)? = o["fileFormat"], format.uppercased() != "CSV" {
      throw Failure(cause: "The S3 inventory manifest's fileFormat is \(format); only CSV is supported.")
    }
    // destinationBucket is an ARN: arn:aws:s3:::BUCKET.
    let bucket = destination.split(separator: ":").last.map(String.init) ?? destination
    let keys = files.compactMap { file -> String? in
      guard case .object(let f) = file, case .string(let key)? = f["key"] else { return nil }
      return key
    }
    let columns = schema.split(separator: ",").map { $0.trimmingSpaces }
    return InventoryManifest(bucket: bucket, keys: keys, columns: columns)
  }

  /// Gzip's magic number: S3 inventory files are usually compressed.
  static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
