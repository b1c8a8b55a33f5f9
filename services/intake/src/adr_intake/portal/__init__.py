"""The applicant portal (issue #12): apply online, follow a dispute by its number and access code."""
