"""Coverage gaps: what the blog covers thinly or not at all, and what readers searched for in vain."""

from .records import SECTIONS, GapReport
from .report import build_gap_report

__all__ = ["SECTIONS", "GapReport", "build_gap_report"]
