"""Test and benchmark support code (not shipped in the wheel)."""
