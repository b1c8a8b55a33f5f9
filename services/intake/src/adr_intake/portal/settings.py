"""The portal's settings inside intake's (``INTAKE_PORTAL__MAX_UPLOAD_BYTES`` and so on)."""

from pydantic import BaseModel, Field


class PortalSettings(BaseModel):
    """Upload limits, access-attempt limits, the centre's review period shown to applicants."""

    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)  # per file
    max_evidence_files: int = Field(default=10, ge=0, le=50)
    # failed access attempts allowed in the window, per registration number and per client address
    max_failures_per_number: int = Field(default=5, ge=1)
    max_failures_per_client: int = Field(default=20, ge=1)
    window_minutes: int = Field(default=15, ge=1)
    # the centre's own commitment to review and route an online application (calendar days from receipt)
    review_days: int = Field(default=7, ge=1, le=60)
