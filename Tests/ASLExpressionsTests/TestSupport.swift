// Every file of this target sees the shared helpers (json() for test literals).
@_exported import SFDBGTestSupport
