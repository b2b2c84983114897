// Module GraphLayout: placeholder until its issue lands.
