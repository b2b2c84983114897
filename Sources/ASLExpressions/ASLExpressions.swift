// Module ASLExpressions: placeholder until its issue lands.
