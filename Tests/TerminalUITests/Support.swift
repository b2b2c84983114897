// Every file of this target sees the shared helpers (rendered(), renderedBuffer()).
@_exported import SFDBGTestSupport
