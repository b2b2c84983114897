print("sfdbg placeholder")
