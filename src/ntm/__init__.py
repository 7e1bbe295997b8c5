"""ntm: information system for Vietnam's National Target Programme on New Rural Development."""

__version__ = "0.1.0"
