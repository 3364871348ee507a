"""Steppe."""
