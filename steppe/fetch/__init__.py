"""Fetchers: the only code in Steppe that opens a network connection. They read published file
lists and feeds, download politely (User-Agent, rate limit, retries with backoff), verify what
arrives and hand files to :mod:`steppe.ingest`."""

from steppe.fetch.gdelt import FetchReport, FileOutcome, default_cache, fetch_gdelt
from steppe.fetch.http import USER_AGENT, Policy

__all__ = ["USER_AGENT", "FetchReport", "FileOutcome", "Policy", "default_cache", "fetch_gdelt"]
