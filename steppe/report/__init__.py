"""Layer 7: the offline HTML report."""

from steppe.report.html import report_context, write_report

__all__ = ["report_context", "write_report"]
