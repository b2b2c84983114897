/// A growable stack whose top elements can be *moved* out into an array without retain/release
/// traffic: the parser's scratch space for object members and array elements.
final class ScratchStack<Element> {
  private var storage: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  @inline(__always) func push(_ element: consuming Element) {
    if count == capacity { grow() }
    (storage + count).initialize(to: element)
    count += 1
  }

  private func grow() {
    let newCapacity = capacity * 2
    let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newStorage.moveInitialize(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  @inline(__always) subscript(index: Int) -> Element { storage[index] }

  /// Moves the elements from `base` to the top into a new array and pops them.
  @inline(__always) func popArray(from base: Int) -> [Element] {
    let n = count - base
    let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
      buffer.baseAddress!.moveInitialize(from: storage + base, count: n)
      initialized = n
    }
    count = base
    return result
  }

  /// Moves the element at `index` out; the caller then pops it with `forget(to:)`.
  @inline(__always) func take(_ index: Int) -> Element { (storage + index).move() }

  /// Pops the elements from `base` to the top after they were all moved out with `take`.
  @inline(__always) func forget(to base: Int) { count = base }

  /// Drops the elements from `base` to the top.
  @inline(__always) func truncate(to base: Int) {
    (storage + base).deinitialize(count: count - base)
    count = base
  }
}
