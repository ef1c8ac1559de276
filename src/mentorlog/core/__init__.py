"""Pure building blocks: the date grammar, cadences, the log template, records, the errors,
the one way files are written, and the error boundary every command runs inside."""
