// Module ASLGraph: placeholder until its issue lands.
