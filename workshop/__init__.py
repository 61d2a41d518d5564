"""Staff Path Workshop: branching scenarios about the jump from senior to staff engineer."""

__version__ = "0.1.0"
