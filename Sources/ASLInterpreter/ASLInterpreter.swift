// Module ASLInterpreter: placeholder until its issue lands.
