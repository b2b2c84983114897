// Character widths live in their own module (the graph layout measures labels with them too);
// everything that imports TerminalUI sees them.
@_exported import TextWidth
