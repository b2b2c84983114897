// Module ASLLoading: placeholder until its issue lands.
