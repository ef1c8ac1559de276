"""What touches the world outside the journal: the editor and stdin (capture, recovery
files), age encryption, and the config file."""
