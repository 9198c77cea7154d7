"""clausecheck: checks supplier contracts clause by clause against ARBIT-2022, GDPR and the Dutch
government's generative-AI purchasing conditions."""
from __future__ import annotations

__version__ = "0.1.0"
