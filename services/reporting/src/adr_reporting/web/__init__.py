"""Reporting's staff pages (dashboards, indicators, scorecards, warnings, notices, meetings, typical cases)."""
