"""The analysis commands: solve, classify, statics, latex, convert, plot."""
