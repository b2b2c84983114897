// Module ASLModel: placeholder until its issue lands.
