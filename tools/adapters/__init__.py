"""Adapters for outside lead services on their documented HTTP APIs (keys are passed in, never read here)."""
