// Module DebuggerApp: placeholder until its issue lands.
