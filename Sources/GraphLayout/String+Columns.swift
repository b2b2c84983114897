import TextWidth

extension String {
  /// The longest prefix that fits in `columns` columns.
  func prefix(columns: Int) -> String {
    var used = 0
    var end = startIndex
    for index in indices {
      let width = CharacterWidth.of(self[index])
      if used + width > columns { break }
      used += width
      end = self.index(after: index)
    }
    return String(self[startIndex..<end])
  }

  /// The longest suffix that fits in `columns` columns.
  func suffix(columns: Int) -> String {
    var used = 0
    var start = endIndex
    while start > startIndex {
      let previous = index(before: start)
      let width = CharacterWidth.of(self[previous])
      if used + width > columns { break }
      used += width
      start = previous
    }
    return String(self[start..<endIndex])
  }
}
