// Module Charts.
