// Module DebuggerCore: placeholder until its issue lands.
